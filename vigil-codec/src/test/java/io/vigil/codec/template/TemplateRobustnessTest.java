package io.vigil.codec.template;

import static io.vigil.codec.template.VendorPayloads.example;
import static io.vigil.codec.template.VendorPayloads.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.json.ByteMutation;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncated and mutated vendor payloads, and mutated templates: never an exception, never a hang, no bad reading. */
class TemplateRobustnessTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:00:00Z");
    private static final Map<String, List<String>> EXAMPLES = Map.of(
            "withings-measures", List.of("withings-getmeas.json"),
            "nightscout-entries", List.of("nightscout-v3-entries.json", "nightscout-v1-upload.json"),
            "azure-iomt-jsonpath", List.of("iomt-heart-rate.json", "iomt-blood-pressure.json", "iomt-array.json"));

    @Test
    void truncationAtEveryByte_neverThrows_andOnlyTheWholePayloadCanMap() {
        EXAMPLES.forEach((name, files) -> {
            MappingTemplate template = shipped(name);
            for (String file : files) {
                byte[] payload = example(file);
                for (int length = 0; length < payload.length; length++) {
                    DecodeResult<List<DeviceMessage>> result = template.map(Arrays.copyOf(payload, length), "device123", RECEIVED);
                    // A JSON text cut before its closing bracket is never complete; trailing whitespace may be cut.
                    boolean complete = new String(payload, 0, length).stripTrailing().length()
                            == new String(payload).stripTrailing().length();
                    if (!complete) {
                        assertThat(result).as("%s cut at %d", file, length).isInstanceOf(DecodeResult.Failure.class);
                    }
                }
            }
        });
    }

    @Test
    void randomMutation_neverThrows_andEveryReadingIsPlausibleAndCanonical() {
        Random random = new Random(20261125);
        EXAMPLES.forEach((name, files) -> {
            MappingTemplate template = shipped(name);
            for (String file : files) {
                byte[] payload = example(file);
                for (int i = 0; i < 3000; i++) {
                    byte[] mutated = payload;
                    for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                        mutated = ByteMutation.apply(mutated, random);
                    }
                    long started = System.nanoTime();
                    DecodeResult<List<DeviceMessage>> result = template.map(mutated, "device123", RECEIVED);
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
                    if (result instanceof DecodeResult.Ok<List<DeviceMessage>> ok) {
                        ok.value().forEach(message -> message.measurements().forEach(TemplateRobustnessTest::sane));
                    } else {
                        assertThat(((DecodeResult.Failure<List<DeviceMessage>>) result).error().reason()).isNotBlank();
                    }
                }
            }
        });
    }

    @Test
    void mutatedTemplates_areCompiledOrRefused_neverThrown() {
        TemplateCompiler compiler = new TemplateCompiler(MeasurementRegistry.standard());
        Random random = new Random(7);
        for (String name : ShippedTemplates.names()) {
            byte[] text = ShippedTemplates.text(name).orElseThrow();
            for (int i = 0; i < 1500; i++) {
                TemplateCompilation result = compiler.compile(name, ByteMutation.apply(text, random));
                if (result instanceof TemplateCompilation.Refused refused) {
                    assertThat(refused.reason()).isNotBlank();
                    assertThat(refused.line()).isGreaterThanOrEqualTo(0);
                }
            }
            int complete = new String(text).stripTrailing().getBytes().length;
            for (int length = 0; length < complete; length += 7) {
                assertThat(compiler.compile(name, Arrays.copyOf(text, length))).isInstanceOf(TemplateCompilation.Refused.class);
            }
        }
    }

    private static void sane(Measurement measurement) {
        switch (measurement.value()) {
            case MeasuredValue.Quantity q -> {
                assertThat(q.unit()).isEqualTo(measurement.type().canonicalUnit());
                assertThat(measurement.type().plausible().contains(q.value())).isTrue();
            }
            case MeasuredValue.Panel p -> p.components().forEach(c ->
                    assertThat(c.type().plausible().contains(c.quantity().value())).isTrue());
            case MeasuredValue.Coded c -> assertThat(measurement.type().answers()).contains(c.answer());
        }
        assertThat(measurement.time()).isBefore(RECEIVED.plus(Duration.ofMinutes(6)));
    }
}
