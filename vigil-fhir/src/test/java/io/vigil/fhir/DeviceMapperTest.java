package io.vigil.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.DeviceRecord;
import org.hl7.fhir.r4.model.Device;
import org.junit.jupiter.api.Test;

class DeviceMapperTest {

    private static final DeviceRecord CUFF = new DeviceRecord("bp-001", "blood-pressure-monitor", "Omron",
            "HEM-7155T", "20231100123", "active");

    @Test
    void toFhir_validates() {
        assertThat(OfflineValidator.errors(DeviceMapper.toFhir(CUFF))).isEmpty();
    }

    @Test
    void toFhir_carriesSerialManufacturerModelTypeStatus() {
        Device device = DeviceMapper.toFhir(CUFF);

        assertThat(device.getIdElement().getIdPart()).isEqualTo("bp-001");
        assertThat(device.getSerialNumber()).isEqualTo("20231100123");
        assertThat(device.getIdentifierFirstRep().getValue()).isEqualTo("20231100123");
        assertThat(device.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("SNO");
        assertThat(device.getManufacturer()).isEqualTo("Omron");
        assertThat(device.getDeviceNameFirstRep().getName()).isEqualTo("HEM-7155T");
        assertThat(device.getDeviceNameFirstRep().getType()).isEqualTo(Device.DeviceNameType.MODELNAME);
        assertThat(device.getType().getText()).isEqualTo("blood-pressure-monitor");
        assertThat(device.getStatus()).isEqualTo(Device.FHIRDeviceStatus.ACTIVE);
    }

    @Test
    void revokedDevice_isInactive() {
        DeviceRecord revoked = new DeviceRecord("ox-2", "pulse-oximeter", "Nonin", "3230", "S-1", "revoked");

        Device device = DeviceMapper.toFhir(revoked);

        assertThat(device.getStatus()).isEqualTo(Device.FHIRDeviceStatus.INACTIVE);
        assertThat(OfflineValidator.errors(device)).isEmpty();
    }

    @Test
    void deviceWithoutSerialOrModel_validates() {
        DeviceRecord bare = new DeviceRecord("sim-1", "thermometer", null, null, null, null);

        Device device = DeviceMapper.toFhir(bare);

        assertThat(device.hasIdentifier()).isFalse();
        assertThat(device.getStatus()).isEqualTo(Device.FHIRDeviceStatus.UNKNOWN);
        assertThat(OfflineValidator.errors(device)).isEmpty();
    }
}
