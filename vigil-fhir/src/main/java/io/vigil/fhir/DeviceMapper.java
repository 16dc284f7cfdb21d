package io.vigil.fhir;

import io.vigil.model.DeviceRecord;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Registered devices as FHIR R4 Device resources: the serial number both as {@code serialNumber} and as an
 * identifier of type SNO (HL7 v2 table 0203), so that a search by identifier finds it; the model as the device
 * name of type model-name; the Vigil device type as type text; active or inactive (revoked).
 */
public final class DeviceMapper {

    private DeviceMapper() {
    }

    /** The registered device as a FHIR Device. */
    public static Device toFhir(DeviceRecord d) {
        Device device = new Device();
        device.setId(d.id());
        if (d.serial() != null) {
            CodeableConcept sno = new CodeableConcept(
                    new Coding(PatientMapper.IDENTIFIER_TYPE_SYSTEM, "SNO", "Serial Number"));
            device.addIdentifier(new Identifier().setType(sno).setValue(d.serial()));
            device.setSerialNumber(d.serial());
        }
        device.setManufacturer(d.manufacturer());
        if (d.model() != null) {
            device.addDeviceName().setName(d.model()).setType(Device.DeviceNameType.MODELNAME);
        }
        if (d.type() != null) {
            device.setType(new CodeableConcept().setText(d.type()));
        }
        device.setStatus(status(d.status()));
        return device;
    }

    private static Device.FHIRDeviceStatus status(String status) {
        if (status == null) {
            return Device.FHIRDeviceStatus.UNKNOWN;
        }
        return switch (status) {
            case "active" -> Device.FHIRDeviceStatus.ACTIVE;
            case "revoked", "inactive" -> Device.FHIRDeviceStatus.INACTIVE;
            default -> Device.FHIRDeviceStatus.UNKNOWN;
        };
    }
}
