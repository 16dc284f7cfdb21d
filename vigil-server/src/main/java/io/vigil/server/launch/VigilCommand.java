package io.vigil.server.launch;

import io.vigil.server.VigilApplication;
import io.vigil.server.audit.AuditCommand;
import io.vigil.server.delivery.WebhooksCommand;
import io.vigil.server.ingest.AckCheckCommand;
import io.vigil.sim.BenchCommand;
import io.vigil.server.importer.ImportCommand;
import io.vigil.sim.SimulateCommand;
import io.vigil.sim.ecg.EcgSimulateCommand;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The command line: {@code vigil demo | serve | edge | simulate | decode | audit | webhooks | import | check-acks | bench | ecg-eval | help}. Returns the process exit code. */
public final class VigilCommand {
    static final int DEFAULT_HTTP_PORT = 8080;
    static final int DEFAULT_MQTT_PORT = 1883;
    static final int DEFAULT_HL7_PORT = 2575;

    private VigilCommand() {
    }

    public static int run(String[] args) {
        PrintStream out = System.out;
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        return switch (command) {
            case "demo" -> demo(rest, out);
            case "serve" -> serve(rest, out);
            case "edge" -> edge(rest, out);
            case "simulate" -> rest.length > 0 && rest[0].equals("--ecg")
                    ? EcgSimulateCommand.run(rest, out, System.getenv(), java.time.Clock.systemUTC())
                    : SimulateCommand.run(rest, out);
            case "ecg-eval" -> EcgEvalCommand.run(rest, out, System.err);
            case "decode" -> DecodeCommand.run(rest, out, System.err, java.time.Clock.systemUTC());
            case "audit" -> AuditCommand.run(rest, System.getenv(), out, System.err);
            case "webhooks" -> WebhooksCommand.run(rest, System.getenv(), out, System.err);
            case "check-acks" -> AckCheckCommand.run(rest, System.getenv(), out, System.err);
            case "bench" -> BenchCommand.run(rest, out);
            case "import" -> ImportCommand.run(rest, System.getenv(), out, System.err);
            case "help", "--help", "-h" -> help(out, 0);
            default -> {
                System.err.println("Unknown command '" + command + "'.");
                yield help(System.err, 2);
            }
        };
    }

    private static int demo(String[] args, PrintStream out) {
        return demo(args, out, Map.of());
    }

    /**
     * An edge gateway: the demo's embedded, local start (its own data dir, ./data-edge by default) without the demo
     * ward, queuing every reading for the upstream Vigil named by --upstream (or vigil.edge.upstream.url).
     */
    private static int edge(String[] args, PrintStream out) {
        Map<String, Object> edge = new HashMap<>();
        List<String> rest = new ArrayList<>(List.of("--data-dir", "./data-edge"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--upstream" -> edge.put("vigil.edge.upstream.url", i + 1 < args.length ? args[++i] : "");
                case "--gateway" -> edge.put("vigil.edge.upstream.user", i + 1 < args.length ? args[++i] : "");
                default -> rest.add(args[i]);
            }
        }
        edge.put("vigil.edge.enabled", true);
        edge.put("vigil.demo.enabled", false);
        return demo(rest.toArray(String[]::new), out, edge);
    }

