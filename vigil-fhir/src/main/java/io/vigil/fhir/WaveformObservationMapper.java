package io.vigil.fhir;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SampledData;
import org.hl7.fhir.r4.model.SimpleQuantity;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * A waveform strip as an R4 Observation with {@code valueSampledData}: the raw ADC samples as {@code data}, with
 * {@code factor} = 1 / gain and {@code origin} = −baseline / gain so that (data × factor) + origin is the value
 * in the signal's unit; {@code period} is the sample interval in milliseconds; samples taken with the leads off
 * are {@code E}. Coded with the signal's MDC code; {@code effectivePeriod} spans the strip; category
 * {@code procedure} (the R4 ECG example's choice: a waveform is not a vital sign).
 */
public final class WaveformObservationMapper {
    public static final String MDC_SYSTEM = "urn:iso:std:iso:11073:10101";
    private static final String UCUM = "http://unitsofmeasure.org";

    private WaveformObservationMapper() {
    }

    public static Observation toFhir(WaveformStrip strip) {
        Observation o = new Observation();
        o.setId(strip.id());
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(ObservationMapper.CATEGORY_SYSTEM, "procedure", "Procedure")));
        o.setCode(new CodeableConcept(new Coding(MDC_SYSTEM, Integer.toString(strip.mdcCode()), strip.mdcName()))
                .setText(strip.mdcName()));
        if (strip.patientId() != null) {
            o.setSubject(new Reference("Patient/" + strip.patientId()));
        }
        o.setDevice(new Reference("Device/" + strip.deviceId()));
        Duration length = Duration.ofNanos(Math.round(strip.samples().length * 1e9 / strip.sampleRate()));
        o.setEffective(new Period()
                .setStartElement(new DateTimeType(Date.from(strip.start()), TemporalPrecisionEnum.MILLI))
                .setEndElement(new DateTimeType(Date.from(strip.start().plus(length)), TemporalPrecisionEnum.MILLI)));
        SampledData data = new SampledData();
        BigDecimal factor = BigDecimal.ONE.divide(BigDecimal.valueOf(strip.gain()), MathContext.DECIMAL64);
        SimpleQuantity origin = new SimpleQuantity();
        origin.setValue(BigDecimal.valueOf(-strip.baseline()).multiply(factor, MathContext.DECIMAL64).stripTrailingZeros());
        origin.setUnit(strip.unit()).setSystem(UCUM).setCode(strip.unit());
        data.setOrigin(origin);
        data.setPeriod(BigDecimal.valueOf(1000 / strip.sampleRate()).round(MathContext.DECIMAL64).stripTrailingZeros());
        data.setFactor(factor.stripTrailingZeros());
        data.setDimensions(1);
        StringBuilder text = new StringBuilder(strip.samples().length * 5);
        for (int i = 0; i < strip.samples().length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            if (strip.leadsOff()[i]) {
                text.append('E');
            } else {
                text.append(strip.samples()[i]);
            }
        }
        data.setData(text.toString());
        o.setValue(data);
        return o;
    }
}
