package io.vigil.server.alert;

import io.vigil.analytics.alert.AlertState;
import io.vigil.server.access.PatientScope;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Alerts as other features read them (FHIR {@code Flag}): by id, or one patient's, within a caller's scope. */
@Component
public class AlertSearch {
    private final AlertStore alerts;
    private final AlertProperties settings;
    private final Clock clock;

    AlertSearch(AlertStore alerts, AlertProperties settings, Clock clock) {
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
    }

    public Optional<AlertView> find(String id) {
        return alerts.find(id).map(s -> AlertView.of(s.alert(), s.unit(), settings, clock.instant()));
    }

    /**
     * The scope's alerts, of one patient (null: any), open or resolved or both (null), newest first, at most
     * {@link AlertStore#LONGEST_LIST}.
     */
    public List<AlertView> search(PatientScope scope, String patient, Boolean open) {
        List<AlertStore.Stored> found = alerts.search(scope, new AlertStore.Filter(patient,
                Boolean.FALSE.equals(open) ? AlertState.RESOLVED : null, null, null, null, null, null, null));
        return found.stream().filter(s -> open == null || s.alert().state().open() == open)
                .map(s -> AlertView.of(s.alert(), s.unit(), settings, clock.instant())).toList();
    }
}
