package io.vigil.sim;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@code vigil simulate}, parsed and checked.
 *
 * @param duration  how long each phase runs; null = until stopped (Ctrl-C)
 * @param scenarios the scenarios patients get in turn: one, or all for {@code mixed}
 * @param seed      seed of the patients' physiology; null = pick one and print it
 * @param faultEvery how often a deliberately implausible reading is sent; null = never
 * @param ackLog    file the acknowledged messages are appended to; null = none
 */
record SimulateArguments(URI url, URI mqtt, String user, String password, int devices, double rate,
                         Duration duration, List<Scenario> scenarios, Transport transport, double speed, Long seed,
                         boolean load, int batch, boolean baseline, String unit, Duration interval, int inFlight,
                         Duration faultEvery, Path ackLog, boolean attach) {

    static final Duration DEFAULT_LOAD_DURATION = Duration.ofSeconds(60);

    /** The outcome of parsing. */
    sealed interface Parsed {}

    record Run(SimulateArguments arguments) implements Parsed {}

    record Help() implements Parsed {}

    /** A usage error; the message names the flag. */
    record Invalid(String message) implements Parsed {}

    private static final Set<String> SWITCHES = Set.of("--load", "--baseline", "--attach", "--help", "-h");
    private static final Set<String> VALUED = Set.of("--url", "--mqtt", "--user", "--password", "--devices",
            "--rate", "--duration", "--scenario", "--transport", "--speed", "--seed", "--batch", "--unit",
            "--interval", "--in-flight", "--faults", "--ack-log");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)?");

    static Parsed parse(List<String> args, Map<String, String> env) {
        try {
            return new Run(new Builder(env).read(args).build());
        } catch (HelpRequested help) {
            return new Help();
        } catch (UsageException e) {
            return new Invalid(e.getMessage());
        }
    }

    /** Accumulates flags in any order, then checks how they combine. */
    private static final class Builder {
        private URI url = URI.create("http://127.0.0.1:8080");
        private URI mqtt = URI.create("mqtt://127.0.0.1:1883");
        private String user;
        private String password;
        private int devices = 12;
        private double rate;
        private Duration duration;
        private List<Scenario> scenarios = List.of(Scenario.STABLE);
        private Transport transport = Transport.MQTT;
        private double speed = 1;
        private Long seed;
        private boolean load;
        private Integer batch;
        private boolean baseline;
        private boolean attach;
        private String unit = "sim";
        private Duration interval;
        private int inFlight = SimulatorOptions.DEFAULT_MAX_IN_FLIGHT;
        private Duration faultEvery;
        private Path ackLog;

        Builder(Map<String, String> env) {
            user = env.getOrDefault("VIGIL_USER", "admin");
            password = env.get("VIGIL_PASSWORD");
        }

        Builder read(List<String> args) {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String flag = arg;
                String value = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    flag = arg.substring(0, equals);
                    value = arg.substring(equals + 1);
                }
                if (SWITCHES.contains(flag)) {
                    if (value != null) {
                        throw new UsageException(flag + " takes no value");
                    }
                    toggle(flag);
                } else if (VALUED.contains(flag)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(flag + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    set(flag, value);
                } else {
                    throw new UsageException("unknown " + (arg.startsWith("-") ? "flag " : "argument ") + flag);
                }
            }
            return this;
        }

        private void toggle(String flag) {
            switch (flag) {
                case "--load" -> load = true;
                case "--baseline" -> baseline = true;
                case "--attach" -> attach = true;
                default -> throw new HelpRequested();
            }
        }

        private void set(String flag, String value) {
            switch (flag) {
                case "--url" -> url = uri(flag, value, "http", "https");
                case "--mqtt" -> mqtt = uri(flag, value, "mqtt", "tcp");
                case "--user" -> user = nonBlank(flag, value);
                case "--password" -> password = nonBlank(flag, value);
                case "--devices" -> devices = positiveInt(flag, value);
                case "--rate" -> rate = positiveNumber(flag, value);
                case "--duration" -> duration = duration(flag, value);
                case "--scenario" -> scenarios = scenarios(flag, value);
                case "--transport" -> transport = transport(flag, value);
                case "--speed" -> speed = positiveNumber(flag, value);
                case "--seed" -> seed = seed(flag, value);
                case "--batch" -> batch = positiveInt(flag, value);
                case "--unit" -> unit = nonBlank(flag, value);
                case "--interval" -> interval = duration(flag, value);
                case "--in-flight" -> inFlight = positiveInt(flag, value);
                case "--faults" -> faultEvery = duration(flag, value);
                case "--ack-log" -> ackLog = Path.of(nonBlank(flag, value));
                default -> throw new IllegalStateException(flag);
            }
        }

        SimulateArguments build() {
            if (batch != null && !load) {
                throw new UsageException("--batch applies only with --load");
            }
            if (baseline && !load) {
                throw new UsageException("--baseline applies only with --load");
            }
            if (baseline && transport != Transport.MQTT) {
                throw new UsageException("--baseline needs --transport mqtt (the baseline topic is an MQTT topic)");
            }
            if (load && interval != null) {
                throw new UsageException("--interval applies only without --load (use --rate to pace a load run)");
            }
            if (!load && rate > 0 && interval != null) {
                throw new UsageException("--rate and --interval both pace the monitors: give one");
            }
            if (password == null) {
                throw new UsageException("--password is required (or set VIGIL_PASSWORD)");
            }
            Duration runFor = duration != null ? duration : load ? DEFAULT_LOAD_DURATION : null;
            return new SimulateArguments(url, mqtt, user, password, devices, rate, runFor, scenarios, transport,
                    speed, seed, load, batch == null ? 1 : batch, baseline, unit,
                    interval == null ? SimulatorOptions.DEFAULT_INTERVAL : interval, inFlight, faultEvery, ackLog, attach);
        }
    }

    private static URI uri(String flag, String value, String... schemes) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new UsageException(flag + ": expected " + schemes[0] + "://host:port, got '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException(flag + ": expected " + schemes[0] + "://host:port, got '" + value + "'");
        }
    }

    private static String nonBlank(String flag, String value) {
        if (value.isBlank()) {
            throw new UsageException(flag + " must not be empty");
        }
        return value;
    }

    private static int positiveInt(String flag, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's name
        }
        throw new UsageException(flag + ": expected a whole number of at least 1, got '" + value + "'");
    }

    private static double positiveNumber(String flag, String value) {
        try {
            double n = Double.parseDouble(value.trim());
            if (n > 0 && Double.isFinite(n)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's name
        }
        throw new UsageException(flag + ": expected a number above 0, got '" + value + "'");
    }

    private static Long seed(String flag, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": expected a whole number, got '" + value + "'");
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 250ms}, a bare number of seconds, or ISO-8601. */
    static Duration duration(String flag, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(text);
        Duration parsed;
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double millis = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> amount;
                case "m" -> amount * 60_000;
                case "h" -> amount * 3_600_000;
                case "d" -> amount * 86_400_000;
                default -> amount * 1_000;
            };
            parsed = Duration.ofMillis(Math.round(millis));
        } else {
            parsed = isoDuration(text);
        }
        if (parsed == null || parsed.isZero() || parsed.isNegative()) {
            throw new UsageException(flag + ": expected a duration such as 60s, 5m or 2h, got '" + value + "'");
        }
        return parsed;
    }

    private static Duration isoDuration(String text) {
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<Scenario> scenarios(String flag, String value) {
        if (value.equalsIgnoreCase("mixed")) {
            return List.of(Scenario.values());
        }
        return Scenario.fromCliName(value.trim()).map(List::of).orElseThrow(() -> new UsageException(flag
                + ": expected stable, sepsis, hypoglycaemia, heart-failure, copd or mixed, got '" + value + "'"));
    }

    private static Transport transport(String flag, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "mqtt" -> Transport.MQTT;
            case "http" -> Transport.HTTP;
            default -> throw new UsageException(flag + ": expected mqtt or http, got '" + value + "'");
        };
    }

    /** A usage error, carried out of the parser to become {@link Invalid}. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    private static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }

    @Override
    public String toString() {
        return "SimulateArguments[url=" + url + ", mqtt=" + mqtt + ", user=" + user + ", devices=" + devices
                + ", load=" + load + "]";
    }
}
