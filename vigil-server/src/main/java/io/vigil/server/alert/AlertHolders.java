package io.vigil.server.alert;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.security.Role;
import io.vigil.server.security.UserStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Who may hold a patient's alert: an enabled clinician account whose care teams (or break-glass grant) let them see
 * the patient — decided by {@link PatientAccess} as for their own requests. Units that only an identity provider's
 * token grants (a JWT's units claim) are not known here, so such a user is offered only through a care team.
 */
@Component
class AlertHolders {
    /** A person who may hold the alert. */
    record Holder(String username, String displayName) {}

    private final UserStore users;
    private final PatientAccess access;

    AlertHolders(UserStore users, PatientAccess access) {
        this.users = users;
        this.access = access;
    }

    /** Everyone who may hold an alert of this patient, by user name. */
    List<Holder> of(String patient) {
        return users.all().stream().filter(a -> mayHold(a, patient))
                .map(a -> new Holder(a.username(), a.displayName() == null ? a.username() : a.displayName()))
                .sorted(Comparator.comparing(Holder::username)).toList();
    }

    /** Refuses (422) a user who does not exist, is disabled or no clinician (1653), or may not see the patient (1654). */
    void requireMayHold(String username, String patient) {
        Optional<UserStore.Account> account = users.find(username)
                .filter(a -> a.enabled() && a.roles().contains(Role.CLINICIAN));
        if (account.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ApiErrors.ALERT_ASSIGNEE_UNKNOWN,
                    "No enabled clinician account is called " + username, "to");
        }
        if (!access.canSee(as(account.get()), patient)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ApiErrors.ALERT_ASSIGNEE_MAY_NOT_SEE,
                    username + " may not see this patient, so cannot hold the alert", "to");
        }
    }

    private boolean mayHold(UserStore.Account a, String patient) {
        return a.enabled() && a.roles().contains(Role.CLINICIAN) && access.canSee(as(a), patient);
    }

    /** The account as if it were calling: its roles as authorities (what {@link PatientAccess} decides on). */
    private static Authentication as(UserStore.Account a) {
        return UsernamePasswordAuthenticationToken.authenticated(a.username(), null,
                a.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
    }
}
