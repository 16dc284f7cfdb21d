package io.vigil.server.importer;

import io.vigil.model.MeasurementRegistry;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.launch.ServerLogin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil import <dir>}: creates the patients of Synthea's FHIR R4 output (one transaction Bundle per patient)
 * in a running Vigil, with their historic vital signs, through its public API as an administrator would — the
 * server owns the database (an embedded H2 is locked while it runs) and every reading goes through the same
 * ingest, checks and audit as a device's. Per patient:
 * <ol>
 *   <li>{@code POST /api/v1/patients} (MRN, name, birth date, sex, {@code --unit}); a known MRN (409) is looked up
 *       and reused, so a re-run creates nobody twice;</li>
 *   <li>an import device {@code synthea-<mrn>} registered (or its secret rotated on a re-run) and assigned to the
 *       patient for the span of their history;</li>
 *   <li>the mapped readings posted as device JSON, 200 per request, each with the message id
 *       {@code syn-<Observation id>}, so a re-run stores nothing twice; 429 is waited out.</li>
 * </ol>
 * Exit codes: 0 done, 1 some files or patients refused, 2 usage or connection errors.
 */
public final class ImportCommand {
    static final String USAGE = """
            Usage: vigil import DIR [--unit UNIT] [--server URL] [--user NAME]
              Imports Synthea's FHIR R4 output (DIR/*.json, one Bundle per patient; hospital and practitioner
              files are skipped): patients by MRN into UNIT (default home), with their vital signs whose LOINC
              codes Vigil knows. Re-running imports nothing twice.
              --server URL  the running Vigil (default http://127.0.0.1:8080); --user an administrator (default
                            admin); password from VIGIL_PASSWORD.""";
    static final String DEVICE_PREFIX = "synthea-";
    private static final int BATCH = 200;
    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http;
    private final String server;
    private final String basic;
    private final String unit;
    private final PrintStream out;
    private final PrintStream err;

    private ImportCommand(HttpClient http, String server, String basic, String unit, PrintStream out, PrintStream err) {
        this.http = http;
        this.server = server;
        this.basic = basic;
        this.unit = unit;
        this.out = out;
        this.err = err;
    }

