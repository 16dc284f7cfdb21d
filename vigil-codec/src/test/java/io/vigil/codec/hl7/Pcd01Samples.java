package io.vigil.codec.hl7;

import java.nio.charset.StandardCharsets;

/** PCD-01 ORU^R01 messages published by others (each with its source), and one of ours for the edge cases. */
final class Pcd01Samples {
    private Pcd01Samples() {
    }

    /**
     * The Continua / IHE PCD-01 blood-pressure monitor example (H.812 "AcmeInc", MSGID1234) as the HAPI HL7v2
     * project's own tests carry it (MessageValidatorTest#testWithdrawnDatatype, hapifhir/hapi-hl7v2): time-sync
     * CWE row, MDS row with OBX-18 0123456789ABCDEF^EUI-64, NIBP header row, three NM rows, an MDC_ATTR_TIME_ABS
     * DTM row; HAPI's default validation refuses its PID-13, Vigil reads it without validation.
     */
    static final String CONTINUA_BP = String.join("\r",
            "MSH|^~\\&|AcmeInc^ACDE48234567ABCD^EUI-64||||20090713090030+0000||ORU^R01^ORU_R01|MSGID1234|P|2.6|||NE|AL|||||IHE PCD ORU-R01 2006^HL7^2.16.840.1.113883.9.n.m^HL7",
            "PID|||1^^^Imaginary Hospital^PI ||Doe^John^Joseph^^^^L^A|||M|||||0123456789",
            "OBR|1|AB12345^AcmeAHDInc^ACDE48234567ABCD^EUI-64|CD12345^AcmeAHDInc^ACDE48234567ABCD^EUI-64|182777000^monitoring of patient^SNOMED-CT|||20090813095715+0000",
            "OBX|1|CWE|68220^MDC_TIME_SYNC_PROTOCOL^MDC|0.0.0.1|532224^MDC_TIME_SYNC_NONE^MDC|||||R",
            "OBX|2||528391^MDC_DEV_SPEC_PROFILE_BP^MDC|1|||||||X|||||||0123456789ABCDEF^EUI-64",
            "OBX|3||150020^MDC_PRESS_BLD_NONINV^MDC|1.0.1|||||||X|||20090813095715+0000",
            "OBX|4|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R",
            "OBX|5|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.0.1.2|80|266016^MDC_DIM_MMHG^MDC|||||R",
            "OBX|6|NM|150023^MDC_PRESS_BLD_NONINV_MEAN^MDC|1.0.1.3|100|266016^MDC_DIM_MMHG^MDC|||||R",
            "OBX|7|DTM|67975^MDC_ATTR_TIME_ABS^MDC|1.0.0.1|20091028123702||||||R|||20091028173702+0000") + "\r";

    /**
     * Mindray VS-900 vital signs monitor, IHE PCD-01 (MSH-21 IHE_PCD_001), as published in a public HAPI HL7v2
     * usage write-up on GitHub ("ExampleParseMessages", ORU^R01 control id 1914). NIBP sent as MDC_PRESS_CUFF_*,
     * OBX-18 on the first OBX only, times without offset.
     */
    static final String MINDRAY_VS900 = String.join("\r",
            "MSH|^~\\&|MINDRAY_VS900^00A0370098007A80^EUI-64||||20191206113452||ORU^R01^ORU_R01|1914|P|2.6|||AL|NE||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
            "PID|||^^^Hospital^PI||^^^^^^L",
            "PV1||I||||||||||||||||||||||||||||||||||||||||||20191201",
            "OBR|1|1914^MINDRAY_VS900^00A0370098007A80^EUI-64|1914^MINDRAY_VS900^00A0370098007A80^EUI-64|182777000^monitoring of patient^SCT|||20191206113452",
            "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.3.1.150456|99|262688^MDC_DIM_PERCENT^MDC|||||R|||20191206113452||||00A0370098007A80^^00A0370098007A80^EUI-64",
            "OBX|2|NM|149530^MDC_PULS_OXIM_PULS_RATE^MDC|1.3.1.149530|94|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||20191206113452",
            "OBX|3|NM|150488^MDC_BLD_PERF_INDEX^MDC|1.3.1.150488|0.94|262688^MDC_DIM_PERCENT^MDC|||||R|||20191206113452",
            "OBX|4|NM|150301^MDC_PRESS_CUFF_SYS^MDC|1.1.9.150301|147|266016^MDC_DIM_MMHG^MDC|||||R|||20191206111016|||^APERIODIC",
            "OBX|5|NM|150303^MDC_PRESS_CUFF_MEAN^MDC|1.1.9.150303|109|266016^MDC_DIM_MMHG^MDC|||||R|||20191206111016|||^APERIODIC",
            "OBX|6|NM|150302^MDC_PRESS_CUFF_DIA^MDC|1.1.9.150302|90|266016^MDC_DIM_MMHG^MDC|||||R|||20191206111016|||^APERIODIC",
            "OBX|7|NM|188496^MDC_TEMP_AXIL^MDC|1.2.5.188496|35.1|268192^MDC_DIM_DEGC^MDC|||||R|||20191206113415|||^APERIODIC") + "\r";

