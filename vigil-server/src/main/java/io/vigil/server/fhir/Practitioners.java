package io.vigil.server.fhir;

import io.vigil.server.security.Role;
import io.vigil.server.security.UserStore;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * The users who hold the clinician role, as FHIR {@code Practitioner}s: the user name as an identifier (system
 * {@value #USERNAME_SYSTEM}), the display name as the name's text, {@code active} = the account is enabled. Nothing
 * else about the account (no password state, no other roles). The id is {@link LogicalIds#of} the user name.
 */
@Component
class Practitioners {
    static final String USERNAME_SYSTEM = "https://vigil.io/fhir/sid/username";

    private final UserStore users;

    Practitioners(UserStore users) {
        this.users = users;
    }

    /** Every clinician, by user name. */
    List<UserStore.Account> all() {
        return users.all().stream().filter(a -> a.roles().contains(Role.CLINICIAN)).toList();
    }

    Optional<UserStore.Account> find(String logicalId) {
        return all().stream().filter(a -> LogicalIds.of(a.username()).equals(logicalId)).findFirst();
    }

    static Practitioner toFhir(UserStore.Account account) {
        Practitioner practitioner = new Practitioner();
        practitioner.setId(LogicalIds.of(account.username()));
        practitioner.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.USUAL).setSystem(USERNAME_SYSTEM)
                .setValue(account.username()));
        practitioner.setActive(account.enabled());
        if (account.displayName() != null && !account.displayName().isBlank()) {
            practitioner.addName().setText(account.displayName());
        }
        return practitioner;
    }

    /** A reference to the clinician's Practitioner, shown by display name (or user name). */
    static Reference reference(UserStore.Account account) {
        String display = account.displayName() == null || account.displayName().isBlank() ? account.username() : account.displayName();
        return new Reference("Practitioner/" + LogicalIds.of(account.username())).setDisplay(display);
    }
}
