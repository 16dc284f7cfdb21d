package io.vigil.server.fhir;

import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * A stored audit event as a FHIR R4 AuditEvent in the shape of the IHE Basic Audit Log Patterns: the requesting
 * agent (user or device, its roles, its network address) and the server as the other agent, Vigil as the source,
 * the patient as an entity in the role Patient, and the data touched — the resource, or for a search the query
 * (its parameter names only: values are never stored, so a search by name leaves no name behind).
 */
final class AuditEventMapper {
    static final String SEVERITY_EXTENSION = "https://vigil.io/fhir/StructureDefinition/audit-severity";
    static final String USERS = "https://vigil.io/users";
    static final String DEVICES = "https://vigil.io/devices";
    static final String ROLES = "https://vigil.io/roles";
    private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    private static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    private static final String DEVICE_ACTOR = "device:";

    private AuditEventMapper() {
    }

    static org.hl7.fhir.r4.model.AuditEvent toFhir(AuditRecord record) {
        AuditEvent event = record.event();
        org.hl7.fhir.r4.model.AuditEvent fhir = new org.hl7.fhir.r4.model.AuditEvent();
        fhir.setId(Long.toString(record.id()));
        fhir.setType(BalpCodes.type(event));
        BalpCodes.subtypes(event).forEach(fhir::addSubtype);
        fhir.setAction(BalpCodes.action(event));
        fhir.setRecorded(Date.from(event.time()));
        fhir.setOutcome(switch (event.outcome()) {
            case SUCCESS -> AuditEventOutcome._0;
            case DENIED -> AuditEventOutcome._4;
            case ERROR -> AuditEventOutcome._8;
        });
        if (event.severity() != null) {
            fhir.addExtension(SEVERITY_EXTENSION, new CodeType(event.severity().code()));
        }
        fhir.addAgent(requestor(event));
        fhir.addAgent(server());
        fhir.getSource().setSite(FhirServerConfiguration.NAME)
                .setObserver(new Reference().setDisplay(FhirServerConfiguration.NAME))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
        if (event.patientId() != null) {
            fhir.addEntity()
                    .setWhat(new Reference("Patient/" + event.patientId()))
                    .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                    .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
        }
        dataObject(event).ifPresent(fhir::addEntity);
        return fhir;
    }

    /** The user or device that asked: who, in which roles, from which address. */
    private static AuditEventAgentComponent requestor(AuditEvent event) {
        AuditEventAgentComponent agent = new AuditEventAgentComponent().setRequestor(true);
        agent.setType(new CodeableConcept(new Coding(BalpCodes.DCM, "110153", "Source Role ID")));
        boolean device = event.actor().startsWith(DEVICE_ACTOR);
        String name = device ? event.actor().substring(DEVICE_ACTOR.length()) : event.actor();
        agent.setWho(new Reference().setIdentifier(new Identifier().setSystem(device ? DEVICES : USERS).setValue(name))
                .setDisplay(event.actor()));
        if (event.role() != null) {
            for (String role : event.role().split(",")) {
                agent.addRole(new CodeableConcept(new Coding(ROLES, role, null)));
            }
        }
        if (event.clientAddress() != null) {
            agent.getNetwork().setAddress(event.clientAddress()).setType(AuditEventAgentNetworkType._2);
        }
        return agent;
    }

    /** Vigil, which answered. */
    private static AuditEventAgentComponent server() {
        return new AuditEventAgentComponent().setRequestor(false)
                .setType(new CodeableConcept(new Coding(BalpCodes.DCM, "110152", "Destination Role ID")))
                .setWho(new Reference().setDisplay(FhirServerConfiguration.NAME));
    }

    /** The resource read or written, or the query of a search. */
    private static java.util.Optional<AuditEventEntityComponent> dataObject(AuditEvent event) {
        AuditEventEntityComponent entity = new AuditEventEntityComponent()
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"));
        if (event.action().endsWith(".search") && event.request() != null) {
            entity.setRole(new Coding(OBJECT_ROLE, "24", "Query"))
                    .setQuery(event.request().getBytes(StandardCharsets.UTF_8));
            if (event.resourceType() != null) {
                entity.setDescription(event.resourceType());
            }
            return java.util.Optional.of(entity);
        }
        if (event.resourceType() == null || event.resourceId() == null) {
            return java.util.Optional.empty();
        }
        entity.setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
        boolean fhirType = Character.isUpperCase(event.resourceType().charAt(0));
        entity.setWhat(fhirType ? new Reference(event.resourceType() + "/" + event.resourceId())
                : new Reference().setIdentifier(new Identifier().setSystem("https://vigil.io/" + event.resourceType())
                .setValue(event.resourceId())).setDisplay(event.resourceType() + " " + event.resourceId()));
        return java.util.Optional.of(entity);
    }
}
