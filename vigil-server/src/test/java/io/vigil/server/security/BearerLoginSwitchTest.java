package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The OIDC switch: off by default (no bearer login at all), and refused at start when on but incomplete. */
class BearerLoginSwitchTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OidcProperties.class)
    @Import(BearerLogin.class)
    static class Wiring {
    }

    @Test
    void byDefault_noBearerLogin() {
        context.run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(BearerLogin.class));
        context.withPropertyValues("vigil.security.oidc.enabled=false", "vigil.security.oidc.jwk-set-uri=http://127.0.0.1:9/jwks")
                .run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(BearerLogin.class));
    }

    @Test
    void enabledWithoutAudience_refusedAtStart_namingTheKey() {
        context.withPropertyValues("vigil.security.oidc.enabled=true",
                        "vigil.security.oidc.issuer-uri=https://keycloak.hospital.example/realms/hospital")
                .run(started -> {
                    assertThat(started).hasFailed();
                    Throwable cause = started.getStartupFailure();
                    while (cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).hasMessageContaining("vigil.security.oidc.audience");
                });
    }
}
