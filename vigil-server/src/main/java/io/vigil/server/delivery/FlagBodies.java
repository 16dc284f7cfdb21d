package io.vigil.server.delivery;

import io.vigil.server.alert.AlertView;

/** Renders an alert as a FHIR R4 {@code Flag} (JSON) for FHIR Subscription rest-hooks; the FHIR layer provides it. */
public interface FlagBodies {
    String flagJson(AlertView alert);
}
