package io.vigil.server.ingest;

/** What a device payload is, which picks its decoder. */
public sealed interface PayloadFormat {

    /** Vigil's device JSON (one message or an array). */
    record DeviceJson() implements PayloadFormat {}

    /** The raw value of a Bluetooth GATT characteristic, e.g. "2A35", as a phone or gateway forwards it. */
    record GattCharacteristic(String uuid) implements PayloadFormat {}

    /**
     * A payload on a topic kind Vigil does not take yet: refused with VIGIL-1014 and {@code reason}, after the same
     * rate and size checks as any other payload.
     */
    record Unsupported(String reason) implements PayloadFormat {}

    /** A vendor's JSON, mapped to measurements by the named mapping template. */
    record VendorJson(String template) implements PayloadFormat {}

    /**
     * A frame of a sampled signal ({@code waveform/{signal}}): Vigil's binary frame, or its JSON form when
     * {@code json}. Stored by the {@link WaveformSink}, not as observations.
     */
    record Waveform(String signal, boolean json) implements PayloadFormat {}

    PayloadFormat DEVICE_JSON = new DeviceJson();
}
