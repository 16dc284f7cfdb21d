package io.vigil.server.template;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Vendor JSON mapping templates (prefix {@code vigil.templates}).
 *
 * @param dir folder of {@code <name>.json} templates read at start; empty for {@code <vigil.data-dir>/templates}
 */
@ConfigurationProperties("vigil.templates")
record TemplateProperties(Path dir) {}
