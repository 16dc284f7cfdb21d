package io.vigil.server.observation;

import io.vigil.server.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class StorageOnPostgresIT extends StorageContract {
    @BeforeAll
    static void requirePostgres() {
        Databases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }

    @Override
    boolean partitioned() {
        return true;
    }
}
