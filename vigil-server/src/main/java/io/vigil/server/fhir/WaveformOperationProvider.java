package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import io.vigil.codec.waveform.WaveformSignal;
import io.vigil.fhir.WaveformObservationMapper;
import io.vigil.server.waveform.WaveformStrips;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code GET /fhir/Observation/$waveform?patient=<id>&code=<ecg-ii | 131330>&start=<dateTime>&end=<dateTime>}:
 * a patient's stored waveform as Observations with SampledData, one per 10 s strip (a strip is cut where the
 * stream breaks). Default window: the 10 s before {@code end} (default now); at most
 * {@code vigil.waveform.max-window}. A patient the caller may not see has no strips, like an unknown one.
 */
@Component
public class WaveformOperationProvider {
    private final WaveformStrips strips;
    private final FhirVisibility visibility;
    private final Clock clock;

    WaveformOperationProvider(WaveformStrips strips, FhirVisibility visibility, Clock clock) {
        this.strips = strips;
        this.visibility = visibility;
        this.clock = clock;
    }

    @Operation(name = "$waveform", idempotent = true, type = Observation.class, bundleType = BundleTypeEnum.SEARCHSET)
    public IBundleProvider waveform(
            @Description(shortDefinition = "The patient (id or Patient/id)")
            @OperationParam(name = "patient", min = 1, max = 1) StringType patient,
            @Description(shortDefinition = "The signal: ecg-i, ecg-ii, … or its MDC code (131330 = lead II)")
            @OperationParam(name = "code", min = 1, max = 1) StringType code,
            @OperationParam(name = "start", max = 1) DateTimeType start,
            @OperationParam(name = "end", max = 1) DateTimeType end) {
        FhirRoles.require("Observation");
        String patientId = patient.getValue() == null ? "" : patient.getValue().replaceFirst("^Patient/", "");
        String codeText = code.getValue() == null ? "" : code.getValue().replaceFirst("^urn:iso:std:iso:11073:10101\\|", "");
        WaveformSignal signal = WaveformStrips.signal(codeText)
                .orElseThrow(() -> FhirRefusals.invalid("code must name a signal: ecg-i, ecg-ii, … or its MDC code"));
        Instant to = end == null || end.getValue() == null ? clock.instant() : end.getValue().toInstant();
        Instant from = start == null || start.getValue() == null ? to.minusSeconds(WaveformStrips.STRIP_SECONDS)
                : start.getValue().toInstant();
        if (!from.isBefore(to)) {
            throw FhirRefusals.invalid("start must be before end");
        }
        if (Duration.between(from, to).compareTo(strips.maxWindow()) > 0) {
            throw FhirRefusals.invalid("$waveform covers at most " + strips.maxWindow().toSeconds() + " s");
        }
        if (!visibility.seesClinicalData(patientId)) {
            return SearchPage.whole(List.of());
        }
        return SearchPage.whole(strips.strips(patientId, signal, from, to).stream()
                .map(WaveformObservationMapper::toFhir).toList());
    }
}
