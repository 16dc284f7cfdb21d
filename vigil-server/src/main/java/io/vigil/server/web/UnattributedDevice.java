package io.vigil.server.web;

/**
 * A device that sent readings while assigned to no patient. Its readings are stored; the page lists the
 * device so someone assigns it.
 *
 * @param device      device id
 * @param lastReading time of its newest unattributed reading (ISO-8601 instant)
 */
public record UnattributedDevice(String device, String lastReading) {}
