package io.vigil.server.implant;

import io.vigil.server.api.ApiErrors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads and checks an interrogation report; a bad one is a refusal with a code and the member at fault, never a throw. */
@Component
class ImplantReportReader {
    /** The outcome of reading a report. */
    sealed interface Outcome {
        record Ok(ImplantReport report) implements Outcome {}

        record Refused(String code, String reason, String field) implements Outcome {}
    }

    private final JsonMapper json;

    ImplantReportReader(JsonMapper json) {
        this.json = json;
    }

    Outcome read(byte[] payload) {
        ImplantReport report;
        try {
            report = json.readValue(payload, ImplantReport.class);
        } catch (JacksonException e) {
            return new Outcome.Refused(ApiErrors.IMPLANT_REPORT_MALFORMED,
                    "The report is not JSON of the implant report format: " + e.getOriginalMessage(), null);
        }
        if (report == null) {
            return new Outcome.Refused(ApiErrors.IMPLANT_REPORT_MALFORMED, "The report is empty", null);
        }
        Outcome.Refused refused = check(report);
        return refused != null ? refused : new Outcome.Ok(normalised(report));
    }

    private static Outcome.Refused check(ImplantReport r) {
        if (r.interrogatedAt() == null) {
            return incomplete("interrogatedAt", "The report needs interrogatedAt (an ISO-8601 instant)");
        }
        if (r.device() == null || blank(r.device().kind()) || blank(r.device().serial())) {
            return incomplete("device", "The report needs device.kind and device.serial");
        }
        if (!ImplantReport.KINDS.contains(ImplantReport.lower(r.device().kind()))) {
            return new Outcome.Refused(ApiErrors.IMPLANT_REPORT_UNKNOWN_CODE,
                    "device.kind is one of " + String.join(", ", ImplantReport.KINDS.stream().sorted().toList()), "device.kind");
        }
        if (r.battery() != null && r.battery().status() != null
                && !ImplantReport.BATTERY_STATES.contains(ImplantReport.lower(r.battery().status()))) {
            return new Outcome.Refused(ApiErrors.IMPLANT_REPORT_UNKNOWN_CODE, "battery.status is ok, eri or eol",
                    "battery.status");
        }
        if (r.battery() != null && r.battery().voltage() != null && (r.battery().voltage() < 0 || r.battery().voltage() > 10)) {
            return outOfRange("battery.voltage", "battery.voltage is in volts, 0–10");
        }
        for (int i = 0; i < r.leads().size(); i++) {
            ImplantReport.Lead lead = r.leads().get(i);
            if (lead == null || lead.impedance() == null || lead.impedance() < 0 || lead.impedance() > 100_000) {
                return outOfRange("leads[" + i + "].impedance", "Each lead has an impedance in ohms, 0–100000");
            }
        }
        if (r.shocks() < 0 || r.atp() < 0) {
            return outOfRange("therapies", "therapies.shocks and therapies.atp are counts (0 or more)");
        }
        if (r.afBurdenPercent() != null && (r.afBurdenPercent() < 0 || r.afBurdenPercent() > 100)) {
            return outOfRange("afBurdenPercent", "afBurdenPercent is a percentage, 0–100");
        }
        return null;
    }

    private static ImplantReport normalised(ImplantReport r) {
        ImplantReport.Implant d = r.device();
        ImplantReport.Battery b = r.battery();
        return new ImplantReport(r.id(), r.interrogatedAt(),
                new ImplantReport.Implant(ImplantReport.lower(d.kind()), d.manufacturer(), d.model(), d.serial().strip()),
                b == null ? null : new ImplantReport.Battery(ImplantReport.lower(b.status()), b.voltage(), b.eri(),
                        b.remainingMonths()),
                r.leads(), r.episodes(), r.therapies(), r.afBurdenPercent());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Outcome.Refused incomplete(String field, String reason) {
        return new Outcome.Refused(ApiErrors.IMPLANT_REPORT_INCOMPLETE, reason, field);
    }

    private static Outcome.Refused outOfRange(String field, String reason) {
        return new Outcome.Refused(ApiErrors.IMPLANT_REPORT_OUT_OF_RANGE, reason, field);
    }
}
