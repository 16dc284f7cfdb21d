package io.vigil.sim;

import java.util.Objects;

/**
 * One device the simulator plays: its Vigil identity, what kind of device it is, and the patient physiology it
 * measures. Several devices of one patient share one physiology.
 *
 * @param deviceId    the device's id in Vigil (also its MQTT user name)
 * @param secret      the device secret Vigil issued at registration
 * @param kind        what the device measures and how often
 * @param physiology  the patient wearing it
 */
public record SimulatedDevice(String deviceId, String secret, DeviceKind kind, PatientPhysiology physiology) {
    public SimulatedDevice {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(physiology, "physiology");
    }

    @Override
    public String toString() {
        return "SimulatedDevice[" + deviceId + ", " + kind + "]";
    }
}
