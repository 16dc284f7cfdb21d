package io.vigil.sim;

/** How simulated devices reach Vigil. */
public enum Transport {
    /** MQTT 5, QoS 1, one connection per device. */
    MQTT,
    /** {@code POST /api/v1/devices/{id}/measurements} with the device secret as Bearer token. */
    HTTP
}
