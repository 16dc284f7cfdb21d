package io.vigil.server.device;

import io.vigil.model.DeviceRecord;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Registered devices and their hashed secrets. Credentials are cached: devices authenticate on every message.
 * The cache is this node's: rotation and revocation clear it here and announce {@link DeviceCredentialsChanged}
 * (which disconnects the device's live connections on this node); clearing it on other nodes belongs to the
 * scale-out issue.
 */
@Repository
public class DeviceStore {
    /** Device ids are MQTT user names and topic levels: no wildcards, no slashes. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";

    private static final RowMapper<DeviceRecord> ROW = (rs, n) -> new DeviceRecord(rs.getString("id"),
            rs.getString("device_type"), rs.getString("manufacturer"), rs.getString("model"),
            rs.getString("serial"), rs.getString("status"));

    private record Credential(String digest, String status) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;

    DeviceStore(JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** Registers a device and returns its secret, which is not kept. */
    public String register(DeviceRecord device) {
        if (device.id() == null || !ID.matcher(device.id()).matches()) {
            throw ApiException.invalid("id", "Device id must be 1–64 characters of A–Z, a–z, 0–9, '.', '_', '-' and start with a letter or digit");
        }
        if (device.type() == null || device.type().isBlank() || device.type().length() > 64) {
            throw ApiException.invalid("type", "Device type is required (at most 64 characters)");
        }
        for (String[] field : new String[][] {{"manufacturer", device.manufacturer()}, {"model", device.model()}, {"serial", device.serial()}}) {
            if (field[1] != null && field[1].length() > 200) {
                throw ApiException.invalid(field[0], field[0] + " is longer than 200 characters");
            }
        }
        String secret = DeviceSecrets.generate();
        try {
            jdbc.update("INSERT INTO device (id, device_type, manufacturer, model, serial, status, secret_hash, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    device.id(), device.type(), device.manufacturer(), device.model(), device.serial(), ACTIVE,
                    DeviceSecrets.digest(secret), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT, "A device with this id is already registered", "id");
        }
        credentials.remove(device.id());
        return secret;
    }

    /**
     * Replaces a device's secret and returns the new one: the old one stops working at once and the device's live
     * connections are closed. A revoked device becomes active again — with a secret nobody else has seen.
     */
    public String rotateSecret(String deviceId) {
        String secret = DeviceSecrets.generate();
        int updated = jdbc.update("UPDATE device SET secret_hash = ?, status = ? WHERE id = ?",
                DeviceSecrets.digest(secret), ACTIVE, deviceId);
        changed(deviceId, updated);
        return secret;
    }

    /** Revokes a device: its secret stops working at once and its live connections are closed. */
    public void revoke(String deviceId) {
        int updated = jdbc.update("UPDATE device SET status = ? WHERE id = ?", REVOKED, deviceId);
        changed(deviceId, updated);
    }

    /**
     * A device's row was written by someone other than this store (an edge gateway mirroring its upstream's roster):
     * forget its cached credential, and close its live connections when its secret or status changed.
     */
    public void changedElsewhere(String deviceId, boolean credentialChanged) {
        credentials.remove(deviceId);
        if (credentialChanged) {
            events.publishEvent(new DeviceCredentialsChanged(deviceId));
        }
    }

    /** The database row is committed before the cache is cleared, so a concurrent load cannot bring the old one back. */
    private void changed(String deviceId, int updated) {
        credentials.remove(deviceId);
        if (updated == 0) {
            throw ApiException.notFound("Device");
        }
        events.publishEvent(new DeviceCredentialsChanged(deviceId));
    }

    public Optional<DeviceRecord> find(String id) {
        return jdbc.query("SELECT * FROM device WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** Devices with this serial number (FHIR's Device identifier search). */
    public List<DeviceRecord> withSerial(String serial) {
        return jdbc.query("SELECT * FROM device WHERE serial = ? ORDER BY id", ROW, serial);
    }

    public List<DeviceRecord> list() {
        return jdbc.query("SELECT * FROM device ORDER BY id", ROW);
    }

    /** Whether the secret is this active device's. */
    public boolean authenticate(String deviceId, String secret) {
        return check(deviceId, secret) == DeviceCheck.ACCEPTED;
    }

    /**
     * Checks a device's secret. Only a caller who knows the secret learns that the device is revoked; anyone else is
     * simply refused.
     */
    public DeviceCheck check(String deviceId, String secret) {
        if (deviceId == null || !ID.matcher(deviceId).matches()) {
            return DeviceCheck.REFUSED;
        }
        Credential credential = credentials.computeIfAbsent(deviceId, this::loadCredential);
        if (credential == null || !DeviceSecrets.matches(secret, credential.digest())) {
            return DeviceCheck.REFUSED;
        }
        return ACTIVE.equals(credential.status()) ? DeviceCheck.ACCEPTED : DeviceCheck.REVOKED;
    }

    /**
     * Checks a device that proved who it is without its secret (an X.509 client certificate the broker's TLS layer
     * verified against the device CA): registered and active, registered but revoked, or unknown.
     */
    public DeviceCheck checkCertified(String deviceId) {
        if (deviceId == null || !ID.matcher(deviceId).matches()) {
            return DeviceCheck.REFUSED;
        }
        Credential credential = credentials.computeIfAbsent(deviceId, this::loadCredential);
        if (credential == null) {
            return DeviceCheck.REFUSED;
        }
        return ACTIVE.equals(credential.status()) ? DeviceCheck.ACCEPTED : DeviceCheck.REVOKED;
    }

    private Credential loadCredential(String deviceId) {
        return jdbc.query("SELECT secret_hash, status FROM device WHERE id = ?",
                (rs, n) -> new Credential(rs.getString(1), rs.getString(2)), deviceId).stream().findFirst().orElse(null);
    }
}
