package io.vigil.sim;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Simulator} runs.
 *
 * @param mqtt         the broker, {@code mqtt://host:port}; required for {@link Transport#MQTT}
 * @param http         Vigil's HTTP base, {@code http://host:port}; required for {@link Transport#HTTP}
 * @param transport    MQTT or HTTP
 * @param speed        simulated time per real time: 1 = real time, 60 = an hour of physiology per minute.
 *                     Devices' schedules run in simulated time; messages are stamped with the wall clock.
 * @param interval     simulated time between two readings of a continuous monitor (bedside, pulse oximeter)
 * @param load         load-generator pacing: devices send back to back (or at {@code rate}) instead of on their
 *                     clinical schedule
 * @param rate         in load mode, the target total readings per second across all devices; 0 = as fast as
 *                     acknowledgements allow
 * @param batch        messages per publish (a JSON array when above 1)
 * @param maxInFlight  unacknowledged publishes allowed per device connection
 * @param topic        MQTT topic leaf: the stored {@code measurements} or the unstored {@code baseline}
 * @param drainTimeout how long {@link Simulator#close()} waits for outstanding acknowledgements
 */
public record SimulatorOptions(URI mqtt, URI http, Transport transport, double speed, Duration interval,
                               boolean load, double rate, int batch, int maxInFlight, IngestTopic topic,
                               Duration drainTimeout) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_IN_FLIGHT = 32;

    public SimulatorOptions {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (transport == Transport.MQTT && mqtt == null) {
            throw new IllegalArgumentException("MQTT transport needs an mqtt:// URI");
        }
        if (transport == Transport.HTTP && http == null) {
            throw new IllegalArgumentException("HTTP transport needs an http:// URI");
        }
        if (transport == Transport.HTTP && topic != IngestTopic.MEASUREMENTS) {
            throw new IllegalArgumentException("the baseline topic exists only over MQTT");
        }
        if (!(speed > 0) || interval.isNegative() || interval.isZero() || !(rate >= 0) || batch < 1
                || maxInFlight < 1) {
            throw new IllegalArgumentException(
                    "speed and interval must be positive, rate not negative, batch and maxInFlight at least 1");
        }
    }

    /** Real-time physiology over MQTT with the default interval. */
    public static SimulatorOptions mqtt(URI mqtt) {
        return new SimulatorOptions(mqtt, null, Transport.MQTT, 1.0, DEFAULT_INTERVAL, false, 0, 1,
                DEFAULT_MAX_IN_FLIGHT, IngestTopic.MEASUREMENTS, Duration.ofSeconds(10));
    }

    /** Real-time physiology over HTTP with the default interval. */
    public static SimulatorOptions http(URI http) {
        return new SimulatorOptions(null, http, Transport.HTTP, 1.0, DEFAULT_INTERVAL, false, 0, 1,
                DEFAULT_MAX_IN_FLIGHT, IngestTopic.MEASUREMENTS, Duration.ofSeconds(10));
    }

    public SimulatorOptions withSpeed(double newSpeed) {
        return new SimulatorOptions(mqtt, http, transport, newSpeed, interval, load, rate, batch, maxInFlight, topic,
                drainTimeout);
    }

    public SimulatorOptions withInterval(Duration newInterval) {
        return new SimulatorOptions(mqtt, http, transport, speed, newInterval, load, rate, batch, maxInFlight, topic,
                drainTimeout);
    }

    /** Load-generator pacing at a total rate in readings per second (0 = unthrottled). */
    public SimulatorOptions withLoad(double newRate) {
        return new SimulatorOptions(mqtt, http, transport, speed, interval, true, newRate, batch, maxInFlight, topic,
                drainTimeout);
    }

    public SimulatorOptions withBatch(int newBatch) {
        return new SimulatorOptions(mqtt, http, transport, speed, interval, load, rate, newBatch, maxInFlight, topic,
                drainTimeout);
    }

    public SimulatorOptions withMaxInFlight(int newMaxInFlight) {
        return new SimulatorOptions(mqtt, http, transport, speed, interval, load, rate, batch, newMaxInFlight, topic,
                drainTimeout);
    }

    public SimulatorOptions withTopic(IngestTopic newTopic) {
        return new SimulatorOptions(mqtt, http, transport, speed, interval, load, rate, batch, maxInFlight, newTopic,
                drainTimeout);
    }

    public SimulatorOptions withDrainTimeout(Duration newDrainTimeout) {
        return new SimulatorOptions(mqtt, http, transport, speed, interval, load, rate, batch, maxInFlight, topic,
                newDrainTimeout);
    }
}