    /** @return 0 done, 1 some files or patients refused, 2 usage or connection error */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        ServerLogin login;
        try {
            login = ServerLogin.of(args, 0, Set.of("--unit"), environment);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        List<String> operands = login.operands();
        if (operands.size() > 1 || operands.stream().anyMatch(a -> a.startsWith("--"))) {
            err.println("Unexpected argument " + operands.get(operands.size() - 1));
            err.println(USAGE);
            return 2;
        }
        Path dir = operands.isEmpty() ? null : Path.of(operands.get(0));
        if (dir == null || !Files.isDirectory(dir)) {
            err.println("Give the directory of Synthea's FHIR output (output/fhir)");
            return 2;
        }
        String server = login.server();
        String basic = login.authorization();
        String unit = login.options().getOrDefault("--unit", "home");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            return new ImportCommand(http, server, basic, unit, out, err).importAll(dir);
        } catch (IOException e) {
            err.println("Cannot reach " + server + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private int importAll(Path dir) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().startsWith("hospitalInformation"))
                    .filter(f -> !f.getFileName().toString().startsWith("practitionerInformation"))
                    .sorted().toList();
        }
        MeasurementRegistry registry = MeasurementRegistry.standard();
        int patients = 0;
        int created = 0;
        int readings = 0;
        int unusable = 0;
        int refused = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        for (Path file : files) {
            SyntheaBundle bundle;
            try {
                bundle = SyntheaBundle.parse(Files.readString(file), registry);
            } catch (SyntheaBundle.Unreadable unreadable) {
                err.println(file.getFileName() + ": skipped (" + ApiErrors.IMPORT_BUNDLE_INVALID + " " + unreadable.getMessage() + ")");
                refused++;
                continue;
            }
            Outcome outcome = importPatient(bundle);
            if (outcome == null) {
                refused++;
                continue;
            }
            patients++;
            created += outcome.created() ? 1 : 0;
            readings += bundle.readings().size();
            unusable += bundle.unusable();
            bundle.skipped().forEach((code, n) -> skipped.merge(code, n, Integer::sum));
            out.printf(Locale.ROOT, "%s: patient %s %s, %d readings%n", file.getFileName(), outcome.patientId(),
                    outcome.created() ? "created" : "already known", bundle.readings().size());
        }
        int skippedTotal = skipped.values().stream().mapToInt(Integer::intValue).sum();
        out.printf(Locale.ROOT, "Imported %d patients (%d new) into unit %s: %d vital-sign readings; skipped %d "
                + "Observations of codes Vigil does not monitor and %d it could not take; %d files refused.%n",
                patients, created, unit, readings, skippedTotal, unusable, refused);
        if (!skipped.isEmpty()) {
            out.println("Skipped codes (LOINC: count): " + skipped);
        }
        return refused == 0 ? 0 : 1;
    }

    private record Outcome(String patientId, boolean created) {}

    private Outcome importPatient(SyntheaBundle bundle) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mrn", bundle.mrn());
        body.put("name", Map.of("given", bundle.given() == null ? "" : bundle.given(), "family", bundle.family()));
        if (bundle.birthDate() != null) {
            body.put("birthDate", bundle.birthDate().toString());
        }
        body.put("sex", bundle.sex());
        body.put("unit", unit);
        HttpResponse<String> registered = send("POST", "/api/v1/patients", basic, body);
        String patientId;
        boolean created = registered.statusCode() == 201;
        if (created) {
            patientId = JSON.readTree(registered.body()).get("id").asText();
        } else if (registered.statusCode() == 409) {
            HttpResponse<String> found = send("GET", "/fhir/Patient?identifier="
                    + URLEncoder.encode(bundle.mrn(), StandardCharsets.UTF_8), basic, null);
            JsonNode entry = JSON.readTree(found.body()).path("entry").path(0).path("resource").path("id");
            if (found.statusCode() != 200 || entry.isMissingNode()) {
                return refused("patient " + bundle.mrn() + " exists but cannot be found", found);
            }
            patientId = entry.asText();
        } else {
            return refused("patient " + bundle.mrn(), registered);
        }
        if (bundle.readings().isEmpty()) {
            return new Outcome(patientId, created);
        }
        String device = DEVICE_PREFIX + bundle.mrn().replaceAll("[^A-Za-z0-9._-]", "-");
        device = device.length() > 64 ? device.substring(0, 64) : device;
        String secret = deviceSecret(device, bundle.mrn());
        if (secret == null) {
            return null;
        }
        HttpResponse<String> assigned = send("POST", "/api/v1/devices/" + device + "/assignments", basic,
                Map.of("patient", patientId, "start", bundle.firstReading().toString(),
                        "end", bundle.lastReading().plusSeconds(1).toString()));
        if (assigned.statusCode() != 201 && assigned.statusCode() != 409) {
            return refused("assignment of " + device, assigned);
        }
        for (int from = 0; from < bundle.readings().size(); from += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>(bundle.readings().subList(from,
                    Math.min(from + BATCH, bundle.readings().size())));
            HttpResponse<String> stored = postReadings(device, secret, batch);
            if (stored.statusCode() != 201 && stored.statusCode() != 200) {
                return refused("readings of " + bundle.mrn(), stored);
            }
        }
        return new Outcome(patientId, created);
    }

    /** The import device's secret: a new device's, or a new one for the device of an earlier run. */
    private String deviceSecret(String device, String mrn) throws IOException, InterruptedException {
        HttpResponse<String> registered = send("POST", "/api/v1/devices", basic, Map.of("id", device,
                "type", "vital-signs-monitor", "manufacturer", "Synthea", "model", "import", "serial", mrn));
        if (registered.statusCode() == 409) {
            registered = send("POST", "/api/v1/devices/" + device + "/secret", basic, null);
        }
        if (registered.statusCode() / 100 != 2) {
            refused("device " + device, registered);
            return null;
        }
        return JSON.readTree(registered.body()).get("secret").asText();
    }

    /** Posts readings as the device; waits out 429 (the per-device rate limit) and tries again. */
    private HttpResponse<String> postReadings(String device, String secret, List<Map<String, Object>> batch)
            throws IOException, InterruptedException {
        while (true) {
            HttpResponse<String> stored = send("POST", "/api/v1/devices/" + device + "/measurements", "Bearer " + secret, batch);
            if (stored.statusCode() != 429) {
                return stored;
            }
            long wait = stored.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
            Thread.sleep(Duration.ofSeconds(Math.max(1, wait)));
        }
    }

    private Outcome refused(String what, HttpResponse<String> response) {
        err.println(what + ": " + response.request().method() + " " + response.uri().getPath() + " → "
                + response.statusCode() + " " + response.body());
        return null;
    }

    private HttpResponse<String> send(String method, String path, String authorization, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
