package io.vigil.server.ingest;

/** How a payload reached Vigil. */
public enum Transport {
    MQTT, HTTP
}
