package io.vigil.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Registers a run's patients and devices with Vigil through its REST API (HTTP Basic as an admin):
 * {@code POST /api/v1/patients}, {@code POST /api/v1/devices} (which returns the device secret once), and
 * {@code POST /api/v1/devices/{id}/assignments} from now on. With {@code --attach} the patients exist already
 * (e.g. imported by {@code vigil import}): they are listed with {@code GET /api/v1/patients?unit=} and only the
 * devices are registered and assigned to them.
 */
final class Provisioner implements AutoCloseable {

    private static final int PARALLEL_REQUESTS = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> GIVEN_FEMALE = List.of("Ada", "Grace", "Mary", "Rosalind", "Florence", "Edith",
            "Marie", "Dorothy", "Lise", "Emmy");
    private static final List<String> GIVEN_MALE = List.of("Alan", "John", "Joseph", "James", "Robert", "Louis",
            "Charles", "Edward", "Henry", "William");
    private static final List<String> FAMILY = List.of("Simms", "Testwood", "Demoford", "Mockridge", "Placeholt",
            "Synthe", "Examplar", "Fictor", "Modelle", "Sample");

    private final URI base;
    private final String user;
    private final String authorization;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final HttpClient http;

    Provisioner(URI base, String user, String password, Clock clock, ObjectMapper mapper) {
        this.base = base;
        this.user = user;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /** Provisions every patient of the plan; the devices come back in plan order, secrets included. */
    List<SimulatedDevice> provision(CaseloadPlan plan, String unit) {
        return provision(plan, unit, null);
    }

    /** The ids of the unit's existing patients (those the user may see), in Vigil's order (bed, then name). */
    List<String> patientsOf(String unit) {
        JsonNode listed = get("/api/v1/patients?unit=" + java.net.URLEncoder.encode(unit, StandardCharsets.UTF_8),
                "list patients");
        List<String> ids = new ArrayList<>();
        listed.forEach(patient -> ids.add(patient.path("id").asText()));
        return ids;
    }

    /** Registers the plan's devices and assigns them to existing patients: plan patient i to {@code patientIds[i]}. */
    List<SimulatedDevice> attach(CaseloadPlan plan, List<String> patientIds) {
        if (patientIds.size() < plan.patients().size()) {
            throw new IllegalArgumentException("the plan has more patients than there are to attach to");
        }
        return provision(plan, null, patientIds);
    }

    private List<SimulatedDevice> provision(CaseloadPlan plan, String unit, List<String> existing) {
        String runTag = Long.toString(clock.millis(), 36);
        try (ExecutorService requests = Executors.newFixedThreadPool(PARALLEL_REQUESTS,
                Thread.ofVirtual().name("vigil-provision-", 0).factory())) {
            List<Future<List<SimulatedDevice>>> patients = new ArrayList<>();
            int deviceNumber = 1;
            for (int i = 0; i < plan.patients().size(); i++) {
                CaseloadPlan.PatientPlan patient = plan.patients().get(i);
                String patientId = existing == null ? null : existing.get(i);
                int first = deviceNumber;
                patients.add(requests.submit(() -> provision(patient, unit, patientId, runTag, first)));
                deviceNumber += patient.kinds().size();
            }
            List<SimulatedDevice> devices = new ArrayList<>();
            for (Future<List<SimulatedDevice>> patient : patients) {
                devices.addAll(patient.get());
            }
            return devices;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SimulatorException refused ? refused
                    : new SimulatorException("provisioning failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulatorException("interrupted while provisioning", e);
        }
    }

    private List<SimulatedDevice> provision(CaseloadPlan.PatientPlan plan, String unit, String existingPatient,
                                            String runTag, int firstDevice) {
        PatientPhysiology physiology = PatientPhysiology.random(plan.seed(), plan.scenario(), clock);
        String patientId = existingPatient != null ? existingPatient
                : createPatient(plan, physiology.baseline(), unit, runTag);
        List<SimulatedDevice> devices = new ArrayList<>();
        for (int i = 0; i < plan.kinds().size(); i++) {
            DeviceKind kind = plan.kinds().get(i);
            String deviceId = String.format("sim-%s-%03d", runTag, firstDevice + i);
            String secret = createDevice(deviceId, kind);
            assign(deviceId, patientId);
            devices.add(new SimulatedDevice(deviceId, secret, kind, physiology));
        }
        return devices;
    }

    private String createPatient(CaseloadPlan.PatientPlan plan, PatientBaseline baseline, String unit,
                                 String runTag) {
        SplittableRandom random = new SplittableRandom(plan.seed());
        List<String> given = baseline.sex().equals("female") ? GIVEN_FEMALE : GIVEN_MALE;
        ObjectNode body = mapper.createObjectNode();
        body.put("mrn", "SIM-" + runTag.toUpperCase() + "-" + plan.number());
        ObjectNode name = body.putObject("name");
        name.put("given", given.get(random.nextInt(given.size())));
        name.put("family", FAMILY.get(random.nextInt(FAMILY.size())));
        body.put("birthDate", LocalDate.now(clock).minusYears(baseline.age()).minusDays(random.nextInt(365)).toString());
        body.put("sex", baseline.sex());
        body.put("unit", unit);
        body.put("bed", String.format("%02d", plan.number()));
        return post("/api/v1/patients", body, "create patients").path("id").asText();
    }

    private String createDevice(String deviceId, DeviceKind kind) {
        ObjectNode body = mapper.createObjectNode();
        body.put("id", deviceId);
        body.put("type", kind.deviceType());
        body.put("manufacturer", "Vigil Simulator");
        body.put("model", kind.model());
        body.put("serial", deviceId);
        String secret = post("/api/v1/devices", body, "register devices").path("secret").asText("");
        if (secret.isEmpty()) {
            throw new SimulatorException("Vigil registered device " + deviceId + " but returned no secret");
        }
        return secret;
    }

    private void assign(String deviceId, String patientId) {
        ObjectNode body = mapper.createObjectNode();
        body.put("patient", patientId);
        body.put("start", clock.instant().toString());
        post("/api/v1/devices/" + deviceId + "/assignments", body, "assign devices");
    }

    private JsonNode post(String path, ObjectNode body, String action) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), path, "POST", action);
    }

    private JsonNode get(String path, String action) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), path, "GET", action);
    }

    private JsonNode send(HttpRequest.Builder builder, String path, String method, String action) {
        HttpRequest request = builder.timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SimulatorException("cannot reach Vigil at " + base + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulatorException("interrupted while provisioning", e);
        }
        return answer(response, method, path, action);
    }

    private JsonNode answer(HttpResponse<String> response, String method, String path, String action) {
        int status = response.statusCode();
        if (status == 401) {
            throw new SimulatorException("Vigil at " + base + " refused user '" + user
                    + "' (HTTP 401): check --user and --password (or VIGIL_USER and VIGIL_PASSWORD)");
        }
        if (status == 403) {
            throw new SimulatorException("user '" + user + "' may not " + action + " (HTTP 403): use an admin account");
        }
        JsonNode json = parse(response.body());
        if (status < 200 || status >= 300) {
            String code = json.path("code").asText("");
            String detail = json.path("detail").asText(json.path("title").asText(""));
            throw new SimulatorException(method + " " + path + " failed: HTTP " + status
                    + (code.isEmpty() ? "" : " " + code) + (detail.isEmpty() ? "" : ": " + detail));
        }
        return json;
    }

    private JsonNode parse(String body) {
        try {
            return mapper.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().toString();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
