package io.vigil.server.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reading's device notes and clock offset as the store keeps them: the notes one per line in at most
 * {@value #MAX_LENGTH} characters (a note that does not fit is cut and ends with "…", later ones are dropped), the
 * offset in whole milliseconds. Applied once, before anything is stored or published, so memory and store agree.
 */
public final class StoredNote {
    static final int MAX_LENGTH = 500;
    private static final String CUT = "…";

    private StoredNote() {
    }

    /** The notes that fit the column, in order. */
    public static List<String> fitting(List<String> notes) {
        List<String> kept = new ArrayList<>();
        int length = 0;
        for (String note : notes) {
            String line = note.replace('\n', ' ').replace('\r', ' ');
            int separator = kept.isEmpty() ? 0 : 1;
            if (length + separator + line.length() <= MAX_LENGTH) {
                kept.add(line);
                length += separator + line.length();
                continue;
            }
            int room = MAX_LENGTH - length - separator - CUT.length();
            if (room > 0) {
                kept.add(line.substring(0, room) + CUT);
            }
            break;
        }
        return kept;
    }

    /** The column value: the notes one per line, or null without notes. */
    public static String column(List<String> notes) {
        return notes.isEmpty() ? null : String.join("\n", notes);
    }

    /** The notes of a column value. */
    public static List<String> notes(String column) {
        return column == null ? List.of() : Arrays.asList(column.split("\n"));
    }

    /** The offset as stored: whole milliseconds. */
    public static Duration offset(Duration clockOffset) {
        return clockOffset == null ? null : Duration.ofMillis(clockOffset.toMillis());
    }
}
