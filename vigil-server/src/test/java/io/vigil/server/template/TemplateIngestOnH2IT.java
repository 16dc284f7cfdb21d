package io.vigil.server.template;

import io.vigil.server.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Mapping templates end to end on H2. */
class TemplateIngestOnH2IT extends TemplateIngestContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        String folder = templatesFolder().toString();
        registry.add("vigil.templates.dir", () -> folder);
        registry.add("vigil.templates.refresh", () -> "1s");
    }
}
