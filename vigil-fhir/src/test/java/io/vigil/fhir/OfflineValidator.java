package io.vigil.fhir;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's instance validator with the R4 core definitions only and no network: no remote terminology server, so
 * LOINC, SNOMED CT and MDC codes are checked structurally (profile patterns) but not looked up. Built once per JVM
 * (building it takes seconds); FhirValidator is thread-safe.
 */
public final class OfflineValidator {

    private static final FhirValidator VALIDATOR = build();

    private OfflineValidator() {
    }

    private static FhirValidator build() {
        var context = FhirJson.context();
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        FhirValidator validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
        return validator;
    }

    /** Validates against the base definition and every profile in meta.profile; prints what is not an error. */
    public static List<SingleValidationMessage> errors(IBaseResource resource) {
        ValidationResult result = VALIDATOR.validateWithResult(resource);
        String id = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        List<SingleValidationMessage> errors = result.getMessages().stream().filter(OfflineValidator::isError).toList();
        result.getMessages().stream().filter(m -> !isError(m)).forEach(m -> System.out.printf("%s %s %s: %s%n",
                id, m.getSeverity(), m.getLocationString(), m.getMessage()));
        errors.forEach(m -> System.out.printf("%s %s %s: %s%n", id, m.getSeverity(), m.getLocationString(),
                m.getMessage()));
        return errors;
    }

    private static boolean isError(SingleValidationMessage m) {
        return m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL;
    }
}