    /**
     * GE B40 patient monitor, the PCD-01 description in "B40 HL7 Reference Manual" 2062665-001 rev G, p. 15
     * (https://www.easymanua.ls/ge/b40/manual?p=21): VMD and channel header rows (OBX-11 X), ECG heart rate and an
     * invasive pressure channel, OBX-18 equipment 080019FFFE0B4020^B40_GE. The manual shows OBX rows only; the MSH,
     * PID and OBR around them are ours (MSH-10 GE-B40-1, no patient identifiers).
     */
    static final String GE_B40 = String.join("\r",
            "MSH|^~\\&|B40^080019FFFE0B4020^EUI-64|GE|||20240305101500+0100||ORU^R01^ORU_R01|GE-B40-1|P|2.6|||NE|AL||UNICODE UTF-8|||IHE PCD ORU-R01 2006^HL7^2.16.840.1.113883.9.n.m^HL7",
            "PID|||",
            "OBR|1|||69837^MDC_DEV_METER_PHYSIO_MULTI_PARAM^MDC|||20240305101500+0100",
            "OBX|11|NM|147842^MDC_ECG_HEART_RATE^MDC|1.5.1.1|80|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||||||080019FFFE0B4020^B40_GE",
            "OBX|12|NM|148066^MDC_ECG_V_P_C_RATE^MDC|1.5.1.2|0|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||||||080019FFFE0B4020^B40_GE",
            "OBX|2||69854^MDC_DEV_METER_PRESS_BLD_VMD^MDC|1.13.0.0|||||||X",
            "OBX|3||69855^MDC_DEV_METER_PRESS_BLD_CHAN^MDC|1.13.1.0|||||||X",
            "OBX|4|NM|150033^MDC_PRESS_BLD_ART_SYS^MDC|1.13.1.1|112|266016^MDC_DIM_MMHG^MDC|||||R|||||||080019FFFE0B4020^B40_GE",
            "OBX|5|NM|150034^MDC_PRESS_BLD_ART_DIA^MDC|1.13.1.2|76|266016^MDC_DIM_MMHG^MDC|||||R|||||||080019FFFE0B4020^B40_GE",
            "OBX|6|NM|150035^MDC_PRESS_BLD_ART_MEAN^MDC|1.13.1.3|95|266016^MDC_DIM_MMHG^MDC|||||R|||||||080019FFFE0B4020^B40_GE",
            "OBX|7|NM|149522^MDC_BLD_PULS_RATE_INV^MDC|1.13.1.4|80|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||||||080019FFFE0B4020^B40_GE") + "\r";

    /**
     * Ours: the PCD-01 shape of the IHE PCD Technical Framework (MDS row with OBX-18 EUI-64, NIBP channel
     * 150021/150022/150023, UCUM units in one row, a channel that cannot obtain a value, PID-3 with an MRN).
     */
    static final String VIGIL_MONITOR = String.join("\r",
            "MSH|^~\\&|VIGIL_TEST^ACDE48234567ABCD^EUI-64|WARD-A|||20261125101500+0000||ORU^R01^ORU_R01|MSG-0001|P|2.6|||NE|AL||UNICODE UTF-8|||IHE PCD ORU-R01 2006^HL7^2.16.840.1.113883.9.n.m^HL7",
            "PID|||MRN-123^^^VIGIL^MR~99-888^^^NHS^NH||Doe^Jane",
            "OBR|1|MSG-0001^VIGIL_TEST^ACDE48234567ABCD^EUI-64||182777000^monitoring of patient^SCT|||20261125101400+0000",
            "OBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X|||||||ACDE48234567ABCD^EUI-64",
            "OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.1.1.1|120|266016^MDC_DIM_MMHG^MDC|||||F|||20261125101300+0000",
            "OBX|3|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.1.1.2|80|mm[Hg]^mm[Hg]^UCUM|||||F|||20261125101300+0000",
            "OBX|4|NM|150023^MDC_PRESS_BLD_NONINV_MEAN^MDC|1.1.1.3|93|266016^MDC_DIM_MMHG^MDC|||||F|||20261125101300+0000",
            "OBX|5|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.1|97|%^%^UCUM|||||F",
            "OBX|6|NM|151562^MDC_RESP_RATE^MDC|1.3.1.1||264928^MDC_DIM_RESP_PER_MIN^MDC|||||X",
            "OBX|7|NM|150344^MDC_TEMP^MDC|1.4.1.1|98.6|266560^MDC_DIM_FAHR^MDC|||||R") + "\r";

    static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }
}
