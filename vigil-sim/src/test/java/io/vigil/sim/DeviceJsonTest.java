package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.UnitConversion;
import io.vigil.model.ValueKind;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The device JSON the simulator writes, checked the way Vigil will check it: keys are registry aliases or LOINC
 * codes, units are accepted ones, and every value lies in the registry's plausible range.
 */
class DeviceJsonTest {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);
    private static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();
    /** DecodeError's INVALID_ID: characters outside [A-Za-z0-9._:-] are refused. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Duration WEEK = Duration.ofDays(7);

    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyKind_overSevenDays_writesOnlyPlausibleRegistryValues(Scenario scenario) throws IOException {
        for (DeviceKind kind : DeviceKind.values()) {
            for (long seed = 1; seed <= 3; seed++) {
                SimulatedDevice device = device(kind, scenario, seed);
                Set<String> seen = writeWeek(device, step(kind));
                assertThat(seen).as("%s %s", kind, scenario).containsAll(expectedKeys(kind));
            }
        }
    }

    @Test
    void bedsideMonitor_addsSpotVitalsEveryFewMinutes_withConsciousnessAndOxygen() throws IOException {
        DeviceMessageStream stream = stream(device(DeviceKind.BEDSIDE_MONITOR, Scenario.STABLE, 1));
        int withBloodPressure = 0;
        int messages = 0;
        for (int i = 0; i < 12 * 60; i++) {
            Instant time = START.plusSeconds(5L * i);
            DeviceMessageStream.Outgoing outgoing = stream.next(time, time, 1);
            if (outgoing != null) {
                messages++;
                JsonNode values = mapper.readTree(outgoing.payload()).get("values");
                if (values.has("blood-pressure")) {
                    withBloodPressure++;
                    assertThat(values.has("body-temperature")).isTrue();
                    assertThat(values.get("consciousness").asText()).isEqualTo("A");
                    assertThat(values.has("inspired-oxygen") || values.has("supplemental-oxygen")).isTrue();
                }
            }
        }
        // One hour at 5 s: 720 messages, spot vitals every 5 minutes (12, give or take a dropped reading).
        assertThat(messages).isBetween(690, 720);
        assertThat(withBloodPressure).isBetween(11, 13);
    }

    @Test
    void lateSepsis_bedsideMonitorReportsNewConfusion() throws IOException {
        DeviceMessageStream stream = stream(device(DeviceKind.BEDSIDE_MONITOR, Scenario.SEPSIS, 2));
        Instant late = START.plus(Duration.ofMinutes(40));

        JsonNode values = mapper.readTree(stream.next(late, late, 1).payload()).get("values");

        assertThat(values.get("consciousness").asText()).isEqualTo("C");
    }

    @Test
    void messages_carryUniqueIds_withDeviceIdAndWallClockTime() throws IOException {
        DeviceMessageStream stream = stream(device(DeviceKind.PULSE_OXIMETER, Scenario.STABLE, 4));
        Set<String> ids = new HashSet<>();
        Instant wall = Instant.parse("2026-05-01T12:00:00.123456Z");
        for (int i = 0; i < 200; i++) {
            DeviceMessageStream.Outgoing outgoing = stream.next(START.plusSeconds(i), wall, 1);
            if (outgoing != null) {
                JsonNode message = mapper.readTree(outgoing.payload());
                assertThat(message.get("id").asText()).startsWith("dev-PULSE_OXIMETER-4-run1-");
                assertThat(message.get("time").asText()).isEqualTo("2026-05-01T12:00:00.123Z");
                ids.add(message.get("id").asText());
            }
        }
        assertThat(ids).hasSizeGreaterThan(190);
    }

    @Test
    void batch_writesAnArrayOfMessages_andCountsTheirReadings() throws IOException {
        DeviceMessageStream stream = stream(device(DeviceKind.BEDSIDE_MONITOR, Scenario.STABLE, 5));

        DeviceMessageStream.Outgoing outgoing = stream.next(START, START, 10);
        JsonNode array = mapper.readTree(outgoing.payload());

        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isEqualTo(outgoing.messages());
        int readings = 0;
        for (JsonNode message : array) {
            readings += message.get("values").size();
        }
        assertThat(outgoing.readings()).isEqualTo(readings);
    }

    @Test
    void artefacts_dropAboutOneReadingInAHundred() {
        DeviceReadout readout = new DeviceReadout(device(DeviceKind.BP_CUFF, Scenario.STABLE, 6), REGISTRY);
        int dropped = 0;
        int n = 20_000;
        for (int seq = 0; seq < n; seq++) {
            if (readout.read(START.plusSeconds(seq), seq, false) == null) {
                dropped++;
            }
        }
        assertThat((double) dropped / n).isBetween(0.005, 0.02);
    }

    @Test
    void sensorOff_leavesGapsInContinuousSpo2_ofMinutesNotHours() {
        DeviceReadout readout = new DeviceReadout(device(DeviceKind.PULSE_OXIMETER, Scenario.STABLE, 8), REGISTRY);
        long offSeconds = 0;
        for (long second = 0; second < WEEK.toSeconds(); second += 10) {
            if (readout.sensorOff(START.plusSeconds(second))) {
                offSeconds += 10;
            }
        }
        double offFraction = (double) offSeconds / WEEK.toSeconds();
        assertThat(offFraction).isGreaterThan(0.0).isLessThan(0.02);
    }

    private Set<String> writeWeek(SimulatedDevice device, Duration step) throws IOException {
        DeviceMessageStream stream = stream(device);
        Set<String> seen = new HashSet<>();
        for (Instant t = START; t.isBefore(START.plus(WEEK)); t = t.plus(step)) {
            DeviceMessageStream.Outgoing outgoing = stream.next(t, t, 1);
            if (outgoing != null) {
                seen.addAll(check(mapper.readTree(outgoing.payload()), device));
            }
        }
        return seen;
    }

    private Set<String> check(JsonNode message, SimulatedDevice device) {
        assertThat(names(message)).containsExactlyInAnyOrder("id", "time", "values");
        assertThat(message.get("id").asText()).matches(MESSAGE_ID);
        Instant.parse(message.get("time").asText());
        JsonNode values = message.get("values");
        assertThat(values.size()).isPositive();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            MeasurementType type = REGISTRY.find(entry.getKey())
                    .orElseThrow(() -> new AssertionError("not in the registry: " + entry.getKey()));
            checkValue(type, entry.getValue(), device + " " + message);
        }
        return names(values);
    }

    private void checkValue(MeasurementType type, JsonNode value, String context) {
        switch (type.kind()) {
            case QUANTITY -> assertThat(type.plausible().contains(canonical(type, value)))
                    .as("%s %s in %s", type.alias(), value, context).isTrue();
            case CODED -> assertThat(type.answer(value.asText())).as("%s %s", type.alias(), context).isPresent();
            case PANEL -> {
                assertThat(names(value)).containsExactlyInAnyOrder("systolic", "diastolic", "mean");
                value.fields().forEachRemaining(component -> {
                    MeasurementType part = type.component(component.getKey()).orElseThrow();
                    assertThat(part.kind()).isEqualTo(ValueKind.QUANTITY);
                    checkValue(part, component.getValue(), context);
                });
                assertThat(value.get("systolic").asDouble()).isGreaterThan(value.get("diastolic").asDouble());
            }
        }
    }

    private static double canonical(MeasurementType type, JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (!value.isObject() || !value.path("value").isNumber()) {
            fail("%s: expected a number or {value, unit}, got %s", type.alias(), value);
        }
        UnitConversion conversion = type.conversionFor(value.get("unit").asText())
                .orElseThrow(() -> new AssertionError(type.alias() + " does not accept " + value.get("unit")));
        return conversion.toCanonical(value.get("value").asDouble());
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> expectedKeys(DeviceKind kind) {
        return switch (kind) {
            case BEDSIDE_MONITOR -> Set.of("heart-rate", "respiratory-rate", "spo2", "body-temperature",
                    "blood-pressure", "consciousness");
            case PULSE_OXIMETER -> Set.of("spo2", "heart-rate");
            case BP_CUFF -> Set.of("blood-pressure", "heart-rate");
            case THERMOMETER -> Set.of("body-temperature");
            case SCALE -> Set.of("body-weight");
            case GLUCOMETER -> Set.of("blood-glucose");
            case CGM -> Set.of("cgm-glucose");
        };
    }

    /** Continuous monitors every 2 minutes (a week at 5 s is more than the test needs), others on their schedule. */
    private static Duration step(DeviceKind kind) {
        return kind.continuous() ? Duration.ofMinutes(2) : kind.period(Duration.ofMinutes(1)).dividedBy(4);
    }

    private static SimulatedDevice device(DeviceKind kind, Scenario scenario, long seed) {
        return new SimulatedDevice("dev-" + kind + "-" + seed, "secret", kind,
                PatientPhysiology.random(seed, scenario, CLOCK));
    }

    private DeviceMessageStream stream(SimulatedDevice device) {
        return new DeviceMessageStream(device, "run1", mapper, REGISTRY);
    }
}
