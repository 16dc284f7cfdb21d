package io.vigil.model;

import static io.vigil.model.UnitConversion.identity;
import static io.vigil.model.UnitConversion.scale;

import java.util.List;

/**
 * The standard measurement types. Sources: FHIR R4 vital-signs profiles, LOINC, UCUM, IEEE 11073-10101
 * (MDC code = partition × 65536 + term), the HL7 CGM IG, and the RCP's NEWS2 (ACVPU).
 */
final class StandardMeasurements {

    private static final String VITALS = "http://hl7.org/fhir/StructureDefinition/";

    /** 1 lb (avoirdupois) = 0.45359237 kg, exact by the 1959 international yard and pound agreement. */
    static final double KG_PER_POUND = 0.45359237;
    /** 1 in = 2.54 cm, exact. */
    static final double CM_PER_INCH = 2.54;
    /** 1 mm Hg = 133.322387415 Pa (conventional millimetre of mercury, ISO 80000-4). */
    static final double PASCAL_PER_MMHG = 133.322387415;
    /** Glucose molar mass 180.156 g/mol: 1 mmol/L = 18.0156 mg/dL. */
    static final double MGDL_PER_MMOLL_GLUCOSE = 18.0156;

    private StandardMeasurements() {
    }

    static List<MeasurementType> all() {
        return List.of(
                quantity("heart-rate", List.of(Code.loinc("8867-4", "Heart rate")),
                        List.of(Code.mdc(147842, "MDC_ECG_HEART_RATE"), Code.mdc(149530, "MDC_PULS_OXIM_PULS_RATE"),
                                Code.mdc(149546, "MDC_PULS_RATE_NON_INV")),
                        "/min", List.of(identity("/min")), 20, 300, "heartrate"),
                quantity("respiratory-rate", List.of(Code.loinc("9279-1", "Respiratory rate")),
                        List.of(Code.mdc(151562, "MDC_RESP_RATE")),
                        "/min", List.of(identity("/min")), 0, 80, "resprate"),
                quantity("spo2", List.of(Code.loinc("2708-6", "Oxygen saturation in Arterial blood"),
                                Code.loinc("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry")),
                        List.of(Code.mdc(150456, "MDC_PULS_OXIM_SAT_O2")),
                        "%", List.of(identity("%")), 40, 100, "oxygensat"),
                quantity("body-temperature", List.of(Code.loinc("8310-5", "Body temperature")),
                        List.of(Code.mdc(150364, "MDC_TEMP_BODY")),
                        "Cel", List.of(identity("Cel"), new UnitConversion("[degF]", 5.0 / 9.0, -32.0 * 5.0 / 9.0)),
                        25, 45, "bodytemp"),
                quantity("body-weight", List.of(Code.loinc("29463-7", "Body weight")),
                        List.of(Code.mdc(188736, "MDC_MASS_BODY_ACTUAL")),
                        "kg", List.of(identity("kg"), scale("g", 0.001), scale("[lb_av]", KG_PER_POUND)),
                        0.2, 500, "bodyweight"),
                quantity("body-height", List.of(Code.loinc("8302-2", "Body height")),
                        List.of(Code.mdc(188740, "MDC_LEN_BODY_ACTUAL")),
                        "cm", List.of(identity("cm"), scale("m", 100), scale("[in_i]", CM_PER_INCH)),
                        20, 280, "bodyheight"),
                quantity("bmi", List.of(Code.loinc("39156-5", "Body mass index (BMI) [Ratio]")),
                        List.of(Code.mdc(188752, "MDC_RATIO_MASS_BODY_LEN_SQ")),
                        "kg/m2", List.of(identity("kg/m2")), 5, 150, "bmi"),
                bloodPressure(),
                quantity("blood-glucose", List.of(Code.loinc("41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer"),
                                Code.loinc("14743-9", "Glucose [Moles/volume] in Capillary blood by Glucometer")),
                        List.of(Code.mdc(160184, "MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD")),
                        "mg/dL", glucoseUnits(), 10, 1000, null, false),
                quantity("cgm-glucose", List.of(Code.loinc("99504-3", "Glucose [Mass/volume] in Interstitial fluid"),
                                Code.loinc("105272-9", "Glucose [Moles/volume] in Interstitial fluid")),
                        List.of(), "mg/dL", glucoseUnits(), 20, 600, null, false),
                quantity("supplemental-oxygen", List.of(Code.loinc("3151-8", "Inhaled oxygen flow rate")),
                        List.of(), "L/min", List.of(identity("L/min")), 0, 80, null, true),
                quantity("inspired-oxygen", List.of(Code.loinc("3150-0", "Inhaled oxygen concentration")),
                        List.of(), "%", List.of(identity("%")), 21, 100, null, true),
                consciousness(),
                // Home diagnostics (issue #10). LOINC codes and display names as published by LOINC; sources in
                // docs/devices.md ("Home diagnostics"). Not vital signs: the laboratory category, no R4 profile.
                quantity("fev1", List.of(Code.loinc("20150-9", "FEV1")), List.of(),
                        "L", List.of(identity("L"), scale("mL", 0.001)), 0.1, 10, null, false),
                quantity("peak-expiratory-flow", List.of(Code.loinc("19935-6",
                                "Maximum expiratory gas flow Respiratory system airway by Peak flow meter")),
                        List.of(Code.mdc(152584, "MDC_FLOW_AWAY_EXP_FORCED_PEAK")),
                        "L/min", List.of(identity("L/min"), scale("L/s", 60), scale("cL/s", 0.6)), 20, 1000, null, false),
                quantity("inr", List.of(Code.loinc("34714-6", "INR in Blood by Coagulation assay")), List.of(),
                        "{INR}", List.of(identity("{INR}")), 0.5, 12, null, false),
                quantity("blood-ketone", List.of(Code.loinc("104816-4", "Beta hydroxybutyrate [Moles/volume] in Blood")),
                        List.of(), "mmol/L", List.of(identity("mmol/L")), 0, 10, null, false),
                quantity("urine-ketones", List.of(Code.loinc("5797-6", "Ketones [Mass/volume] in Urine by Test strip")),
                        List.of(), "mg/dL", List.of(identity("mg/dL")), 0, 200, null, false),
                quantity("urine-glucose", List.of(Code.loinc("5792-7", "Glucose [Mass/volume] in Urine by Test strip")),
                        List.of(), "mg/dL", glucoseUnits(), 0, 3000, null, false));
    }

