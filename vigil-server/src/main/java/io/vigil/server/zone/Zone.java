package io.vigil.server.zone;

/**
 * A place in the hospital, served as a FHIR Location: site → building → unit → room → bed (or an area such as a
 * corridor or lobby).
 *
 * @param parent   the zone this one is part of, or null for a site
 * @param careUnit for a unit: the care unit (patients' {@code unit}) it houses, or null
 * @param exit     a way out (door portal, lift lobby): a patient wristband read here raises an alert at once
 */
public record Zone(String id, String name, String kind, String parent, String careUnit, boolean exit) {}
