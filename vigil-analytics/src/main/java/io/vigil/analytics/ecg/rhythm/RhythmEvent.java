package io.vigil.analytics.ecg.rhythm;

import io.vigil.analytics.ecg.Beat;

/** What {@link RhythmAnalysis} reports, each at a sample index of the stream it was fed. */
public sealed interface RhythmEvent {

    /** Sample index the event refers to. */
    long sample();

    /** A QRS complex (R wave at {@code beat.sample()}). */
    record BeatDetected(Beat beat) implements RhythmEvent {
        @Override
        public long sample() {
            return beat.sample();
        }
    }

    /** Mean heart rate (/min) of the {@code beats} RR intervals that ended in the period up to {@code sample}. */
    record HeartRate(long sample, double bpm, int beats) implements RhythmEvent {}

    /** A condition was raised, is still present, or cleared. */
    record Condition(RhythmCondition condition, Change change, double value, long sample) implements RhythmEvent {}

    enum Change { RAISED, CONTINUING, CLEARED }
}
