package io.vigil.analytics.glucose;

import java.time.Instant;

/** One continuous-glucose-monitor reading, in mg/dL. */
public record CgmReading(Instant time, double mgPerDl) {}
