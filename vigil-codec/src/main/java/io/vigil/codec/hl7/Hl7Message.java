package io.vigil.codec.hl7;

import java.time.Instant;
import java.util.List;

/**
 * What an IHE PCD-01 ORU^R01 said.
 *
 * @param controlId          MSH-10, echoed in the acknowledgement's MSA-2
 * @param sendingApplication MSH-3 namespace id, or null
 * @param sendingFacility    MSH-4 namespace id, or null
 * @param profile            MSH-21 first entity id (e.g. {@code IHE_PCD_001}), or null
 * @param messageTime        MSH-7, or null
 * @param patientIds         PID-3 repetitions, in order (empty without PID)
 * @param equipmentId        the device: OBX-18 / PRT-10 entity id, else MSH-3's EUI-64
 * @param readings           the measurements Vigil took, in OBX order
 * @param notes              what Vigil passed over and why (unknown MDC codes, values not obtained, sentinels)
 */
public record Hl7Message(String controlId, String sendingApplication, String sendingFacility, String profile,
                         Instant messageTime, List<PatientIdentifier> patientIds, String equipmentId,
                         List<Hl7Reading> readings, List<String> notes) {
    public Hl7Message {
        patientIds = List.copyOf(patientIds);
        readings = List.copyOf(readings);
        notes = List.copyOf(notes);
    }
}
