package io.vigil.server.edge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What an edge mirrors from its upstream ({@code GET /api/v1/edge/roster}): the devices registered under its gateway
 * (with their secrets' hashes — a device uses the same secret at the edge and upstream), their assignments, and the
 * patients of those assignments, so the edge attributes readings exactly as the upstream will.
 */
record Roster(List<Device> devices, List<Assignment> assignments, List<Patient> patients) {

    record Device(String id, String type, String manufacturer, String model, String serial, String status,
                  String secretHash, Instant createdAt) {}

    record Assignment(String id, String device, String patient, Instant start, Instant end) {}

    record Patient(String id, String mrn, String givenName, String familyName, LocalDate birthDate, String sex,
                   String unit, String bed, Instant createdAt) {}
}
