package io.vigil.server.launch;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.ErrorCode;
import io.vigil.codec.template.MappingTemplate;
import io.vigil.codec.template.ShippedTemplates;
import io.vigil.codec.template.TemplateCompilation;
import io.vigil.codec.template.TemplateCompiler;
import io.vigil.model.MeasurementRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code vigil decode --template <name|file.json> <payload file|->}: a vendor payload through a mapping template,
 * without a server. The name is looked up in the templates folder ({@code VIGIL_TEMPLATES_DIR}, else
 * {@code ./data/templates}), then among the shipped templates; a path ending in {@code .json} is loaded as is, so a
 * template can be tried before it is uploaded. A template that does not load is reported with its line.
 */
final class TemplateDecodeCommand {

    private TemplateDecodeCommand() {
    }

    /** The folder the server reads templates from by default. */
    static Path folder() {
        String configured = System.getProperty("vigil.templates.dir", System.getenv("VIGIL_TEMPLATES_DIR"));
        return configured == null || configured.isBlank() ? Path.of("data", "templates") : Path.of(configured);
    }

    /** @return 0 mapped, 1 refused (payload or template), 2 usage error */
    static int run(String template, String source, PrintStream out, PrintStream err, Clock clock, Path folder,
                   InputStream stdin) {
        byte[] text;
        byte[] payload;
        String name = template;
        try {
            Path file = template.endsWith(".json") ? Path.of(template) : folder.resolve(template + ".json");
            if (template.endsWith(".json")) {
                String fileName = file.getFileName().toString();
                name = fileName.substring(0, fileName.length() - ".json".length());
            }
            Optional<byte[]> found = Files.isRegularFile(file) && MappingTemplate.validName(name)
                    ? Optional.of(Files.readAllBytes(file)) : ShippedTemplates.text(template);
            if (found.isEmpty()) {
                err.printf("%s %s: no template named %s in %s or among the shipped ones (%s)%n",
                        ErrorCode.TEMPLATE_UNKNOWN.code(), ErrorCode.TEMPLATE_UNKNOWN.name(), template, folder,
                        String.join(", ", ShippedTemplates.names()));
                return 1;
            }
            text = found.get();
            payload = source.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(source));
        } catch (IOException | RuntimeException e) {
            err.println("Cannot read " + source + " or the template: " + e.getMessage());
            return 2;
        }
        return switch (new TemplateCompiler(MeasurementRegistry.standard()).compile(name, text)) {
            case TemplateCompilation.Refused refused -> {
                err.printf("%s %s: template %s is refused at %s%n", ErrorCode.TEMPLATE_INVALID.code(),
                        ErrorCode.TEMPLATE_INVALID.name(), name, refused.describe());
                yield 1;
            }
            case TemplateCompilation.Compiled compiled -> map(compiled.template(), payload, out, err, clock);
        };
    }

    private static int map(MappingTemplate template, byte[] payload, PrintStream out, PrintStream err, Clock clock) {
        return switch (template.map(payload, null, clock.instant())) {
            case DecodeResult.Ok<List<DeviceMessage>> ok -> {
                for (DeviceMessage message : ok.value()) {
                    out.println("message " + (message.messageId() == null ? "(no id: a retry would be stored again)"
                            : message.messageId()));
                    DecodeCommand.print(message.measurements(), out);
                }
                yield 0;
            }
            case DecodeResult.Failure<List<DeviceMessage>> failure -> {
                DecodeCommand.print(failure.error(), err);
                yield 1;
            }
        };
    }
}
