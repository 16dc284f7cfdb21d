package io.vigil.server.ingest;

import io.vigil.model.ObservationRecord;

/** An observation on its way to the store, with the device's message id when it sent one. */
record PendingObservation(ObservationRecord record, String messageId) {

    /** The idempotency key: one device message yields at most one observation per measurement type. */
    String key() {
        return messageId == null ? null : key(record.deviceId(), messageId, record.measurement().type().alias());
    }

    static String key(String deviceId, String messageId, String typeAlias) {
        return deviceId + '\u0000' + messageId + '\u0000' + typeAlias;
    }
}
