package io.vigil.server.observation;

import java.util.function.Predicate;

/**
 * A listener that keeps per-patient state in memory (rule windows, alarm latches). In scale-out mode a patient's
 * readings are analysed on the node that holds their Kafka partition; when partitions move between nodes the bus
 * hands those patients over: the holder forgets what it kept for them and rebuilds it from the database when their
 * next reading arrives. With the in-process bus nothing is ever handed over.
 */
public interface PatientHandover {
    /** Forget the state held for the patients that {@code moved} matches. */
    void handOver(Predicate<String> moved);
}
