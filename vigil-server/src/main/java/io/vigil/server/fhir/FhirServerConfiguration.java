package io.vigil.server.fhir;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.vigil.fhir.FhirJson;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * FHIR R4 at {@code /fhir}: HAPI's plain RestfulServer over Vigil's own stores (not HAPI's JPA server). JSON unless
 * the client asks for XML, compact unless it asks for {@code _pretty=true}; links use the host and port the request
 * came to; paging is by offset, so no search state lives on the server. The CapabilityStatement at
 * {@code /fhir/metadata} is generated from the providers' annotations. Spring Security guards {@code /fhir/**}.
 */
@Configuration(proxyBeanMethods = false)
class FhirServerConfiguration {
    static final String NAME = "Vigil";

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(PatientResourceProvider patients, DeviceResourceProvider devices,
                                                       ObservationResourceProvider observations,
                                                       RiskAssessmentResourceProvider riskAssessments,
                                                       GoalResourceProvider goals,
                                                       PractitionerResourceProvider practitioners,
                                                       CareTeamResourceProvider careTeams,
                                                       AuditEventResourceProvider auditEvents,
                                                       FlagResourceProvider flags,
                                                       SubscriptionResourceProvider subscriptions,
                                                       WaveformOperationProvider waveforms,
                                                       LocationResourceProvider locations,
                                                       GroupResourceProvider groups,
                                                       BulkExportProvider bulkExport,
                                                       MedicationRequestResourceProvider medicationRequests,
                                                       MedicationAdministrationResourceProvider medicationAdministrations,
                                                       EncounterResourceProvider encounters) {
        RestfulServer server = new RestfulServer(FhirJson.context());
        server.setServerName(NAME);
        server.setServerVersion(Optional.ofNullable(FhirServerConfiguration.class.getPackage().getImplementationVersion())
                .orElse("development"));
        server.setImplementationDescription("Vigil: readings from connected medical devices as FHIR R4 Observations");
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        server.setServerAddressStrategy(new IncomingRequestAddressStrategy());
        server.setResourceProviders(List.of(patients, devices, observations, riskAssessments, goals, auditEvents,
                flags, subscriptions));
        server.registerProviders(List.of(practitioners, careTeams, waveforms, locations));
        server.registerProviders(List.of(groups, bulkExport));
        server.registerProviders(List.of(medicationRequests, medicationAdministrations, encounters));
        server.registerInterceptor(new FhirRefusals());
        server.registerInterceptor(new VigilCapabilities());
        server.registerInterceptor(new AuditedPatient());
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        // Initialised on first use, not on the start-up path; FhirWarmUp makes that first use right after start.
        registration.setLoadOnStartup(-1);
        return registration;
    }
}
