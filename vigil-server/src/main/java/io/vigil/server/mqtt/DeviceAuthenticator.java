package io.vigil.server.mqtt;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.device.DeviceCheck;
import io.vigil.server.device.DeviceStore;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT CONNECT: user name = device id, password = device secret; or, on the TLS listener with client authentication,
 * a client certificate signed by the device CA whose CN is the device id (no password needed; a user name or password
 * sent as well must match). Anything else is refused
 * (CONNACK 0x86), a revoked device with 0x87 — both audited; anonymous clients never get in. The device id is kept on the
 * connection for later checks, and the connection is registered so that rotation or revocation can close it.
 */
final class DeviceAuthenticator implements SimpleAuthenticator {
    static final String DEVICE_ATTRIBUTE = "vigil.device";
    private static final Logger log = LoggerFactory.getLogger(DeviceAuthenticator.class);

    private final DeviceStore devices;
    private final ConnectedDevices connected;
    private final AuditTrail audit;
    private final Clock clock;

    DeviceAuthenticator(DeviceStore devices, ConnectedDevices connected, AuditTrail audit, Clock clock) {
        this.devices = devices;
        this.connected = connected;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        String userName = input.getConnectPacket().getUserName().orElse(null);
        String secret = input.getConnectPacket().getPassword().map(DeviceAuthenticator::text).orElse(null);
        Optional<X509Certificate> certificate = input.getConnectionInformation().getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate);
        // A verified client certificate names the device (its CN); a user name, if also sent, must name the same one.
        String deviceId = certificate.isPresent() ? certificate.flatMap(DeviceCertificate::deviceId).orElse(null) : userName;
        boolean consistent = certificate.isEmpty() || userName == null || userName.equals(deviceId);
        DeviceCheck check = DeviceCheck.REFUSED;
        if (deviceId != null && consistent) {
            // Registered first: a rotation that lands between the check and the CONNACK still finds this connection.
            input.getConnectionInformation().getConnectionAttributeStore().putAsString(DEVICE_ATTRIBUTE, deviceId);
            connected.connecting(deviceId, input.getClientInformation().getClientId());
            check = certificate.isPresent() && secret == null ? devices.checkCertified(deviceId) : devices.check(deviceId, secret);
        }
        if (check == DeviceCheck.ACCEPTED) {
            output.authenticateSuccessfully();
            log.debug("event=mqtt.connected device={}", deviceId);
        } else if (check == DeviceCheck.REVOKED) {
            log.info("event=mqtt.auth_revoked device={}", deviceId);
            audit.record(AuditEvent.deviceRefused(clock.instant(), deviceId, true, address(input), "MQTT CONNECT"));
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "This device has been revoked");
        } else {
            log.info("event=mqtt.auth_failed device={}", deviceId == null ? "-" : deviceId);
            audit.record(AuditEvent.deviceRefused(clock.instant(), deviceId, false, address(input), "MQTT CONNECT"));
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "Bad device id or secret");
        }
    }

    private static String address(SimpleAuthInput input) {
        return input.getConnectionInformation().getInetAddress().map(InetAddress::getHostAddress).orElse(null);
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }
}
