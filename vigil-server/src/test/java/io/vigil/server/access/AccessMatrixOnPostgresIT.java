package io.vigil.server.access;

import io.vigil.server.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The access matrix on PostgreSQL (the scope's SQL conditions run on both databases). */
class AccessMatrixOnPostgresIT extends AccessMatrixContract {
    @BeforeAll
    static void postgres() {
        Databases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
