package io.vigil.server.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredNoteTest {

    @Test
    void notes_roundTripOnePerLine() {
        List<String> notes = StoredNote.fitting(List.of("cuff too loose", "irregular pulse detected"));

        assertThat(StoredNote.column(notes)).isEqualTo("cuff too loose\nirregular pulse detected");
        assertThat(StoredNote.notes(StoredNote.column(notes))).isEqualTo(notes);
    }

    @Test
    void noNotes_areNull_andNullIsNoNotes() {
        assertThat(StoredNote.column(StoredNote.fitting(List.of()))).isNull();
        assertThat(StoredNote.notes(null)).isEmpty();
    }

    @Test
    void notesBeyondTheColumn_areCutWithAnEllipsis_andLaterOnesDropped() {
        String long1 = "RR intervals (s): " + "0.8, ".repeat(120);
        List<String> notes = StoredNote.fitting(List.of("sensor contact", long1, "energy expended 12 kJ"));

        String column = StoredNote.column(notes);
        assertThat(column).hasSize(StoredNote.MAX_LENGTH).endsWith("…").startsWith("sensor contact\nRR intervals");
        assertThat(notes).hasSize(2);
    }

    @Test
    void lineBreaksInsideANote_doNotSplitIt() {
        assertThat(StoredNote.fitting(List.of("a\nb"))).containsExactly("a b");
    }

    @Test
    void clockOffset_isKeptInWholeMilliseconds() {
        assertThat(StoredNote.offset(Duration.ofNanos(93_250_999_999L))).isEqualTo(Duration.ofMillis(93_250));
        assertThat(StoredNote.offset(null)).isNull();
    }
}
