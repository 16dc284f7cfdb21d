package io.vigil.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.SampledData;
import org.junit.jupiter.api.Test;

class WaveformObservationMapperTest {

    private static WaveformStrip strip() {
        return new WaveformStrip("ecg-p1-ecg-ii-1764065730000", "p1", "patch-1", 131330, "MDC_ECG_ELEC_POTL_II",
                Instant.parse("2026-11-25T10:15:30Z"), 250, "mV", 200, 1024, new int[] {1024, 1224, 824, 0},
                new boolean[] {false, false, false, true});
    }

    @Test
    void toFhir_samplesScaleBackToMillivolts() {
        Observation o = WaveformObservationMapper.toFhir(strip());
        SampledData data = o.getValueSampledData();
        assertThat(data.getData()).isEqualTo("1024 1224 824 E");
        assertThat(data.getPeriod().doubleValue()).isEqualTo(4.0);
        assertThat(data.getFactor().doubleValue()).isEqualTo(0.005);
        assertThat(data.getOrigin().getValue().doubleValue()).isEqualTo(-5.12);
        // (1224 × 0.005) − 5.12 = 1.0 mV
        assertThat(1224 * data.getFactor().doubleValue() + data.getOrigin().getValue().doubleValue()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(o.getCode().getCodingFirstRep().getSystem()).isEqualTo("urn:iso:std:iso:11073:10101");
        assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo("131330");
        assertThat(o.getEffectivePeriod().getEnd().toInstant()).isEqualTo(Instant.parse("2026-11-25T10:15:30.016Z"));
        assertThat(o.getSubject().getReference()).isEqualTo("Patient/p1");
    }

    @Test
    void toFhir_validatesAgainstR4() {
        assertThat(OfflineValidator.errors(WaveformObservationMapper.toFhir(strip()))).isEmpty();
    }
}
