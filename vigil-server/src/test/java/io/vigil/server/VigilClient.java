package io.vigil.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** A real HTTP client for tests: Basic-auth users, bearer tokens and devices against a running Vigil. */
public final class VigilClient {
    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** A response: status, body text, and the body as JSON (null when not JSON). */
    public record Response(int status, String body, String contentType, HttpHeaders headers) {
        /** A response whose headers do not matter (other than its content type). */
        public Response(int status, String body, String contentType) {
            this(status, body, contentType, HttpHeaders.of(java.util.Map.of(), (name, value) -> true));
        }

        /** Every value of a response header (e.g. both {@code WWW-Authenticate} challenges). */
        public List<String> header(String name) {
            return headers.allValues(name);
        }

        /** The elements of a JSON array answer whose {@code field} is {@code value}. */
        public java.util.List<JsonNode> where(String field, String value) {
            java.util.List<JsonNode> matching = new java.util.ArrayList<>();
            json().forEach(element -> {
                if (value.equals(element.path(field).asText())) {
                    matching.add(element);
                }
            });
            return matching;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private final HttpClient http;
    private final String base;
    private final String authorization;

    private VigilClient(String base, String authorization) {
        this(HttpClient.newHttpClient(), base, authorization);
    }

    private VigilClient(HttpClient http, String base, String authorization) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
    }

    /** A Basic-auth user against any base URL (e.g. {@code https://localhost:8443}) through the given client. */
    public static VigilClient user(HttpClient http, String base, String user, String password) {
        return new VigilClient(http, base, basic(user, password));
    }

    public static VigilClient user(int port, String user, String password) {
        return new VigilClient("http://127.0.0.1:" + port, basic(user, password));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static VigilClient device(int port, String secret) {
        return new VigilClient("http://127.0.0.1:" + port, secret == null ? null : "Bearer " + secret);
    }

    /** A caller with a bearer token (an identity provider's JWT). */
    public static VigilClient bearer(int port, String token) {
        return new VigilClient("http://127.0.0.1:" + port, "Bearer " + token);
    }

    public static VigilClient anonymous(int port) {
        return new VigilClient("http://127.0.0.1:" + port, null);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    /** A GET with one more request header (e.g. {@code Prefer: respond-async}). */
    public Response getWithHeader(String path, String header, String value) {
        return send(request(path).header(header, value).GET());
    }

    public Response post(String path, Object body) {
        return post(path, body instanceof String text ? text : write(body), "application/json");
    }

    public Response post(String path, String body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** A PUT of a body sent as is (e.g. a template's text), not JSON-encoded. */
    public Response put(String path, String body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    public Response post(String path, byte[] body, String contentType) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
