package io.vigil.server.ingest;

import io.vigil.server.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link StorageBenchmark} on PostgreSQL: smoke-sized unless run with the sizes in docs/benchmarks.md. */
class StorageBenchmarkOnPostgresIT extends StorageBenchmark {
    @BeforeAll
    static void requirePostgres() {
        Databases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }

    @Override
    String database() {
        return "PostgreSQL";
    }
}
