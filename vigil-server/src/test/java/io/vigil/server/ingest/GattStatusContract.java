package io.vigil.server.ingest;

import static io.vigil.server.FhirBundle.observation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.fhir.FhirJson;
import io.vigil.fhir.ObservationMapper;
import io.vigil.fhir.OfflineValidator;
import io.vigil.server.BedsideContract;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A BLE Blood Pressure Measurement with a device time stamp and measurement status bits, posted over HTTP and read
 * back through FHIR: the status flags are notes of both readings and the device's clock offset is an extension.
 * A Glucose Measurement Context adds its notes to the glucose reading with its sequence number, also when it comes
 * first (held, then joined), and is a dead letter when its reading never comes. A thermometer's site is bodySite.
 * Subclasses choose the database.
 */
@TestPropertySource(properties = "vigil.ingest.glucose-context.hold=2s")
abstract class GattStatusContract extends BedsideContract {
    static final Duration HOLD = Duration.ofSeconds(2);

    @Autowired
    EmbeddedBroker broker;

    @Test
    void bloodPressureWithStatusBits_keepsNotesAndClockOffset_andValidates() {
        Instant deviceTime = Instant.now().minus(Duration.ofSeconds(90)).truncatedTo(ChronoUnit.SECONDS);
        // Measurement status (BLS 1.1, 3.1.1.5): bit 0 body movement, bit 2 irregular pulse.
        byte[] value = bloodPressure(120, 80, 93, deviceTime, 72, 0b0000_0101);

        VigilClient.Response stored = device.post("/api/v1/devices/" + deviceId + "/ble/2A35", value,
                "application/octet-stream");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);

