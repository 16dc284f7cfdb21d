package io.vigil.server.web;

import java.util.List;

/**
 * Everything the ward page shows for a unit: {@code GET /api/v1/ward} answers it, the page renders it, and
 * the event stream sends it first (and after every reconnect).
 *
 * @param unit         the unit shown, or {@code all}
 * @param serverTime   the server's clock when this was built, so the page can correct its own clock's skew
 * @param tiles        one per patient, by bed then name
 * @param unattributed devices with readings but no patient, newest reading first
 */
public record WardView(String unit, String serverTime, List<BedTile> tiles, List<UnattributedDevice> unattributed) {}
