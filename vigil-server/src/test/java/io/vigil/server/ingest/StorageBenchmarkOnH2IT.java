package io.vigil.server.ingest;

import io.vigil.server.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link StorageBenchmark} on H2 (durable ingest only): smoke-sized unless run with the sizes in docs/benchmarks.md. */
class StorageBenchmarkOnH2IT extends StorageBenchmark {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Override
    String database() {
        return "H2";
    }
}