        VigilClient.Response response = clinician.get("/fhir/Observation?device=" + deviceId, "application/fhir+json");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode bundle = response.json();
        for (String loinc : List.of("85354-9", "8867-4")) {
            JsonNode reading = observation(bundle, loinc);
            assertThat(reading.path("note").findValuesAsText("text")).as(loinc)
                    .containsExactly("body movement detected", "irregular pulse detected");
            assertThat(reading.at("/effectiveDateTime").asText()).isEqualTo(deviceTime.toString());
            JsonNode offset = extension(reading, ObservationMapper.CLOCK_OFFSET_EXTENSION).get("valueQuantity");
            Instant issued = Instant.parse(reading.get("issued").asText());
            BigDecimal expected = BigDecimal.valueOf(Duration.between(deviceTime, issued).toMillis(), 3);
            assertThat(offset.get("value").decimalValue()).isEqualByComparingTo(expected);
            assertThat(offset.get("system").asText() + "|" + offset.get("code").asText())
                    .isEqualTo("http://unitsofmeasure.org|s");
            Observation parsed = FhirJson.context().newJsonParser().parseResource(Observation.class, reading.toString());
            assertThat(OfflineValidator.errors(parsed)).as(reading.toString()).isEmpty();
        }
    }

    @Test
    void deviceJsonReading_hasNoDeviceNotesAndNoClockOffset() {
        VigilClient.Response stored = device.post("/api/v1/devices/" + deviceId + "/measurements",
                "{\"values\": {\"heart-rate\": 64}}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);

        JsonNode reading = observation(clinician.get("/fhir/Observation?device=" + deviceId, "application/fhir+json")
                .json(), "8867-4");
        assertThat(extension(reading, ObservationMapper.CLOCK_OFFSET_EXTENSION)).isNull();
        assertThat(reading.path("note").findValuesAsText("text"))
                .noneMatch(text -> text.contains("irregular") || text.contains("movement"));
    }

    @Test
    void temperatureWithItsTypeByte_isStoredWithItsSnomedBodySite_andValidates_butTypeAloneIsRefused() {
        // Temperature Measurement, flags 0x04 (Celsius, type present): 36.7 °C (FLOAT 367e-1), type 6 = mouth.
        byte[] temperature = {0x04, 0x6F, 0x01, 0x00, (byte) 0xFF, 0x06};
        VigilClient.Response stored = device.post(ble("2A1C"), temperature, "application/octet-stream");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        JsonNode reading = observation(clinician.get("/fhir/Observation?device=" + deviceId, "application/fhir+json")
                .json(), "8310-5");
        assertThat(reading.at("/bodySite/coding/0/system").asText()).isEqualTo("http://snomed.info/sct");
        assertThat(reading.at("/bodySite/coding/0/code").asText()).isEqualTo("74262004");
        assertThat(reading.at("/bodySite/text").asText()).isEqualTo("mouth");
        assertThat(reading.path("note").findValuesAsText("text")).contains("temperature type: mouth");
        assertThat(extension(reading, ObservationMapper.CLOCK_OFFSET_EXTENSION)).as("no device time").isNull();
        Observation parsed = FhirJson.context().newJsonParser().parseResource(Observation.class, reading.toString());
        assertThat(parsed.getMeta().getProfile()).extracting(p -> p.getValue())
                .contains("http://hl7.org/fhir/StructureDefinition/bodytemp", ObservationMapper.VITAL_SIGNS_PROFILE);
        assertThat(OfflineValidator.errors(parsed)).as(reading.toString()).isEmpty();
        JsonNode read = clinician.get("/fhir/Observation/" + reading.get("id").asText(), "application/fhir+json").json();
        assertThat(read.at("/bodySite/coding/0/code").asText()).as("read by id").isEqualTo("74262004");

        VigilClient.Response refused = device.post(ble("2A1D"), new byte[] {0x03}, "application/octet-stream");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("VIGIL-1050");
        assertThat(refused.json().get("detail").asText()).contains("holds no measurement");
        assertThat(clinician.get("/fhir/Observation?device=" + deviceId, "application/fhir+json").json()
                .get("entry")).hasSize(1);
    }

    @Test
    void glucoseContext_addsItsNotesToTheReadingWithTheSameSequenceNumber_overHttpAndMqtt() {
        String seven = storedId(device.post(ble("2A18"), glucose(7), "application/octet-stream"));
        String eight = storedId(device.post(ble("2A18"), glucose(8), "application/octet-stream"));

        // Context flags 0x06 (meal, tester-health): meal 1 preprandial; tester 1 self, health 2 major health issues.
        VigilClient.Response linked = device.post(ble("2A34"), new byte[] {0x06, 0x07, 0x00, 0x01, 0x21},
                "application/octet-stream");
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        assertThat(storedId(linked)).isEqualTo(seven);
        assertThat(device.post(ble("2A34"), new byte[] {0x06, 0x07, 0x00, 0x01, 0x21}, "application/octet-stream")
                .status()).as("sent again").isEqualTo(201);
        try (MqttDevice mqtt = MqttDevice.connect(broker.port(), deviceId, secret)) {
            // Context flags 0x40 (HbA1c): 6.5 % (SFLOAT 65e-1).
            MqttDevice.PubAck ack = mqtt.publish("vigil/v1/devices/" + deviceId + "/ble/2A34",
                    new byte[] {0x40, 0x08, 0x00, 0x41, (byte) 0xF0});
            assertThat(ack.success()).as(ack.reason()).isTrue();
        }

        assertThat(notes(seven)).containsExactly("sequence number 7", "sample type: capillary whole blood",
                "sample location: finger", "context follows in Glucose Measurement Context (0x2A34)",
                "meal: preprandial (before meal)", "tester: self", "health: major health issues");
        assertThat(notes(eight)).endsWith("context follows in Glucose Measurement Context (0x2A34)", "HbA1c 6.5 %");
        assertThat(clinician.get("/fhir/Observation?device=" + deviceId, "application/fhir+json").json()
                .get("entry")).as("the contexts store no reading").hasSize(2);
    }

    @Test
    void glucoseContext_beforeItsMeasurement_isHeldAndJoinedWhenTheMeasurementArrives() {
        // Context flags 0x06 (meal, tester-health): meal 1 preprandial; tester 1 self, health 2 major health issues.
        VigilClient.Response held = device.post(ble("2A34"), new byte[] {0x06, 0x0B, 0x00, 0x01, 0x21},
                "application/octet-stream");
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        assertThat(held.json().get("observations")).as("nothing stored yet").isEmpty();

        String eleven = storedId(device.post(ble("2A18"), glucose(11), "application/octet-stream"));

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(notes(eleven))
                .endsWith("meal: preprandial (before meal)", "tester: self", "health: major health issues"));
        assertThat(ward.admin().get("/api/v1/dead-letters?device=" + deviceId).json().findValuesAsText("code"))
                .as("joined, so never a dead letter").isEmpty();
    }

    @Test
    void glucoseContext_whoseMeasurementNeverComes_isADeadLetterAfterTheHold() {
        storedId(device.post(ble("2A18"), glucose(7), "application/octet-stream"));
        Instant sent = Instant.now();

        VigilClient.Response held = device.post(ble("2A34"), new byte[] {0x02, 0x09, 0x00, 0x01},
                "application/octet-stream");
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        try (MqttDevice mqtt = MqttDevice.connect(broker.port(), deviceId, secret)) {
            MqttDevice.PubAck ack = mqtt.publish("vigil/v1/devices/" + deviceId + "/ble/2A34",
                    new byte[] {0x02, 0x0A, 0x00, 0x01});
            assertThat(ack.success()).as(ack.reason()).isTrue();
        }
        assertThat(ward.admin().get("/api/v1/dead-letters?device=" + deviceId).json().findValuesAsText("code"))
                .as("still held").isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                ward.admin().get("/api/v1/dead-letters?device=" + deviceId).json().findValuesAsText("code"))
                .containsExactly("VIGIL-1050", "VIGIL-1050"));
        assertThat(Duration.between(sent, Instant.now())).as("not before the hold").isGreaterThanOrEqualTo(HOLD);
        JsonNode letters = ward.admin().get("/api/v1/dead-letters?device=" + deviceId).json();
        assertThat(letters.findValuesAsText("field")).containsOnly("sequence number at byte 1");
        assertThat(letters.findValuesAsText("reason")).anySatisfy(r -> assertThat(r).contains("sequence number 9"))
                .anySatisfy(r -> assertThat(r).contains("sequence number 10"));
        assertThat(clinician.get("/fhir/Observation?device=" + deviceId, "application/fhir+json").json()
                .get("entry")).as("the contexts store nothing").hasSize(1);
    }

    private String storedId(VigilClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("observations").get(0).asText();
    }

    private List<String> notes(String observation) {
        VigilClient.Response read = clinician.get("/fhir/Observation/" + observation, "application/fhir+json");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.json().path("note").findValuesAsText("text");
    }

    /**
     * Glucose Measurement, flags 0x12 (concentration in kg/L, context follows): base time a minute ago,
     * 95 mg/dL (SFLOAT 95e-5 kg/L), capillary whole blood from a finger.
     */
    private static byte[] glucose(int sequence) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x12);
        uint16(out, sequence);
        LocalDateTime utc = LocalDateTime.ofInstant(Instant.now().minusSeconds(60), ZoneOffset.UTC);
        uint16(out, utc.getYear());
        List.of(utc.getMonthValue(), utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond())
                .forEach(out::write);
        out.write(0x5F);
        out.write(0xB0);
        out.write(0x11);
        return out.toByteArray();
    }

    private String ble(String uuid) {
        return "/api/v1/devices/" + deviceId + "/ble/" + uuid;
    }

    private static JsonNode extension(JsonNode resource, String url) {
        for (JsonNode extension : resource.path("extension")) {
            if (url.equals(extension.get("url").asText())) {
                return extension;
            }
        }
        return null;
    }

    /** Flags 0x16 (mmHg, time stamp, pulse rate, measurement status); SFLOATs with exponent 0. */
    private static byte[] bloodPressure(int systolic, int diastolic, int mean, Instant time, int pulse, int status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x16);
        for (int v : List.of(systolic, diastolic, mean)) {
            uint16(out, v);
        }
        LocalDateTime utc = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        uint16(out, utc.getYear());
        List<Integer> fields = new ArrayList<>(List.of(utc.getMonthValue(), utc.getDayOfMonth(), utc.getHour(),
                utc.getMinute(), utc.getSecond()));
        fields.forEach(out::write);
        uint16(out, pulse);
        uint16(out, status);
        return out.toByteArray();
    }

    private static void uint16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write(value >> 8);
    }
}
