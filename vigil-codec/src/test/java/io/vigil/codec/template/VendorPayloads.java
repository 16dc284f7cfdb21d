package io.vigil.codec.template;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.model.MeasurementRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The shipped templates, compiled, and the vendors' published example payloads (see examples/README.md). */
final class VendorPayloads {

    private VendorPayloads() {
    }

    static MappingTemplate shipped(String name) {
        TemplateCompilation compiled = new TemplateCompiler(MeasurementRegistry.standard())
                .compile(name, ShippedTemplates.text(name).orElseThrow());
        if (compiled instanceof TemplateCompilation.Refused refused) {
            throw new AssertionError("shipped template " + name + " refused: " + refused.describe());
        }
        return ((TemplateCompilation.Compiled) compiled).template();
    }

    static byte[] example(String file) {
        try (InputStream in = VendorPayloads.class.getResourceAsStream("examples/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing example " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<DeviceMessage> ok(DecodeResult<List<DeviceMessage>> result) {
        if (result instanceof DecodeResult.Failure<List<DeviceMessage>> failure) {
            throw new AssertionError("refused: " + failure.error());
        }
        return ((DecodeResult.Ok<List<DeviceMessage>>) result).value();
    }
}
