package io.vigil.model;

/**
 * A registered device.
 *
 * @param id           the device's id, chosen at registration (also its MQTT user name)
 * @param type         kind of device, e.g. blood-pressure-monitor, pulse-oximeter
 * @param manufacturer maker
 * @param model        model name
 * @param serial       serial number
 * @param status       active or revoked
 */
public record DeviceRecord(String id, String type, String manufacturer, String model, String serial, String status) {}
