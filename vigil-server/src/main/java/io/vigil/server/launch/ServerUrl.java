package io.vigil.server.launch;

import java.util.Optional;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/** Where this Vigil's own HTTP server answers, e.g. {@code http://127.0.0.1:8080}, once it is listening. */
public final class ServerUrl {
    private ServerUrl() {
    }

    public static Optional<String> of(ApplicationContext context) {
        if (!(context instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return Optional.empty();
        }
        Environment env = context.getEnvironment();
        String scheme = ServeModeChecks.https(env) ? "https" : "http";
        String host = env.getProperty("server.address", "127.0.0.1");
        return Optional.of(scheme + "://" + host + ":" + web.getWebServer().getPort());
    }
}
