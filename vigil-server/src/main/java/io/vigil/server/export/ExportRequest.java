package io.vigil.server.export;

import java.time.Instant;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * What a kick-off asked for, and who asked: the export runs with the caller's access as it is while it runs.
 *
 * @param level      system ({@code /$export}), all patients ({@code /Patient/$export}) or one group
 * @param group      the group (a care unit) for {@link Level#GROUP}, else null
 * @param types      the resource types to write, in the order they are written
 * @param since      only resources changed after this time, or null
 * @param requestUrl the kick-off URL, echoed in the manifest
 * @param caller     the caller of the kick-off
 */
public record ExportRequest(Level level, String group, List<String> types, Instant since, String requestUrl,
                            Authentication caller) {
    public enum Level { SYSTEM, PATIENT, GROUP }

    public ExportRequest {
        types = List.copyOf(types);
    }
}
