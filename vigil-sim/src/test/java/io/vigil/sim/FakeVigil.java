package io.vigil.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on loopback answering the parts of Vigil's REST surface the simulator uses (provisioning and
 * HTTP ingest), recording what it was sent. Stands in for vigil-server, which this module cannot depend on.
 */
final class FakeVigil implements AutoCloseable {

    /** An ingest answer: status and body. */
    record Answer(int status, String body) {}

    /** A measurements POST as received. */
    record Posted(String deviceId, String authorization, JsonNode body) {}

    private static final Pattern DEVICE_PATH = Pattern.compile("/api/v1/devices/([^/]+)/(assignments|measurements)");

    private final HttpServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String basicAuth;
    private final AtomicInteger ids = new AtomicInteger();
    final List<JsonNode> patients = new CopyOnWriteArrayList<>();
    final List<JsonNode> devices = new CopyOnWriteArrayList<>();
    final Map<String, JsonNode> assignments = new ConcurrentHashMap<>();
    final Map<String, String> secrets = new ConcurrentHashMap<>();
    final List<Posted> measurements = new CopyOnWriteArrayList<>();
    volatile Answer ingestAnswer = new Answer(201, "{\"observations\": [\"o-1\"]}");

    FakeVigil(String user, String password) throws IOException {
        basicAuth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/v1/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode body = mapper.readTree(exchange.getRequestBody().readAllBytes());
            Matcher device = DEVICE_PATH.matcher(path);
            if (device.matches() && device.group(2).equals("measurements")) {
                measurements.add(new Posted(device.group(1), authorization, body));
                Answer answer = ingestAnswer;
                respond(exchange, answer.status(), answer.body());
                return;
            }
            if (!basicAuth.equals(authorization)) {
                respond(exchange, 401, "{\"code\": \"VIGIL-2001\", \"title\": \"Unauthorized\"}");
                return;
            }
            if (path.equals("/api/v1/patients")) {
                patients.add(body);
                respond(exchange, 201, "{\"id\": \"p-" + ids.incrementAndGet() + "\"}");
            } else if (path.equals("/api/v1/devices")) {
                devices.add(body);
                String secret = "secret-" + body.get("id").asText();
                secrets.put(body.get("id").asText(), secret);
                respond(exchange, 201, "{\"id\": \"" + body.get("id").asText() + "\", \"secret\": \"" + secret + "\"}");
            } else if (device.matches()) {
                assignments.put(device.group(1), body);
                respond(exchange, 201, "{\"id\": \"a-" + ids.incrementAndGet() + "\"}");
            } else {
                respond(exchange, 404, "{\"code\": \"VIGIL-0404\"}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
