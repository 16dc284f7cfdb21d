package io.vigil.server.patient;

import io.vigil.model.MeasuredValue;
import io.vigil.model.ObservationRecord;
import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.access.PatientScope;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.security.Role;
import io.vigil.server.observation.ObservationStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patients over REST: {@code /api/v1/patients}. Registrations (name, MRN, unit, bed) are shown to whoever may see
 * the patient ({@link PatientAccess#registrationScopeOf}: administrators see all); readings only to those who may
 * see the patient's clinical data. A patient the caller may not see is answered 404, like one that does not exist.
 */
@RestController
@RequestMapping("/api/v1/patients")
class PatientController {

    record Name(String given, String family) {}

    record PatientBody(String mrn, Name name, LocalDate birthDate, String sex, String unit, String bed) {}

    record PatientView(String id, String mrn, Name name, LocalDate birthDate, String sex, String unit, String bed) {
        static PatientView of(PatientRecord p) {
            return new PatientView(p.id(), p.mrn(), new Name(p.given(), p.family()), p.birthDate(), p.sex(), p.unit(), p.bed());
        }
    }

    /** One measurement type's newest value, with when it was taken and how old it is. */
    record LatestValue(String type, String code, Object value, String unit, Map<String, Double> components,
                       Instant time, long ageSeconds, String timeSource, String device, String observation) {}

    private final PatientRegistration registration;
    private final PatientStore patients;
    private final ObservationStore observations;
    private final PatientAccess access;
    private final Clock clock;

    PatientController(PatientRegistration registration, PatientStore patients, ObservationStore observations,
                      PatientAccess access, Clock clock) {
        this.registration = registration;
        this.access = access;
        this.patients = patients;
        this.observations = observations;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<PatientView> create(@RequestBody PatientBody body, Authentication caller) {
        access.requireMayRegisterInto(caller, body.unit());
        Name name = body.name() == null ? new Name(null, null) : body.name();
        PatientRecord saved = registration.register(new PatientRecord(null, body.mrn(), name.given(), name.family(),
                body.birthDate(), body.sex(), body.unit(), body.bed()));
        return ResponseEntity.created(URI.create("/api/v1/patients/" + saved.id())).body(PatientView.of(saved));
    }

    @GetMapping
    List<PatientView> list(@RequestParam(required = false) String unit, Authentication caller) {
        return patients.inScope(access.registrationScopeOf(caller), unit).stream().map(PatientView::of).toList();
    }

    @GetMapping("/{id}")
    PatientView show(@PathVariable String id, Authentication caller) {
        if (!access.canSeeRegistration(caller, id)) {
            throw ApiException.notFound("Patient");
        }
        return PatientView.of(patients.find(id).orElseThrow(() -> ApiException.notFound("Patient")));
    }

    @GetMapping("/{id}/latest")
    List<LatestValue> latest(@PathVariable String id) {
        access.requireVisible(id);
        Instant now = clock.instant();
        return observations.latest(id, List.of()).stream().map(o -> latestValue(o, now)).toList();
    }

    private static LatestValue latestValue(ObservationRecord o, Instant now) {
        var m = o.measurement();
        Object value = null;
        String unit = m.type().canonicalUnit();
        Map<String, Double> components = null;
        switch (m.value()) {
            case MeasuredValue.Quantity q -> value = q.value();
            case MeasuredValue.Coded c -> value = c.answer().code();
            case MeasuredValue.Panel p -> {
                components = new LinkedHashMap<>();
                for (MeasuredValue.Component c : p.components()) {
                    components.put(c.type().alias(), c.quantity().value());
                    unit = c.quantity().unit();
                }
            }
        }
        return new LatestValue(m.type().alias(), m.type().loinc().code(), value, unit, components, m.time(),
                Math.max(0, Duration.between(m.time(), now).toSeconds()), m.timeSource().name().toLowerCase(),
                o.deviceId(), o.id());
    }
}
