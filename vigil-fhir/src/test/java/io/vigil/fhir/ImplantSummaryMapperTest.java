package io.vigil.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** An implant interrogation summary as a FHIR collection Bundle validates offline against R4. */
class ImplantSummaryMapperTest {

    private static final ImplantSummaryMapper.Summary ICD = new ImplantSummaryMapper.Summary("rep-1", "p-1", "icd",
            "Acme Rhythm", "Guardian DR", "ICD-0042", Instant.parse("2026-11-25T09:40:00Z"), 2.61, "eri",
            List.of(new ImplantSummaryMapper.Lead("RA", 480), new ImplantSummaryMapper.Lead("RV", 2400)), 2, 1, 18.5);

    @Test
    void icdSummary_isADeviceObservationsAndAReport_thatValidate() {
        Bundle bundle = ImplantSummaryMapper.toFhir(ICD);

        List<Resource> resources = ImplantSummaryMapper.resources(bundle);
        assertThat(resources).filteredOn(Device.class::isInstance).singleElement()
                .satisfies(d -> assertThat(((Device) d).getSerialNumber()).isEqualTo("ICD-0042"));
        List<Observation> observations = resources.stream().filter(Observation.class::isInstance)
                .map(Observation.class::cast).toList();
        assertThat(observations).extracting(o -> o.getCode().getCodingFirstRep().getCode()).containsExactly(
                "battery-voltage", "battery-status", "lead-impedance", "lead-impedance", "shocks-delivered",
                "atp-delivered", "af-burden");
        assertThat(observations.get(3).getValueQuantity().getValue()).isEqualByComparingTo("2400");
        assertThat(observations.get(3).getValueQuantity().getCode()).isEqualTo("Ohm");
        DiagnosticReport report = (DiagnosticReport) resources.getLast();
        assertThat(report.getResult()).hasSize(observations.size());
        assertThat(OfflineValidator.errors(bundle)).isEmpty();
        resources.forEach(r -> assertThat(OfflineValidator.errors(r)).as(r.fhirType()).isEmpty());
    }
}
