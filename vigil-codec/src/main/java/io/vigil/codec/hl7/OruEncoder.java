package io.vigil.codec.hl7;

import static io.vigil.codec.hl7.Hl7Acknowledgement.escape;

import io.vigil.model.Code;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes one stored measurement as an ORU^R01 in the IHE PCD-01 shape, for an EHR's interface engine: PID-3 the
 * patient's MRN, one OBR, one OBX per metric (a panel's components each in their own OBX, in one channel) with
 * the MDC code first and the LOINC code as the alternate coding, UCUM units, OBX-14 the reading's time and OBX-18
 * the device, OBX-20 the body site (SNOMED CT) when the device named one. Coded answers (ACVPU) go as CWE with their
 * SNOMED CT coding. The device's notes on the reading (status bits such as "cuff too loose") follow as NTE
 * segments: after the OBX of a single-row reading, after the OBR for a panel (a comment on all its rows).
 */
public final class OruEncoder {
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(ZoneOffset.UTC);
    private static final String PROFILE = "IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO";

    private OruEncoder() {
    }

    /**
     * @param controlId   MSH-10, unique per message (the receiver's ACK echoes it)
     * @param mrn         the patient's medical record number (PID-3)
     * @param deviceId    the device that measured (OBX-18)
     * @param measurement the reading
     * @param now         MSH-7
     */
    public static String encode(String controlId, String mrn, String deviceId, Measurement measurement, Instant now) {
        return encode(controlId, mrn, deviceId, measurement, List.of(), now);
    }

    /**
     * @param notes what the device said about the reading besides its value, one NTE each (NTE-3, escaped)
     */
    public static String encode(String controlId, String mrn, String deviceId, Measurement measurement,
                                List<String> notes, Instant now) {
        String time = DTM.format(measurement.time());
        String site = measurement.bodySite() == null ? "" : site(measurement.bodySite().code());
        StringBuilder oru = new StringBuilder(512);
        oru.append("MSH|^~\\&|VIGIL|VIGIL|||").append(DTM.format(now)).append("||ORU^R01^ORU_R01|")
                .append(escape(controlId)).append("|P|2.6|||NE|AL||UNICODE UTF-8|||").append(PROFILE).append('\r');
        oru.append("PID|||").append(escape(mrn)).append("^^^VIGIL^MR").append('\r');
        oru.append("OBR|1|").append(escape(controlId)).append("^VIGIL||182777000^monitoring of patient^SCT|||")
                .append(time).append('\r');
        String equipment = escape(deviceId) + "^VIGIL";
        switch (measurement.value()) {
            case MeasuredValue.Quantity quantity -> {
                obx(oru, 1, "NM", identifier(measurement.type()), "1.1.1.1", number(quantity.value()),
                        unit(quantity.unit()), time, equipment, site);
                notes(oru, notes);
            }
            case MeasuredValue.Panel panel -> {
                notes(oru, notes);
                int n = 0;
                for (MeasuredValue.Component component : panel.components()) {
                    n++;
                    obx(oru, n, "NM", identifier(component.type()), "1.1.1." + n, number(component.quantity().value()),
                            unit(component.quantity().unit()), time, equipment, site);
                }
            }
            case MeasuredValue.Coded coded -> {
                Code coding = coded.answer().coding();
                String value = coding == null ? escape(coded.answer().code()) + "^" + escape(coded.answer().display())
                        : escape(coding.code()) + "^" + escape(coding.display()) + "^SCT";
                obx(oru, 1, "CWE", identifier(measurement.type()), "1.1.1.1", value, "", time, equipment, site);
                notes(oru, notes);
            }
        }
        return oru.toString();
    }

    private static void obx(StringBuilder oru, int setId, String valueType, String identifier, String containment,
                            String value, String unit, String time, String equipment, String site) {
        oru.append("OBX|").append(setId).append('|').append(valueType).append('|').append(identifier).append('|')
                .append(containment).append('|').append(value).append('|').append(unit).append("|||||F|||")
                .append(time).append("||||").append(equipment);
        if (!site.isEmpty()) {
            oru.append("||").append(site);
        }
        oru.append('\r');
    }

    /** NTE|n|L|text: comments from the filler (the device, through Vigil), one per note. */
    private static void notes(StringBuilder oru, List<String> notes) {
        int n = 0;
        for (String note : notes) {
            oru.append("NTE|").append(++n).append("|L|").append(escape(note)).append('\r');
        }
    }

    /** OBX-20 as CWE: SNOMED CT code^display^SCT. */
    private static String site(Code code) {
        return escape(code.code()) + "^" + escape(code.display()) + "^SCT";
    }

    /** MDC code^REFID^MDC^LOINC^display^LN, or LOINC alone for types without an MDC term. */
    private static String identifier(MeasurementType type) {
        Code loinc = type.loinc();
        String alternate = escape(loinc.code()) + "^" + escape(loinc.display()) + "^LN";
        if (type.mdcCodes().isEmpty()) {
            return alternate;
        }
        Code mdc = type.mdcCodes().getFirst();
        return escape(mdc.code()) + "^" + escape(mdc.display()) + "^MDC^" + alternate;
    }

    private static String unit(String ucum) {
        return escape(ucum) + "^" + escape(ucum) + "^UCUM";
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
