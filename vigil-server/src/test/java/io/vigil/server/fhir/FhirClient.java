package io.vigil.server.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A plain HTTP client for /fhir, as a script would use it: Basic auth (or none), JSON, full responses. */
final class FhirClient {
    static final String FHIR_JSON = "application/fhir+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    private FhirClient(int port, String authorization) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    static FhirClient user(int port, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new FhirClient(port, "Basic " + token);
    }

    static FhirClient anonymous(int port) {
        return new FhirClient(port, null);
    }

    /** GET a path ({@code /fhir/...}) or an absolute link the server handed out. */
    HttpResponse<String> get(String pathOrUrl) {
        return get(pathOrUrl, null);
    }

    HttpResponse<String> get(String pathOrUrl, String accept) {
        HttpRequest.Builder request = request(pathOrUrl).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request);
    }

    HttpResponse<String> post(String path, String body) {
        return send(request(path).header("Content-Type", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder request(String pathOrUrl) {
        // A token's system|code bar is not allowed raw in a URI; scripts send it as %7C.
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl.replace("|", "%7C"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
