package io.vigil.server.medication;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Commands to dispensers on {@code vigil/v1/devices/{id}/commands}: kept, sent, sent again every
 * {@code vigil.medication.command-retry} until the device acknowledges ({@code command-ack}), and {@code expired}
 * after {@code vigil.medication.command-attempts} sends. Their state is visible at
 * {@code GET /api/v1/devices/{id}/commands}.
 */
@Component
public class DispenserCommands {
    private static final Logger log = LoggerFactory.getLogger(DispenserCommands.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DispenserCommandStore commands;
    private final ObjectProvider<EmbeddedBroker> broker;
    private final MedicationProperties settings;
    private final Clock clock;

    DispenserCommands(DispenserCommandStore commands, ObjectProvider<EmbeddedBroker> broker, MedicationProperties settings,
                      Clock clock) {
        this.commands = commands;
        this.broker = broker;
        this.settings = settings;
        this.clock = clock;
    }

    /** Keeps and sends a command: {@code {"commandId": …, "type": …, "issuedAt": …, <body>}}. */
    DispenserCommand send(String deviceId, String scheduleId, String type, ObjectNode body) {
        String id = "cmd-" + UUID.randomUUID();
        Instant now = clock.instant();
        ObjectNode payload = JSON.createObjectNode().put("commandId", id).put("type", type).put("issuedAt", now.toString());
        payload.setAll(body);
        DispenserCommand command = new DispenserCommand(id, deviceId, scheduleId, type, payload.toString(),
                DispenserCommand.PENDING, 0, now, null, null, null);
        commands.insert(command);
        publish(command);
        return commands.find(id).orElse(command);
    }

    List<DispenserCommand> forDevice(String deviceId) {
        return commands.forDevice(deviceId, 100);
    }

    /** Sends again what is due for a retry; expires what has had every attempt. */
    void retry() {
        Instant now = clock.instant();
        for (DispenserCommand c : commands.pending()) {
            boolean due = c.lastSentAt() == null || !c.lastSentAt().plus(settings.commandRetry()).isAfter(now);
            if (!due) {
                continue;
            }
            if (c.attempts() >= settings.commandAttempts()) {
                if (commands.settle(c.id(), c.deviceId(), DispenserCommand.EXPIRED, now,
                        "not acknowledged after " + c.attempts() + " sends")) {
                    log.warn("event=dispenser.command_expired device={} command={} attempts={}", c.deviceId(), c.id(), c.attempts());
                }
            } else {
                publish(c);
            }
        }
    }

    /** The device's acknowledgement; {@code detail} starting with "rejected" means it could not apply the command. */
    boolean acknowledged(String deviceId, String commandId, String detail, Instant at) {
        boolean rejected = detail != null && detail.regionMatches(true, 0, "rejected", 0, 8);
        boolean settled = commands.settle(commandId, deviceId, rejected ? DispenserCommand.REJECTED : DispenserCommand.ACKNOWLEDGED,
                at, detail);
        if (settled) {
            log.info("event=dispenser.command_acknowledged device={} command={} rejected={}", deviceId, commandId, rejected);
        }
        return settled;
    }

    private void publish(DispenserCommand c) {
        EmbeddedBroker mqtt = broker.getIfAvailable();
        if (mqtt != null && mqtt.publishCommand(c.deviceId(), c.payload().getBytes(StandardCharsets.UTF_8))) {
            commands.sent(c.id(), clock.instant());
            log.info("event=dispenser.command_sent device={} command={} type={} attempt={}", c.deviceId(), c.id(), c.type(),
                    c.attempts() + 1);
        }
    }
}
