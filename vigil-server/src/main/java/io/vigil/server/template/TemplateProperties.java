package io.vigil.server.template;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vendor JSON mapping templates (prefix {@code vigil.templates}).
 *
 * @param dir     folder of {@code <name>.json} templates read at start; empty for {@code <vigil.data-dir>/templates}
 * @param refresh how often a node re-reads the API templates from the database (changes made through another node)
 */
@ConfigurationProperties("vigil.templates")
record TemplateProperties(Path dir, @DefaultValue("15s") Duration refresh) {}
