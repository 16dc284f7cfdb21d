package io.vigil.server.mqtt;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MQTT client ids each device is connected under, so that rotating or revoking its secret can close them.
 * Counted per client id: a device that reconnects under the same id takes its old session over, and the old
 * connection's disconnect must not forget the new one.
 */
final class ConnectedDevices implements ClientLifecycleEventListener {
    private final Map<String, Map<String, Integer>> clientsByDevice = new ConcurrentHashMap<>();

    /** Called before the secret is checked, so a revocation racing the check still finds the connection. */
    void connecting(String deviceId, String clientId) {
        clientsByDevice.computeIfAbsent(deviceId, d -> new ConcurrentHashMap<>()).merge(clientId, 1, Integer::sum);
    }

    void gone(String deviceId, String clientId) {
        clientsByDevice.computeIfPresent(deviceId, (d, clients) -> {
            clients.computeIfPresent(clientId, (c, count) -> count > 1 ? count - 1 : null);
            return clients.isEmpty() ? null : clients;
        });
    }

    List<String> clientsOf(String deviceId) {
        Map<String, Integer> clients = clientsByDevice.get(deviceId);
        return clients == null ? List.of() : List.copyOf(clients.keySet());
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
    }

    /** Every end of a connection that passed {@link #connecting} — refused ones included — comes here. */
    @Override
    public void onDisconnect(DisconnectEventInput input) {
        input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(DeviceAuthenticator.DEVICE_ATTRIBUTE)
                .ifPresent(deviceId -> gone(deviceId, input.getClientInformation().getClientId()));
    }
}
