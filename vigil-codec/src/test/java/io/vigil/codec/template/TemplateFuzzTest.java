package io.vigil.codec.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.FuzzedDecoding;
import io.vigil.model.MeasurementRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer targets for the mapping templates: a vendor payload through a shipped template (the first byte picks
 * the template, the rest is the payload), and any bytes as a template source an admin uploads.
 * Seeds in {@code TemplateFuzzTestInputs/}.
 */
class TemplateFuzzTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:15:30Z");
    private static final List<MappingTemplate> SHIPPED = ShippedTemplates.names().stream().map(VendorPayloads::shipped).toList();

    @Timeout(value = FuzzedDecoding.HANG_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = "30s")
    void map_anyPayloadThroughAShippedTemplate_answersWithMessagesOrACodedRefusal(byte[] input) {
        MappingTemplate template = SHIPPED.get(input.length == 0 ? 0 : (input[0] & 0xFF) % SHIPPED.size());
        byte[] payload = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        long started = System.nanoTime();
        DecodeResult<List<DeviceMessage>> result = template.map(payload, "device-1", RECEIVED);
        FuzzedDecoding.check(result, payload.length, started);
    }

    private static final TemplateCompiler COMPILER = new TemplateCompiler(MeasurementRegistry.standard());

    @Timeout(value = FuzzedDecoding.HANG_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = "30s")
    void compile_anyTemplateSource_compilesOrIsRefusedWithAReason(byte[] source) {
        TemplateCompilation compiled = COMPILER.compile("fuzzed", source);
        if (compiled instanceof TemplateCompilation.Refused refused) {
            assertThat(refused.describe()).isNotBlank();
        } else {
            assertThat(((TemplateCompilation.Compiled) compiled).template()).isNotNull();
        }
    }
}
