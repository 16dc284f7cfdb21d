package io.vigil.sim;

/** The MQTT topic devices publish to, below {@code vigil/v1/devices/{deviceId}/}. */
public enum IngestTopic {
    /** Device JSON that Vigil decodes and stores before the PUBACK. */
    MEASUREMENTS("measurements"),
    /** Benchmark topic the broker acknowledges without decoding or storing: the raw-broker baseline. */
    BASELINE("baseline");

    private final String leaf;

    IngestTopic(String leaf) {
        this.leaf = leaf;
    }

    /** The topic a device publishes to. */
    public String topicFor(String deviceId) {
        return "vigil/v1/devices/" + deviceId + "/" + leaf;
    }

    /** The last topic level, e.g. {@code measurements}. */
    public String leaf() {
        return leaf;
    }
}
