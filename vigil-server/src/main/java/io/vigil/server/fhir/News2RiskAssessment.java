package io.vigil.server.fhir;

import io.vigil.analytics.news2.News2Parameter;
import io.vigil.analytics.news2.News2Response;
import io.vigil.analytics.news2.News2Score;
import io.vigil.server.clinical.News2History;
import io.vigil.server.clinical.News2Scores;
import java.util.Date;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;

/**
 * A patient's current NEWS2 as a FHIR R4 {@code RiskAssessment}: code SNOMED CT 1104051000000101 (NEWS2 total),
 * the scored Observations as {@code basis}, the RCP band as the prediction's qualitative risk, the recommended
 * response as {@code mitigation}. An incomplete score (a parameter missing or stale) is {@code preliminary} and
 * has no qualitative risk. Its id is {@code news2-<patient id>}: the current score, recomputed on every read; scores
 * kept in the history (computed as readings arrived) are {@code news2h-<entry id>}.
 */
final class News2RiskAssessment {
    static final String ID_PREFIX = "news2-";
    static final String HISTORY_PREFIX = "news2h-";
    static final String BAND_SYSTEM = "https://vigil.io/fhir/CodeSystem/news2-risk-band";
    static final String NEWS2_TOTAL = "1104051000000101";

    private News2RiskAssessment() {}

    static RiskAssessment of(News2Scores.Assessment assessment) {
        News2Score score = assessment.score();
        RiskAssessment risk = new RiskAssessment();
        risk.setId(ID_PREFIX + assessment.patientId());
        risk.setStatus(score.complete() ? RiskAssessment.RiskAssessmentStatus.FINAL
                : RiskAssessment.RiskAssessmentStatus.PRELIMINARY);
        risk.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", NEWS2_TOTAL, null))
                .setText("National Early Warning Score 2 (NEWS2)"));
        risk.setSubject(new Reference("Patient/" + assessment.patientId()));
        risk.setOccurrence(new DateTimeType(Date.from(score.time())));
        assessment.basis().forEach((parameter, observation) -> risk.addBasis(new Reference("Observation/" + observation)
                .setDisplay(parameter.key() + " scores " + score.subscores().get(parameter))));
        RiskAssessment.RiskAssessmentPredictionComponent prediction = risk.addPrediction()
                .setOutcome(new CodeableConcept().setText("Clinical deterioration"))
                .setRationale(rationale(score));
        score.band().ifPresent(band -> prediction.setQualitativeRisk(new CodeableConcept(
                new Coding(BAND_SYSTEM, band.code(), band.code() + " clinical risk"))));
        risk.setMitigation(score.advice());
        risk.addNote(new Annotation().setText(News2Response.NOT_FOR_CLINICAL_USE));
        return risk;
    }

    /** A NEWS2 from the history: id {@code news2h-<entry id>}, as it was when computed. */
    static RiskAssessment of(News2History.Entry entry) {
        RiskAssessment risk = new RiskAssessment();
        risk.setId(HISTORY_PREFIX + entry.id());
        risk.setStatus(entry.complete() ? RiskAssessment.RiskAssessmentStatus.FINAL
                : RiskAssessment.RiskAssessmentStatus.PRELIMINARY);
        risk.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", NEWS2_TOTAL, null))
                .setText("National Early Warning Score 2 (NEWS2)"));
        risk.setSubject(new Reference("Patient/" + entry.patientId()));
        risk.setOccurrence(new DateTimeType(Date.from(entry.time())));
        entry.basis().forEach((parameter, observation) -> risk.addBasis(new Reference("Observation/" + observation)
                .setDisplay(parameter + " scores " + entry.subscores().get(parameter))));
        String subscores = entry.subscores().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        RiskAssessment.RiskAssessmentPredictionComponent prediction = risk.addPrediction()
                .setOutcome(new CodeableConcept().setText("Clinical deterioration"))
                .setRationale("NEWS2 " + entry.total() + " on SpO2 scale " + entry.scale() + " (" + subscores + ")"
                        + (entry.complete() ? "" : "; incomplete, missing " + String.join(", ", entry.missing())
                        + "; at least " + entry.bandAtLeast() + " risk"));
        if (entry.band() != null) {
            prediction.setQualitativeRisk(new CodeableConcept(new Coding(BAND_SYSTEM, entry.band(),
                    entry.band() + " clinical risk")));
        }
        risk.setMitigation(entry.advice());
        risk.addNote(new Annotation().setText(News2Response.NOT_FOR_CLINICAL_USE));
        return risk;
    }

    private static String rationale(News2Score score) {
        String subscores = score.subscores().entrySet().stream()
                .map(e -> e.getKey().key() + " " + e.getValue()).collect(Collectors.joining(", "));
        String text = "NEWS2 " + score.total() + " on SpO2 scale " + score.scale().number() + " (" + subscores + ")";
        if (!score.complete()) {
            text += "; incomplete, missing " + score.missing().stream().map(News2Parameter::key)
                    .collect(Collectors.joining(", ")) + "; at least " + score.bandAtLeast().code() + " risk";
        }
        return text;
    }
}
