package io.vigil.server.ingest;

import io.vigil.server.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class GattStatusOnPostgresIT extends GattStatusContract {
    @BeforeAll
    static void requirePostgres() {
        Databases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