    private static int demo(String[] args, PrintStream out, Map<String, Object> extra) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: vigil demo [--http-port N] [--mqtt-port N] [--data-dir DIR] [--no-sim]");
            return 2;
        }
        String host = "127.0.0.1";
        int http;
        int mqtt;
        int hl7;
        try {
            http = choosePort("HTTP", host, options.httpPort(), DEFAULT_HTTP_PORT, out);
            mqtt = choosePort("MQTT", host, options.mqttPort(), DEFAULT_MQTT_PORT, out);
            hl7 = choosePort("HL7 MLLP", host, null, DEFAULT_HL7_PORT, out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        String password = System.getenv().getOrDefault("VIGIL_DEMO_PASSWORD", "");
        if (password.isBlank()) {
            password = generatedPassword();
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("vigil.mode", "demo");
        properties.put("server.port", http);
        properties.put("server.address", host);
        properties.put("vigil.mqtt.host", host);
        properties.put("vigil.mqtt.port", mqtt);
        properties.put("vigil.hl7.host", host);
        properties.put("vigil.hl7.port", hl7);
        properties.put("vigil.data-dir", options.dataDir());
        properties.put("vigil.demo.password", password);
        properties.put("vigil.demo.simulate", options.simulate());
        properties.putAll(extra);
        return start(properties, new String[0]);
    }

    private static int serve(String[] args, PrintStream out) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("vigil.mode", "serve");
        properties.put("spring.config.import", "optional:file:./vigil.yml");
        return start(properties, args);
    }

    /** Starts the application; the command's settings outrank application.yml, as command-line properties do. */
    private static int start(Map<String, Object> properties, String[] args) {
        SpringApplication application = new SpringApplication(VigilApplication.class);
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.addAll(List.of(args));
        try {
            ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new));
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "vigil-shutdown"));
            Thread.currentThread().join();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (RuntimeException e) {
            UnsafeSettingException unsafe = UnsafeSettingException.in(e);
            if (unsafe != null) {
                System.err.println("Vigil will not start: " + unsafe.getMessage());
                return 3;
            }
            System.err.println("Vigil did not start: " + rootMessage(e));
            return 1;
        }
    }

    /** A port asked for explicitly must be free; a taken default is replaced by a free one, and said so. */
    private static int choosePort(String what, String host, Integer requested, int preferred, PrintStream out) {
        if (requested != null) {
            if (requested == 0) {
                return FreePorts.any(host);
            }
            if (!FreePorts.isFree(host, requested)) {
                throw new IllegalArgumentException(what + " port " + requested + " is taken; choose another, or 0 for any free port.");
            }
            return requested;
        }
        if (FreePorts.isFree(host, preferred)) {
            return preferred;
        }
        int free = FreePorts.any(host);
        out.printf(Locale.ROOT, "%s port %d is taken; using %d instead.%n", what, preferred, free);
        return free;
    }

    private static String generatedPassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static int help(PrintStream out, int code) {
        out.println("""
                Vigil — open Internet-of-Medical-Things platform.  NOT FOR CLINICAL USE.

                Usage: vigil <command> [options]

                Commands:
                  demo       Start everything embedded (H2, MQTT broker, HTTP) with a simulated ward.
                             --http-port N   HTTP port (default 8080; a taken port is replaced by a free one; 0 = any)
                             --mqtt-port N   MQTT port (default 1883; likewise)
                             --data-dir DIR  where data is kept (default ./data)
                             --no-sim        do not start the simulated ward's devices
                             Demo logins: admin, clinician, caregiver; password from VIGIL_DEMO_PASSWORD, else generated.
                  edge       An edge gateway (a ward, an ICU, a home): local ingest, storage and alerts that keep
                             working with the uplink down, forwarding every reading to an upstream Vigil.
                             --upstream URL  the upstream Vigil (or VIGIL_EDGE_UPSTREAM_URL)
                             --gateway NAME  its gateway account there (or VIGIL_EDGE_UPSTREAM_USER); password from
                                             VIGIL_EDGE_UPSTREAM_PASSWORD.  Also --http-port, --mqtt-port, --data-dir
                                             (default ./data-edge) as for demo.  See docs/operations.md, "Edge gateway".
                  serve      Production start from ./vigil.yml and VIGIL_* environment; refuses unsafe settings.
                  simulate   Device simulator and load generator against any Vigil (vigil simulate --help).
                             --ecg <rhythm|record> --device ID --secret S   one ECG device streaming waveform frames:
                             a synthetic rhythm (sinus, brady, tachy, af, asystole, noise, leads-off) or a replayed
                             MIT-BIH record (vigil simulate --ecg x --help)
                  ecg-eval   QRS detection scored beat by beat (ANSI/AAMI EC57) on a folder of WFDB records, e.g.
                             ecg-eval ../shared/data/mitdb: per-record Se/+P, gross, speed, AF episodes, compression
                  decode     What Vigil makes of a device payload, without a server:
                             --ble <uuid> <hex>   a BLE GATT characteristic value, e.g. decode --ble 2A37 0055
                             --json <payload>|@file|-   device JSON, e.g. decode --json '{"values": {"spo2": 97}}'
                             --hl7 <file>|-   an HL7 v2 ORU^R01 (IHE PCD-01) message
                             --template <name|file.json> <file|->   vendor JSON through a mapping template
                  audit      The audit trail, read from the database without starting a server:
                             audit verify   walk the hash chain; exit 0 intact, 1 broken (prints the first broken link)
                             audit export [--from TIME] [--to TIME] [--out FILE]   NDJSON, one event a line
                             --data-dir DIR  the demo's data dir when VIGIL_DB_URL is not set (default ./data)
                  webhooks   Alert webhooks' dead letters, asked of a running server (password: VIGIL_PASSWORD):
                             webhooks dead-letters [--server URL] [--user NAME]
                             webhooks replay DELIVERY-ID... | --webhook ID   queue them again, due now
                  check-acks Durability check: every message in an ack log (vigil simulate --ack-log FILE) stored,
                             each reading exactly once: check-acks FILE [--data-dir DIR]   (vigil check-acks --help)
                  bench      Load scenarios against a running Vigil with HdrHistogram figures (vigil bench --help):
                             sustained | burst
                  import     Synthea's FHIR R4 patients (one Bundle per file) into a running server, with their vital
                             signs: import DIR [--unit UNIT] [--server URL] [--user NAME]; re-running adds nothing twice
                  help       This text.

                Database (demo and serve): VIGIL_DB_URL, VIGIL_DB_USER, VIGIL_DB_PASSWORD (default: H2 under the data dir).
                TLS (demo and serve): VIGIL_TLS_CERTIFICATE, VIGIL_TLS_PRIVATE_KEY (PEM files): HTTPS, and MQTT over TLS on 8883.
                """);
        return code;
    }
}
