package io.vigil.codec.ble;

/**
 * Temperature Measurement (0x2A1C), Health Thermometer Service 1.0: flags; temperature (FLOAT, °C or °F); then, by
 * flag, time stamp and temperature type (the body site, see {@link TemperatureType}).
 */
final class TemperatureMeasurement {
    private TemperatureMeasurement() {
    }

    static void read(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        int flags = frame.uint8("flags");
        int at = frame.offset();
        Ieee11073Float value = frame.float32("temperature");
        reading.quantity("body-temperature", value, (flags & 0x01) != 0 ? "[degF]" : "Cel", at, "temperature");
        if ((flags & 0x02) != 0) {
            reading.deviceTime(frame.dateTime("time stamp"));
        }
        if ((flags & 0x04) != 0) {
            TemperatureType.read(frame, reading);
        }
    }
}
