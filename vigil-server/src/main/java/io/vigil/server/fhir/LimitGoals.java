package io.vigil.server.fhir;

import io.vigil.analytics.limit.LimitRule;
import io.vigil.model.Code;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.server.rule.EffectiveLimit;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * A clinician's per-patient limit override as a FHIR R4 {@code Goal}: the range the measurement should stay in,
 * outside which Vigil raises the rule's alert. {@code target.measure} is the measurement's LOINC code,
 * {@code target.detailRange} its low (a LOW rule) or high (a HIGH rule) end at the threshold in UCUM;
 * {@code expressedBy} the clinician; {@code statusDate} when it was set; the rule id, hysteresis, duration and
 * alert priority as Vigil extensions. Logical id {@code limit-<patient id>.<rule id>}. The adult defaults are
 * not patient goals and are not served. Not for clinical use.
 */
final class LimitGoals {
    static final String ID_PREFIX = "limit-";
    static final String RULE_SYSTEM = "https://vigil.io/fhir/CodeSystem/limit-rule";
    static final String HYSTERESIS_EXTENSION = "https://vigil.io/fhir/StructureDefinition/limit-hysteresis";
    static final String DURATION_EXTENSION = "https://vigil.io/fhir/StructureDefinition/limit-duration";
    static final String PRIORITY_EXTENSION = "https://vigil.io/fhir/StructureDefinition/alert-priority";
    private static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();

    private LimitGoals() {
    }

    static String id(String patientId, String ruleId) {
        return ID_PREFIX + patientId + "." + ruleId;
    }

    /** The patient id and rule id a Goal id names, if it is one of these. */
    static Optional<String[]> parse(String goalId) {
        int dot = goalId.lastIndexOf('.');
        if (!goalId.startsWith(ID_PREFIX) || dot <= ID_PREFIX.length() || dot == goalId.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new String[] {goalId.substring(ID_PREFIX.length(), dot), goalId.substring(dot + 1)});
    }

    static Goal of(EffectiveLimit limit) {
        LimitRule rule = limit.rule();
        MeasurementType type = REGISTRY.require(rule.measurement());
        Goal goal = new Goal();
        goal.setId(id(limit.patientId(), rule.id()));
        goal.setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE);
        goal.setSubject(new Reference("Patient/" + limit.patientId()));
        goal.addIdentifier().setSystem(RULE_SYSTEM).setValue(rule.id());
        String side = rule.direction() == LimitRule.Direction.HIGH ? "below " : "above ";
        goal.setDescription(new CodeableConcept().addCoding(new Coding(RULE_SYSTEM, rule.id(), null))
                .setText(type.alias() + " " + side + number(rule.threshold()) + " " + type.canonicalUnit()
                        + " (alert " + rule.id() + " at or beyond it)"));
        Goal.GoalTargetComponent target = goal.addTarget();
        CodeableConcept measure = new CodeableConcept();
        for (Code code : type.codes()) {
            measure.addCoding(new Coding("http://loinc.org", code.code(), code.display()));
        }
        target.setMeasure(measure);
        Quantity threshold = new Quantity().setValue(rule.threshold()).setUnit(type.canonicalUnit())
                .setSystem("http://unitsofmeasure.org").setCode(type.canonicalUnit());
        Range range = new Range();
        if (rule.direction() == LimitRule.Direction.HIGH) {
            range.setHigh(threshold);
        } else {
            range.setLow(threshold);
        }
        target.setDetail(range);
        goal.addExtension(HYSTERESIS_EXTENSION, new Quantity().setValue(rule.hysteresis()).setUnit(type.canonicalUnit())
                .setSystem("http://unitsofmeasure.org").setCode(type.canonicalUnit()));
        Duration duration = new Duration();
        duration.setValue(rule.duration().toSeconds()).setUnit("s").setSystem("http://unitsofmeasure.org").setCode("s");
        goal.addExtension(DURATION_EXTENSION, duration);
        goal.addExtension(PRIORITY_EXTENSION, new StringType(rule.priority().code()));
        if (limit.setBy() != null) {
            goal.setExpressedBy(new Reference("Practitioner/" + LogicalIds.of(limit.setBy())).setDisplay(limit.setBy()));
        }
        if (limit.setAt() != null) {
            goal.setStatusDate(Date.from(limit.setAt()));
            goal.setStart(new DateType(Date.from(limit.setAt())));
        }
        return goal;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
