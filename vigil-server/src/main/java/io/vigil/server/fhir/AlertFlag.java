package io.vigil.server.fhir;

import io.vigil.fhir.FhirJson;
import io.vigil.server.alert.AlertView;
import io.vigil.server.delivery.FlagBodies;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * An alert as a FHIR R4 {@code Flag}: a warning about the patient to be aware of while it lasts, which is what an
 * alert is — status {@code active} while open (active or acknowledged), {@code inactive} once resolved; period from
 * raised to resolved; priority in the core {@code flag-priority} extension (PH / PM / PL); the rule as code; the IEC
 * 60601-1-8 category (physiological / technical) and Vigil's state as extra codings. (DetectedIssue is about a
 * proposed or ongoing action — an interaction, a duplicate therapy — and Communication is one message sent; neither
 * has a lifecycle that ends when the condition clears.) Not for clinical use.
 */
@Component
class AlertFlag implements FlagBodies {
    static final String RULE_SYSTEM = "https://vigil.io/fhir/CodeSystem/alert-rule";
    static final String CATEGORY_SYSTEM = "https://vigil.io/fhir/CodeSystem/alert-category";
    static final String STATE_EXTENSION = "https://vigil.io/fhir/StructureDefinition/alert-state";
    static final String PRIORITY_EXTENSION = "http://hl7.org/fhir/StructureDefinition/flag-priority";
    static final String PRIORITY_SYSTEM = "http://hl7.org/fhir/flag-priority-code";

    static Flag of(AlertView a) {
        Flag flag = new Flag();
        flag.setId(a.id());
        flag.setStatus("resolved".equals(a.state()) ? Flag.FlagStatus.INACTIVE : Flag.FlagStatus.ACTIVE);
        flag.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/flag-category",
                "clinical", "Clinical")).addCoding(new Coding(CATEGORY_SYSTEM, a.category(), a.category() + " alert")));
        flag.setCode(new CodeableConcept(new Coding(RULE_SYSTEM, a.rule(), a.rule()))
                .setText(a.rule() + " (" + a.measurement() + " " + a.lastValue() + ")"));
        flag.setSubject(new Reference("Patient/" + a.patient()));
        Period period = new Period().setStart(Date.from(a.raisedAt()));
        if (a.resolvedAt() != null) {
            period.setEnd(Date.from(a.resolvedAt()));
        }
        flag.setPeriod(period);
        String code = switch (a.priority()) {
            case "high" -> "PH";
            case "medium" -> "PM";
            default -> "PL";
        };
        flag.addExtension(new Extension(PRIORITY_EXTENSION, new CodeableConcept(new Coding(PRIORITY_SYSTEM, code,
                a.priority() + " priority"))));
        flag.addExtension(new Extension(STATE_EXTENSION, new StringType(a.state())));
        return flag;
    }

    @Override
    public String flagJson(AlertView alert) {
        return FhirJson.context().newJsonParser().encodeResourceToString(of(alert));
    }
}
