package io.vigil.server.note;

import java.time.Instant;

/** A free-text note a clinician wrote on a patient's chart. */
public record ClinicalNote(String id, String patient, String author, Instant writtenAt, String text) {}
