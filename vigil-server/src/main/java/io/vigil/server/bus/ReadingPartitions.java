package io.vigil.server.bus;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of {@code vigil.readings} a patient's readings go to — Kafka's own choice for a keyed record
 * (murmur2 of the key) — and which partitions this node analyses now.
 */
final class ReadingPartitions {
    private final int count;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    ReadingPartitions(int count) {
        this.count = count;
    }

    /** The partition of a record keyed {@code key}, as Kafka's default partitioner picks it. */
    int of(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
    }

    boolean handledHere(String key) {
        return owned.contains(of(key));
    }

    void assigned(Collection<Integer> partitions) {
        owned.addAll(partitions);
    }

    void revoked(Collection<Integer> partitions) {
        owned.removeAll(partitions);
    }

    int ownedCount() {
        return owned.size();
    }

    /** Keys whose partition is one of these. */
    Predicate<String> in(Collection<Integer> partitions) {
        Set<Integer> set = Set.copyOf(partitions);
        return key -> key != null && set.contains(of(key));
    }
}
