/**
 * Vigil's device simulator and load generator.
 *
 * <p>{@link io.vigil.sim.PatientPhysiology} models one patient (seeded baselines, circadian rhythm, variability,
 * a {@link io.vigil.sim.Scenario}); a {@link io.vigil.sim.SimulatedDevice} of some {@link io.vigil.sim.DeviceKind}
 * reads it with its own noise, units and artefacts; a {@link io.vigil.sim.Simulator} plays many devices against a
 * Vigil over MQTT 5 or HTTP, each on its own connection, and counts what was acknowledged
 * ({@link io.vigil.sim.SimulatorStats}). {@link io.vigil.sim.SimulateCommand} is {@code vigil simulate}: it
 * provisions patients and devices through the REST API, then runs a simulator. Pure library: no Spring.
 */
package io.vigil.sim;
