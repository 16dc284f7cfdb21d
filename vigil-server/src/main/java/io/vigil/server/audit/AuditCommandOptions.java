package io.vigil.server.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The parsed arguments of {@code vigil audit verify|export}. */
record AuditCommandOptions(String command, Instant from, Instant to, Path out, Path dataDir) {

    static AuditCommandOptions parse(String[] args) {
        if (args.length == 0 || !(args[0].equals("verify") || args[0].equals("export"))) {
            throw new IllegalArgumentException(args.length == 0 ? "Say what to do: verify or export."
                    : "Unknown audit command '" + args[0] + "'.");
        }
        String command = args[0];
        Instant from = null;
        Instant to = null;
        Path out = null;
        Path dataDir = Path.of("./data");
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + option + " needs a value.");
            }
            String value = args[++i];
            switch (option) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--from" -> from = exportOnly(command, option, time(value, false));
                case "--to" -> to = exportOnly(command, option, time(value, true));
                case "--out" -> out = exportOnly(command, option, Path.of(value));
                default -> throw new IllegalArgumentException("Unknown option " + option + ".");
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to.");
        }
        return new AuditCommandOptions(command, from, to, out, dataDir);
    }

    private static <T> T exportOnly(String command, String option, T value) {
        if (!command.equals("export")) {
            throw new IllegalArgumentException(option + " belongs to export; verify always walks the whole chain.");
        }
        return value;
    }

    /** An instant, or a date: its start (for --from) or the start of the next day (for --to, exclusive). */
    private static Instant time(String value, boolean end) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("'" + value + "' is neither an ISO instant (2026-11-25T10:00:00Z) "
                        + "nor a date (2026-11-25).");
            }
        }
    }
}
