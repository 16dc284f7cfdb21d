package io.vigil.codec.hl7;

import io.vigil.model.Measurement;

/**
 * One measurement of an ORU^R01, with where it came from.
 *
 * @param measurement the coded measurement in canonical units (a blood-pressure panel gathers its OBX rows)
 * @param position    the (first) OBX it came from, e.g. {@code OBX[4]}: with MSH-10, a stable key for retries
 * @param containment OBX-4 containment (MDS.VMD.CHAN.METRIC), or null
 */
public record Hl7Reading(Measurement measurement, String position, String containment) {}
