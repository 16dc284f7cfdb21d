package io.vigil.server.rule;

import io.vigil.analytics.limit.LimitRule;
import java.time.Instant;

/** A clinician's limit for one patient, replacing the default rule of the same id. */
record LimitOverride(String patientId, LimitRule rule, String setBy, Instant setAt) {}
