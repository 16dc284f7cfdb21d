package io.vigil.server.template;

import io.vigil.server.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Mapping templates end to end on PostgreSQL (the API templates' table and the observations). */
class TemplateIngestOnPostgresIT extends TemplateIngestContract {

    @BeforeAll
    static void postgresReachable() {
        Databases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
        String folder = templatesFolder().toString();
        registry.add("vigil.templates.dir", () -> folder);
        registry.add("vigil.templates.refresh", () -> "1s");
    }
}
