package io.vigil.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A device posting its JSON to {@code POST /api/v1/devices/{id}/measurements} with its secret as Bearer token.
 * 2xx is an acknowledgement; a 4xx problem+json is a refusal by its {@code code}; 429 is answered by sending the same
 * message again after its {@code Retry-After}, 5xx and I/O failures by sending it again with backoff.
 */
final class HttpDeviceLink implements DeviceLink {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final URI endpoint;
    private final String authorization;

    HttpDeviceLink(SimulatedDevice device, URI base, HttpClient http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
        this.endpoint = base.resolve("/api/v1/devices/" + device.deviceId() + "/measurements");
        this.authorization = "Bearer " + device.secret();
    }

    @Override
    public CompletableFuture<Void> connect() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Delivery> send(byte[] payload) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> error != null
                        ? new Delivery.Lost(error.getClass().getSimpleName())
                        : delivery(response));
    }

    private Delivery delivery(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Delivery.ACCEPTED;
        }
        if (status == 429) {
            return new Delivery.Throttled("HTTP 429", retryAfterMillis(response));
        }
        if (status >= 500) {
            return new Delivery.Lost("HTTP " + status);
        }
        String code = problemCode(response.body());
        return new Delivery.Refused(code == null ? "HTTP " + status : "HTTP " + status + " " + code);
    }

    /** {@code Retry-After} in seconds (the only form Vigil sends); one second when absent or a date. */
    static long retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::trim).filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Long.parseLong(v) * 1000).orElse(1000L);
    }

    /** The {@code code} member of an RFC 9457 problem, or null. */
    private String problemCode(String body) {
        try {
            JsonNode code = mapper.readTree(body).path("code");
            return code.isTextual() ? code.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        // The HttpClient is shared by all devices and closed by the simulator.
    }
}
