package io.vigil.server.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DecodeCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:15:30Z"), ZoneOffset.UTC);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void ble_heartRateExample_printsTheMeasurementWithCodes() {
        assertThat(run("--ble", "2A37", "00 55")).isZero();
        assertThat(text(out)).contains("heart-rate 85 /min  2026-11-25T10:15:30Z (received)  LOINC 8867-4, MDC 147842");
    }

    @Test
    void ble_bloodPressureInKpa_printsComponentsAndStatusNotes() {
        assertThat(run("--ble", "0x2a35", "11 A0F0 6BF0 7CF0 0200")).isZero();
        assertThat(text(out)).contains("blood-pressure (panel)").contains("  systolic-bp 120.01 mm[Hg]")
                .contains("note: cuff too loose");
    }

    @Test
    void ble_temperatureType_printsTheBodySiteAndThatItHoldsNoMeasurement() {
        assertThat(run("--ble", "2A1D", "03")).isZero();
        assertThat(text(out)).contains("note: temperature type: ear (usually earlobe)")
                .contains("body site ear (usually earlobe)  SNOMED 117590005")
                .contains("no measurement").contains("VIGIL-1050");
    }

    @Test
    void ble_temperatureWithItsType_printsTheMeasurementsBodySite() {
        assertThat(run("--ble", "2A1C", "04 6F0100FF 07")).isZero();
        assertThat(text(out)).contains("body-temperature 36.70 Cel").contains("  body site rectum  SNOMED 34402009");
    }

    @Test
    void ble_glucoseContext_printsMealTesterAndHealth() {
        assertThat(run("--ble", "2A34", "06 0500 01 21")).isZero();
        assertThat(text(out)).contains("note: sequence number 5 (context of the glucose measurement with this number)")
                .contains("note: meal: preprandial (before meal)").contains("note: tester: self")
                .contains("note: health: major health issues").contains("VIGIL-1050");
    }

    @Test
    void ble_truncatedValue_printsCodeFieldAndOffset_exit1() {
        assertThat(run("--ble", "2A35", "00BDF00B")).isEqualTo(1);
        assertThat(text(err)).startsWith("VIGIL-1013 TRUNCATED diastolic at byte 3: ");
    }

    @Test
    void json_printsEachMessageWithCanonicalUnitsAndCodes() {
        assertThat(run("--json", "{\"id\": \"m-7\", \"values\": {\"body-temperature\": {\"value\": 98.6, \"unit\": \"[degF]\"}}}"))
                .isZero();
        assertThat(text(out)).contains("message m-7").contains("body-temperature 37 Cel  2026-11-25T10:15:30Z (received)  LOINC 8310-5");
    }

    @Test
    void json_implausibleValue_printsCodeAndField_exit1() {
        assertThat(run("--json", "{\"values\": {\"spo2\": 140}}")).isEqualTo(1);
        assertThat(text(err)).startsWith("VIGIL-1004 IMPLAUSIBLE_VALUE values.spo2");
    }

    @Test
    void usageErrors_exit2() {
        assertThat(run("--ble", "2A35")).isEqualTo(2);
        assertThat(run("--ble", "2A35", "zz")).isEqualTo(2);
        assertThat(text(err)).contains("Usage: vigil decode --ble");
    }

    private int run(String... args) {
        return DecodeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