    private static List<UnitConversion> glucoseUnits() {
        return List.of(identity("mg/dL"), scale("mmol/L", MGDL_PER_MMOLL_GLUCOSE));
    }

    private static MeasurementType bloodPressure() {
        List<UnitConversion> pressureUnits = List.of(identity("mm[Hg]"), scale("kPa", 1000.0 / PASCAL_PER_MMHG));
        MeasurementType systolic = quantity("systolic-bp", List.of(Code.loinc("8480-6", "Systolic blood pressure")),
                List.of(Code.mdc(150021, "MDC_PRESS_BLD_NONINV_SYS")), "mm[Hg]", pressureUnits, 30, 300, null, true);
        MeasurementType diastolic = quantity("diastolic-bp", List.of(Code.loinc("8462-4", "Diastolic blood pressure")),
                List.of(Code.mdc(150022, "MDC_PRESS_BLD_NONINV_DIA")), "mm[Hg]", pressureUnits, 10, 250, null, true);
        MeasurementType mean = quantity("mean-bp", List.of(Code.loinc("8478-0", "Mean blood pressure")),
                List.of(Code.mdc(150023, "MDC_PRESS_BLD_NONINV_MEAN")), "mm[Hg]", pressureUnits, 15, 270, null, true);
        return new MeasurementType("blood-pressure",
                List.of(Code.loinc("85354-9", "Blood pressure panel with all children optional")),
                List.of(Code.mdc(150020, "MDC_PRESS_BLD_NONINV")), null, pressureUnits, null,
                VITALS + "bp", ValueKind.PANEL, List.of(systolic, diastolic, mean), List.of(), true);
    }

    /**
     * ACVPU. The observation code 67775-7 "Level of responsiveness" is the LOINC term the HL7 CDA EMS Run Report
     * (template 2.16.840.1.113883.17.3.10.1.165) and IHE PCC Paramedicine Care Summary (profile IHE.PCS.AVPU.USA,
     * answer list LL1845-8) use for AVPU. Its LOINC answer list has no "new confusion" answer, so the answers are
     * coded in SNOMED CT as in HL7 UK's value set CareConnect-ACVPU-1
     * (https://fhir.hl7.org.uk/STU3/ValueSet/CareConnect-ACVPU-1, 2018-11-08), which covers all five levels.
     */
    private static MeasurementType consciousness() {
        List<MeasurementType.Answer> acvpu = List.of(
                new MeasurementType.Answer("A", "Alert", Code.snomed("248234008", "Mentally alert")),
                new MeasurementType.Answer("C", "New confusion", Code.snomed("130987000", "Acute confusion")),
                new MeasurementType.Answer("V", "Responds to voice", Code.snomed("300202002", "Responds to voice")),
                new MeasurementType.Answer("P", "Responds to pain", Code.snomed("450847001", "Responds to pain")),
                new MeasurementType.Answer("U", "Unresponsive", Code.snomed("422768004", "Unresponsive")));
        return new MeasurementType("consciousness",
                List.of(Code.loinc("67775-7", "Level of responsiveness")), List.of(), null, List.of(), null,
                null, ValueKind.CODED, List.of(), acvpu, true);
    }

    private static MeasurementType quantity(String alias, List<Code> codes, List<Code> mdc, String unit,
                                            List<UnitConversion> units, double min, double max, String profile) {
        return quantity(alias, codes, mdc, unit, units, min, max, VITALS + profile, true);
    }

    private static MeasurementType quantity(String alias, List<Code> codes, List<Code> mdc, String unit,
                                            List<UnitConversion> units, double min, double max, String profile,
                                            boolean vitalSign) {
        return new MeasurementType(alias, codes, mdc, unit, units, new PlausibleRange(min, max), profile,
                ValueKind.QUANTITY, List.of(), List.of(), vitalSign);
    }
}
