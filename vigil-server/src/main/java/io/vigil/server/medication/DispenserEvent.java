package io.vigil.server.medication;

import java.time.Instant;

/**
 * One dispenser event as stored.
 *
 * @param id         Vigil's id (also the MedicationAdministration id of a dose event)
 * @param eventId    the device's own id for the event, unique per device: a repeat is a duplicate
 * @param patientId  the patient the device was assigned to at {@code time}, or null
 * @param scheduleId the medication schedule (MedicationRequest) the event is about, or null
 * @param dueAt      the scheduled time of the dose the event is about, or null
 */
public record DispenserEvent(String id, String deviceId, String eventId, DispenserEventType type, Instant time,
                             Instant receivedAt, String patientId, String scheduleId, Instant dueAt, String slot,
                             String commandId, String detail) {}
