package io.vigil.server.device;

/** A device's secret was rotated or the device revoked: its live connections must be closed. */
public record DeviceCredentialsChanged(String deviceId) {}
