package io.vigil.server.clinical;

import io.vigil.analytics.news2.SpO2Scale;

/**
 * A clinician chose a patient's NEWS2 SpO2 scale (published by {@link News2ScaleStore#choose} as a Spring
 * application event; listeners that read the store should do so after the choice commits).
 */
public record News2ScaleChosen(String patientId, SpO2Scale scale) {}
