package io.vigil.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.web.EventStream;
import io.vigil.server.web.FormLogin;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who sees which patient, through every REST family, the ward stream and the ward page: six callers (created through
 * {@code POST /api/v1/users}) against three patients — P1 on ward-a, P2 at home, P3 in no unit — and P0, who does
 * not exist. Each cell of {@link #MATRIX} is what the caller gets:
 * <ul>
 *   <li>a status ({@code 200}, {@code 201}; {@code 404} for a patient, alert or unit the caller may not see — the
 *       same answer as for one that does not exist; {@code 403} for what the caller's role may not do at all);</li>
 *   <li>or, for a listing, the ids it reveals among P1, P2, P3 and D (a device whose readings belong to nobody),
 *       {@code -} for none: the answer is 200 and names exactly those.</li>
 * </ul>
 * Rows run top to bottom and columns left to right, so a row may rely on an earlier one (the break-glass rows come
 * last, followed by what they opened). Subclasses pick the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
abstract class AccessMatrixContract {
    static final String PASSWORD = "Tiles-and-beds-2026";
    static final List<String> CALLERS = List.of("mx-admin", "mx-clin-a", "mx-clin-home", "mx-carer", "mx-carer-none", "mx-integ");
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Set<String> REVEALABLE = Set.of("P1", "P2", "P3", "D");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Z][0-9]?)}");
    private static final String GLASS = "{\"reason\":\"Emergency:deteriorating,team-unreachable\"}";

    static final String MATRIX = """
            # request                                         mx-admin  mx-clin-a mx-clin-home mx-carer mx-carer-none mx-integ
            GET  /api/v1/patients                              P1,P2,P3  P1        P2           P1       -             P1
            GET  /api/v1/patients?unit=ward-a                  P1        P1        -            P1       -             P1
            GET  /api/v1/patients/{P1}                         200       200       404          200      404           200
            GET  /api/v1/patients/{P2}                         200       404       200          404      404           404
            GET  /api/v1/patients/{P3}                         200       404       404          404      404           404
            GET  /api/v1/patients/{P0}                         404       404       404          404      404           404
            GET  /api/v1/patients/{P1}/latest                  404       200       404          200      404           200
            GET  /api/v1/patients/{P2}/latest                  404       404       200          404      404           404
            GET  /api/v1/patients/{P3}/latest                  404       404       404          404      404           404
            GET  /api/v1/patients/{P1}/news2                   404       200       404          200      404           200
            GET  /api/v1/patients/{P2}/news2                   404       404       200          404      404           404
            GET  /api/v1/patients/{P3}/news2                   404       404       404          404      404           404
            GET  /api/v1/patients/{P1}/glucose-summary         404       200       404          200      404           200
            GET  /api/v1/patients/{P2}/glucose-summary         404       404       200          404      404           404
            GET  /api/v1/patients/{P0}/glucose-summary         404       404       404          404      404           404
            PUT  /api/v1/patients/{P1}/news2-scale {"scale":1} 403       200       404          403      403           403
            PUT  /api/v1/patients/{P2}/news2-scale {"scale":1} 403       404       200          403      403           403
            PUT  /api/v1/patients/{P3}/news2-scale {"scale":1} 403       404       404          403      403           403
            POST /api/v1/patients {"unit":"ward-a"}            201       201       403          403      403           403
            POST /api/v1/patients {"unit":"home"}              201       403       201          403      403           403
            POST /api/v1/patients {}                           201       403       403          403      403           403
            GET  /api/v1/alerts                                -         P1        P2           P1       -             P1
            GET  /api/v1/alerts?patient={P2}                   -         -         P2           -        -             -
            GET  /api/v1/alerts?state=active                   -         P1        P2           P1       -             P1
            GET  /api/v1/alerts/{A1}                           404       200       404          200      404           200
            GET  /api/v1/alerts/{A2}                           404       404       200          404      404           404
            GET  /api/v1/alerts/{A3}                           404       404       404          404      404           404
            POST /api/v1/alerts/{A1}/ack {"reason":"seen"}     403       200       404          403      403           403
            POST /api/v1/alerts/{A2}/ack {"reason":"seen"}     403       404       200          403      403           403
            POST /api/v1/alerts/{A3}/ack {"reason":"seen"}     403       404       404          403      403           403
            POST /api/v1/alerts/{A3}/resolve {}                403       404       404          403      403           403
            GET  /api/v1/ward                                  D         P1,D      P2,D         P1       -             P1
            GET  /api/v1/ward?unit=all                         D         P1,D      P2,D         P1       -             P1
            GET  /api/v1/ward?unit=ward-a                      404       P1,D      404          P1       404           P1
            GET  /api/v1/ward?unit=home                        404       404       P2,D         404      404           404
            GET  /api/v1/ward?unit=no-such-unit                404       404       404          404      404           404
            SSE  /api/v1/stream/ward?unit=all                  D         P1,D      P2,D         P1       -             P1
            SSE  /api/v1/stream/ward?unit=home                 404       404       P2,D         404      404           404
            PAGE /?unit=all                                    D         P1,D      P2,D         P1       -             P1
            PAGE /?unit=ward-a                                 404       P1,D      404          P1       404           P1
            GET  /api/v1/devices                               200       200       200          403      403           403
            GET  /api/v1/devices/{D2}                          P2        -         P2           403      403           403
            GET  /api/v1/devices/{D3}/assignments              P3        -         -            403      403           403
            GET  /api/v1/patients/{P1}/shares                  200       200       404          403      403           403
            GET  /api/v1/patients/{P2}/shares                  200       404       200          403      403           403
            GET  /api/v1/patients/{P3}/shares                  200       404       404          403      403           403
            GET  /api/v1/patients/{P0}/shares                  404       404       404          403      403           403
            PUT  /api/v1/patients/{P1}/shares/mx-carer {}      200       200       404          403      403           403
            GET  /api/v1/users                                 200       403       403          403      403           403
            GET  /api/v1/care-teams                            200       403       403          403      403           403
            GET  /api/v1/break-glass                           200       403       403          403      403           403
            GET  /api/v1/audit                                 200       403       403          403      403           403
            GET  /api/v1/dead-letters                          200       403       403          403      403           403
            POST /api/v1/patients/{P0}/break-glass GLASS       403       404       404          403      403           403
            POST /api/v1/patients/{P2}/break-glass {}          403       400       400          403      403           403
            POST /api/v1/patients/{P1}/break-glass GLASS       403       201       201          403      403           403
            GET  /api/v1/patients/{P1}/latest                  404       200       200          200      404           200
            GET  /api/v1/alerts/{A1}                           404       200       200          200      404           200
            GET  /api/v1/ward?unit=all                         D         P1,D      P1,P2,D      P1       -             P1
            """;

    @LocalServerPort
    int httpPort;
    @Autowired
    JdbcTemplate jdbc;

    WardFixture ward;
    final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    void wardWithPeople() {
        ward = new WardFixture(httpPort);
        VigilClient admin = ward.admin();
        user(admin, "mx-admin", "admin");
        user(admin, "mx-clin-a", "clinician");
        user(admin, "mx-clin-home", "clinician");
        user(admin, "mx-carer", "caregiver");
        user(admin, "mx-carer-none", "caregiver");
        user(admin, "mx-integ", "integration");
        team(admin, "mx-ward-a-team", "ward-a", "mx-clin-a", "mx-integ");
        team(admin, "mx-home-team", "home", "mx-clin-home");

        Map<String, String> units = new LinkedHashMap<>();
        units.put("1", "ward-a");
        units.put("2", "home");
        units.put("3", null);
        units.forEach((n, unit) -> {
            WardFixture.Bedside bed = ward.bedside(unit);
            ids.put("P" + n, bed.patient());
            ids.put("D" + n, bed.deviceId());
            send(bed.deviceId(), bed.secret(), "{\"heart-rate\": 150}");
        });
        ids.put("P0", UUID.randomUUID().toString());
        ward.share(ids.get("P1"), "mx-carer");
        String stray = "stray-" + UUID.randomUUID().toString().substring(0, 8);
        send(stray, ward.device(stray, "vital-signs-monitor"), "{\"spo2\": 97}");
        ids.put("D", stray);
        for (String n : List.of("1", "2", "3")) {
            String patient = ids.get("P" + n);
            ids.put("A" + n, await().atMost(SETTLE).until(() -> jdbc.queryForList(
                    "SELECT id FROM alert WHERE patient_id = ?", String.class, patient).stream().findFirst().orElse(null),
                    id -> id != null));
        }
    }

    /** Last: its break-glass rows widen what two clinicians see. */
    @TestFactory
    @Order(Integer.MAX_VALUE)
    Stream<DynamicTest> everyCallerGetsOnlyWhatTheyMaySee() {
        return MATRIX.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .flatMap(line -> {
                    Row row = Row.parse(line);
                    return Stream.iterate(0, i -> i + 1).limit(CALLERS.size()).map(i -> DynamicTest.dynamicTest(
                            CALLERS.get(i) + " " + row.method() + " " + row.path() + " → " + row.expected().get(i),
                            () -> check(CALLERS.get(i), row, row.expected().get(i))));
                });
    }

    /** The 404 of a patient the caller may not see says exactly what the 404 of a patient who does not exist says. */
    @Test
    void invisiblePatient_isAnsweredLikeOneThatDoesNotExist() {
        VigilClient home = VigilClient.user(httpPort, "mx-clin-home", PASSWORD);
        for (String suffix : List.of("", "/latest", "/news2", "/glucose-summary")) {
            VigilClient.Response invisible = home.get("/api/v1/patients/" + ids.get("P3") + suffix);
            VigilClient.Response missing = home.get("/api/v1/patients/" + ids.get("P0") + suffix);
            assertThat(invisible.status()).isEqualTo(404).isEqualTo(missing.status());
            assertThat(invisible.contentType()).isEqualTo(missing.contentType()).startsWith("application/problem+json");
            assertThat(withoutInstance(invisible)).isEqualTo(withoutInstance(missing))
                    .containsEntry("code", "VIGIL-1202").containsEntry("detail", "Patient not found");
        }
        VigilClient.Response invisibleAlert = home.get("/api/v1/alerts/" + ids.get("A3"));
        VigilClient.Response missingAlert = home.get("/api/v1/alerts/" + UUID.randomUUID());
        assertThat(withoutInstance(invisibleAlert)).isEqualTo(withoutInstance(missingAlert)).containsEntry("code", "VIGIL-1202");
    }

    /** The unit picker offers the caller's units only; a caregiver's are the units of the patients shared with them. */
    @Test
    void wardPage_unitPicker_listsOnlyTheCallersUnits() {
        assertThat(unitOptions("mx-clin-a")).containsExactly("ward-a", "all");
        assertThat(unitOptions("mx-clin-home")).containsExactly("home", "all");
        assertThat(unitOptions("mx-carer")).containsExactly("ward-a", "all");
        assertThat(unitOptions("mx-carer-none")).containsExactly("all");
        assertThat(unitOptions("mx-admin")).containsExactly("all");
    }

    /** In the browser, a unit the caller may not open is the web app's error page, not the API's problem+json. */
    @Test
    void wardPage_ofAnotherUnit_isTheErrorPage_with404() {
        VigilClient.Response page = new FormLogin(httpPort).logIn("mx-clin-a", PASSWORD).get("/?unit=home");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Error 404").doesNotContain(ids.get("P2"));
    }

    /** A clinician registers patients only into a unit their care teams cover: the refusal says so. */
    @Test
    void clinician_registeringIntoAnotherUnit_isRefusedWithItsCode() {
        VigilClient.Response refused = VigilClient.user(httpPort, "mx-clin-home", PASSWORD).post("/api/v1/patients",
                Map.of("mrn", "MRN-" + UUID.randomUUID().toString().substring(0, 8), "unit", "ward-a"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("VIGIL-1350");
        assertThat(refused.json().get("field").asText()).isEqualTo("unit");
    }

    private void check(String caller, Row row, String expected) {
        String path = resolve(row.path());
        Answer answer = switch (row.method()) {
            case "SSE" -> stream(caller, path);
            case "PAGE" -> page(caller, path);
            default -> request(caller, row.method(), path, row.body());
        };
        boolean listing = !expected.chars().allMatch(Character::isDigit);
        assertThat(answer.status()).as("%s %s %s: %s", caller, row.method(), path, answer.body())
                .isEqualTo(listing ? 200 : Integer.parseInt(expected));
        if (listing) {
            Set<String> revealed = REVEALABLE.stream().filter(key -> answer.body().contains(ids.get(key))).collect(Collectors.toSet());
            Set<String> allowed = "-".equals(expected) ? Set.of() : Set.of(expected.split(","));
            assertThat(revealed).as("%s %s %s reveals", caller, row.method(), path).containsExactlyInAnyOrderElementsOf(allowed);
        }
    }

    private Answer request(String caller, String method, String path, String body) {
        VigilClient client = VigilClient.user(httpPort, caller, PASSWORD);
        Map<String, Object> json = body == null ? Map.of() : read(body);
        VigilClient.Response response = switch (method) {
            case "GET" -> client.get(path);
            case "POST" -> client.post(path, "/api/v1/patients".equals(path) ? newPatient(json) : json);
            case "PUT" -> client.put(path, json);
            default -> throw new IllegalArgumentException(method);
        };
        return new Answer(response.status(), response.body());
    }

    private Answer stream(String caller, String path) {
        try (EventStream stream = EventStream.open(httpPort, path, caller, PASSWORD)) {
            return new Answer(stream.status(), stream.status() == 200 ? stream.next("ward").data() : stream.body());
        }
    }

    private Answer page(String caller, String path) {
        VigilClient.Response response = new FormLogin(httpPort).logIn(caller, PASSWORD).get(path);
        return new Answer(response.status(), response.body());
    }

    private List<String> unitOptions(String caller) {
        Answer page = page(caller, "/");
        assertThat(page.status()).isEqualTo(200);
        Matcher option = Pattern.compile("<option[^>]*value=\"([^\"]+)\"").matcher(page.body());
        List<String> units = new ArrayList<>();
        while (option.find()) {
            units.add(option.group(1));
        }
        return units;
    }

    private String resolve(String path) {
        Matcher placeholder = PLACEHOLDER.matcher(path);
        return placeholder.replaceAll(match -> {
            String id = ids.get(match.group(1));
            if (id == null) {
                throw new IllegalArgumentException("no " + match.group(1));
            }
            return id;
        });
    }

    private static Map<String, Object> newPatient(Map<String, Object> json) {
        Map<String, Object> patient = new HashMap<>(json);
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        patient.put("mrn", mrn);
        patient.put("name", Map.of("given", "Matrix", "family", "Patient-" + mrn));
        return patient;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String body) {
        try {
            return VigilClient.JSON.readValue("GLASS".equals(body) ? GLASS : body, Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(body, e);
        }
    }

    private static Map<String, Object> withoutInstance(VigilClient.Response response) {
        Map<String, Object> problem = read(response.body());
        problem.remove("instance");
        return problem;
    }

    private void send(String deviceId, String secret, String values) {
        VigilClient.Response stored = VigilClient.device(httpPort, secret).post("/api/v1/devices/" + deviceId + "/measurements",
                "{\"time\": \"" + Instant.now().minusSeconds(5) + "\", \"values\": " + values + "}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    }

    private static void user(VigilClient admin, String username, String role) {
        VigilClient.Response created = admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD,
                "roles", List.of(role)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static void team(VigilClient admin, String id, String unit, String... members) {
        VigilClient.Response created = admin.post("/api/v1/care-teams", Map.of("id", id, "name", "Team " + id,
                "units", List.of(unit), "members", Arrays.asList(members)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** What a caller got: the status and the body (for a stream, its first event's data). */
    record Answer(int status, String body) {}

    /** One line of the matrix: the request, its body if any, and one expectation per caller. */
    record Row(String method, String path, String body, List<String> expected) {
        static Row parse(String line) {
            List<String> tokens = List.of(line.split("\\s+"));
            int first = tokens.size() - CALLERS.size();
            if (first < 2 || first > 3) {
                throw new IllegalArgumentException("malformed matrix row: " + line);
            }
            return new Row(tokens.get(0), tokens.get(1), first == 3 ? tokens.get(2) : null,
                    tokens.subList(first, tokens.size()));
        }
    }
}
