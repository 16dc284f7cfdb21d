package io.vigil.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.param.TokenParam;
import io.vigil.server.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The codes an event is given and the codes a search finds it by must agree, both ways, for every kind of action. */
class BalpCodesTest {

    @ParameterizedTest
    @ValueSource(strings = {"patient.read", "patient.search", "patient.create", "observation.search", "auditevent.read",
            "device.register", "device.secret.rotate", "device.revoke", "device.assignment.update", "ward.subscribe",
            "observation.lastn", "login.failed", "login.succeeded", "logout", "device.login.failed", "page.view"})
    void everyCodeAnEventCarries_findsItAgain(String action) {
        AuditEvent event = new AuditEvent(Instant.EPOCH, "someone", null, action, null, null, null,
                AuditEvent.Outcome.SUCCESS, null, null);

        Coding type = BalpCodes.type(event);
        TokenParam typeToken = new TokenParam(type.getSystem(), type.getCode());
        boolean foundByType = BalpCodes.isRest(typeToken)
                ? BalpCodes.notRest().stream().noneMatch(p -> like(action, p))
                : BalpCodes.typePatterns(typeToken).stream().anyMatch(p -> like(action, p));
        assertThat(foundByType).as("type " + type.getCode()).isTrue();

        for (Coding subtype : BalpCodes.subtypes(event)) {
            List<String> patterns = BalpCodes.subtypePatterns(new TokenParam(subtype.getSystem(), subtype.getCode()));
            assertThat(patterns).as("subtype " + subtype.getSystem() + "|" + subtype.getCode())
                    .anyMatch(p -> like(action, p));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"read", "search-type", "create", "update", "delete"})
    void interactionSubtype_findsOnlyActionsOfThatInteraction(String interaction) {
        List<String> patterns = BalpCodes.subtypePatterns(new TokenParam(BalpCodes.INTERACTION, interaction));
        for (String action : List.of("patient.read", "patient.search", "patient.create", "device.assignment.update",
                "device.revoke")) {
            AuditEvent event = new AuditEvent(Instant.EPOCH, "someone", null, action, null, null, null,
                    AuditEvent.Outcome.SUCCESS, null, null);
            boolean carries = BalpCodes.subtypes(event).stream().anyMatch(c -> c.getCode().equals(interaction));
            assertThat(patterns.stream().anyMatch(p -> like(action, p))).as(action + " ~ " + interaction).isEqualTo(carries);
        }
    }

    /** SQL LIKE with % only (the patterns use no _). */
    private static boolean like(String value, String pattern) {
        return Pattern.matches(Pattern.quote(pattern).replace("%", "\\E.*\\Q"), value);
    }
}
