package io.vigil.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * An implant's remote-interrogation summary as a FHIR R4 collection Bundle: the implant as a {@code Device}, one
 * {@code Observation} per figure (battery voltage, battery status, each lead's impedance, shocks and ATP delivered, AF
 * burden) and a {@code DiagnosticReport} that lists them. The figures are coded in Vigil's own code system
 * ({@link #CODE_SYSTEM}) with their text: the IEEE 11073-10103 (IDC) nomenclature is not mapped yet.
 */
public final class ImplantSummaryMapper {
    public static final String CODE_SYSTEM = "http://vigil.io/fhir/CodeSystem/implant";
    private static final String UCUM = "http://unitsofmeasure.org";

    /** One lead's impedance. */
    public record Lead(String chamber, double impedanceOhm) {}

    /** The summary's figures (null: not reported). */
    public record Summary(String reportId, String patientId, String kind, String manufacturer, String model,
                          String serial, Instant interrogatedAt, Double batteryVoltage, String batteryStatus,
                          List<Lead> leads, int shocks, int atp, Double afBurdenPercent) {}

    private ImplantSummaryMapper() {
    }

    public static Bundle toFhir(Summary s) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setId(s.reportId());
        Reference patient = new Reference("Patient/" + s.patientId());
        String deviceUrl = "urn:uuid:" + UUID.nameUUIDFromBytes(("device/" + s.reportId()).getBytes());
        Device device = new Device();
        device.setType(new CodeableConcept().setText(s.kind()));
        device.setManufacturer(s.manufacturer());
        if (s.model() != null) {
            device.addDeviceName().setName(s.model()).setType(Device.DeviceNameType.MODELNAME);
        }
        device.setSerialNumber(s.serial());
        device.addIdentifier(new Identifier().setType(new CodeableConcept(new Coding(PatientMapper.IDENTIFIER_TYPE_SYSTEM,
                "SNO", "Serial Number"))).setValue(s.serial()));
        device.setPatient(patient);
        device.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        bundle.addEntry().setFullUrl(deviceUrl).setResource(device);

        List<Observation> observations = new ArrayList<>();
        if (s.batteryVoltage() != null) {
            observations.add(quantity(s, "battery-voltage", "Battery voltage", s.batteryVoltage(), "V", "V"));
        }
        if (s.batteryStatus() != null) {
            observations.add(observation(s, "battery-status", "Battery status")
                    .setValue(new CodeableConcept(new Coding(CODE_SYSTEM, "battery-" + s.batteryStatus(),
                            "Battery " + s.batteryStatus())).setText(s.batteryStatus())));
        }
        for (Lead lead : s.leads()) {
            Observation o = quantity(s, "lead-impedance", "Lead impedance", lead.impedanceOhm(), "Ohm", "Ω");
            o.getCode().setText(lead.chamber() == null ? "Lead impedance" : "Lead impedance " + lead.chamber());
            if (lead.chamber() != null) {
                o.setBodySite(new CodeableConcept().setText(lead.chamber()));
            }
            observations.add(o);
        }
        observations.add(quantity(s, "shocks-delivered", "Shocks delivered", s.shocks(), "{shocks}", "shocks"));
        observations.add(quantity(s, "atp-delivered", "Anti-tachycardia pacing delivered", s.atp(), "{episodes}", "episodes"));
        if (s.afBurdenPercent() != null) {
            observations.add(quantity(s, "af-burden", "AF burden", s.afBurdenPercent(), "%", "%"));
        }

        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(new CodeableConcept(new Coding(CODE_SYSTEM, "interrogation", "Implant remote interrogation summary"))
                .setText("Implant remote interrogation summary"));
        report.setSubject(patient);
        report.setEffective(new DateTimeType(Date.from(s.interrogatedAt())));
        report.setIssuedElement(new InstantType(Date.from(s.interrogatedAt())));
        for (Observation o : observations) {
            String url = "urn:uuid:" + UUID.randomUUID();
            o.setDevice(new Reference(deviceUrl));
            bundle.addEntry().setFullUrl(url).setResource(o);
            report.addResult(new Reference(url));
        }
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.nameUUIDFromBytes(("report/" + s.reportId()).getBytes()))
                .setResource(report);
        return bundle;
    }

    private static Observation observation(Summary s, String code, String display) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding(CODE_SYSTEM, code, display)).setText(display));
        o.setSubject(new Reference("Patient/" + s.patientId()));
        o.setEffective(new DateTimeType(Date.from(s.interrogatedAt())));
        return o;
    }

    private static Observation quantity(Summary s, String code, String display, double value, String ucum, String unit) {
        return observation(s, code, display).setValue(new Quantity().setValue(UcumQuantity.decimal(value)).setUnit(unit)
                .setSystem(UCUM).setCode(ucum));
    }

    /** The bundle's resources, for tests and callers that want them one by one. */
    public static List<Resource> resources(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
    }
}
