package io.vigil.server.fhir;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The effective times a set of {@code date} search parameters selects, as one window {@code [from, to)}.
 *
 * <p>A search value stands for the whole span its precision names (FHIR search, "date"): {@code 2026-11-25} is that
 * UTC day, {@code 2026-11-25T10:15:30Z} that second. Against a reading's effective instant t and the value's span
 * {@code [low, high)}: {@code eq} is low ≤ t &lt; high, {@code ge} t ≥ low, {@code gt} and {@code sa} t ≥ high,
 * {@code lt} and {@code eb} t &lt; low, {@code le} t &lt; high. Several {@code date} parameters must all hold.
 * A time without a zone, {@code ne}, {@code ap} and comma-separated alternatives are refused.
 *
 * @param from earliest effective time (inclusive), or null
 * @param to   effective times before this (exclusive), or null
 */
record EffectiveWindow(Instant from, Instant to) {
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.(\\d{1,9}))?)?(Z|[+-]\\d{2}:\\d{2})");

    static final EffectiveWindow ALWAYS = new EffectiveWindow(null, null);

    /** The window the parameters select; {@link #ALWAYS} when there are none. */
    static EffectiveWindow of(DateAndListParam dates) {
        EffectiveWindow window = ALWAYS;
        if (dates == null) {
            return window;
        }
        for (DateOrListParam or : dates.getValuesAsQueryTokens()) {
            if (or.getValuesAsQueryTokens().size() != 1) {
                throw FhirRefusals.invalid("'date' does not take comma-separated alternatives: give one value per parameter");
            }
            window = window.and(of(or.getValuesAsQueryTokens().getFirst()));
        }
        return window;
    }

    private static EffectiveWindow of(DateParam date) {
        Span span = span(date.getValueAsString());
        ParamPrefixEnum prefix = date.getPrefix() == null ? ParamPrefixEnum.EQUAL : date.getPrefix();
        return switch (prefix) {
            case EQUAL -> new EffectiveWindow(span.low(), span.high());
            case GREATERTHAN_OR_EQUALS -> new EffectiveWindow(span.low(), null);
            case GREATERTHAN, STARTS_AFTER -> new EffectiveWindow(span.high(), null);
            case LESSTHAN, ENDS_BEFORE -> new EffectiveWindow(null, span.low());
            case LESSTHAN_OR_EQUALS -> new EffectiveWindow(null, span.high());
            default -> throw FhirRefusals.invalid("'date' supports the prefixes eq, ge, gt, le, lt, sa and eb");
        };
    }

    /** Both windows at once. */
    EffectiveWindow and(EffectiveWindow other) {
        Instant later = from == null ? other.from : other.from == null ? from : max(from, other.from);
        Instant earlier = to == null ? other.to : other.to == null ? to : min(to, other.to);
        return new EffectiveWindow(later, earlier);
    }

    /** Whether no instant can lie in the window. */
    boolean isEmpty() {
        return from != null && to != null && !from.isBefore(to);
    }

    private record Span(Instant low, Instant high) {}

    private static Span span(String value) {
        if (value == null || value.isBlank()) {
            throw FhirRefusals.invalid("'date' needs a value");
        }
        try {
            return switch (value.length()) {
                case 4 -> {
                    LocalDate year = LocalDate.of(Integer.parseInt(value), 1, 1);
                    yield new Span(utc(year), utc(year.plusYears(1)));
                }
                case 7 -> {
                    YearMonth month = YearMonth.parse(value);
                    yield new Span(utc(month.atDay(1)), utc(month.plusMonths(1).atDay(1)));
                }
                case 10 -> {
                    LocalDate day = LocalDate.parse(value);
                    yield new Span(utc(day), utc(day.plusDays(1)));
                }
                default -> dateTime(value);
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            throw FhirRefusals.invalid("'date' must be YYYY, YYYY-MM, YYYY-MM-DD or a date-time with a time zone");
        }
    }

    private static Span dateTime(String value) {
        Matcher m = DATE_TIME.matcher(value);
        if (!m.matches()) {
            throw FhirRefusals.invalid("'date' must be YYYY, YYYY-MM, YYYY-MM-DD or a date-time with a time zone");
        }
        String text = m.group(1) == null ? value.substring(0, 16) + ":00" + value.substring(16) : value;
        Instant low = OffsetDateTime.parse(text).toInstant();
        Instant high;
        if (m.group(1) == null) {
            high = low.plus(1, ChronoUnit.MINUTES);
        } else if (m.group(3) == null) {
            high = low.plusSeconds(1);
        } else {
            high = low.plusNanos((long) Math.pow(10, 9 - m.group(3).length()));
        }
        return new Span(low, high);
    }

    private static Instant utc(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
