package io.vigil.server.alert;

import io.vigil.server.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class AlertWorkflowIT extends AlertWorkflowContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
