package io.vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientScope;
import io.vigil.server.api.ApiException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WardBoardTest {

    @Test
    void order_numberedBedsNumerically_thenLettered_thenNoBed_thenByName() {
        List<PatientRecord> patients = List.of(patient("10", "Hopper"), patient(null, "Turing"), patient("2", "Liskov"),
                patient("side-room", "Knuth"), patient(null, "Allen"), patient("1", "Lovelace"));
        assertThat(patients.stream().sorted(WardBoard.ORDER).map(PatientRecord::family))
                .containsExactly("Lovelace", "Liskov", "Hopper", "Knuth", "Allen", "Turing");
    }

    @Test
    void unitFor_defaultsToWardA_whenTheViewerMayOpenIt_elseAll() {
        assertThat(WardBoard.unitFor(viewer("ward-a", "home"), null)).isEqualTo("ward-a");
        assertThat(WardBoard.unitFor(viewer("home"), null)).isEqualTo("all");
        assertThat(WardBoard.unitFor(viewer(), " ")).isEqualTo("all");
    }

    @Test
    void unitFor_opensTheViewersUnitsAndAll_refusesOthersAsNotFound_andWhatCannotBeAUnitAsInvalid() {
        assertThat(WardBoard.unitFor(viewer("home"), "home")).isEqualTo("home");
        assertThat(WardBoard.unitFor(viewer(), "all")).isEqualTo("all");
        assertThatThrownBy(() -> WardBoard.unitFor(viewer("home"), "ward-a")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code()).isEqualTo("VIGIL-1202");
        assertThatThrownBy(() -> WardBoard.unitFor(viewer("home"), "<script>")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code()).isEqualTo("VIGIL-1201");
    }

    private static WardViewer viewer(String... units) {
        return new WardViewer(new PatientScope(false, Set.of(units), Set.of()), new TreeSet<>(Set.of(units)), true);
    }

    private static PatientRecord patient(String bed, String family) {
        return new PatientRecord(family, "MRN-" + family, "Test", family, null, "unknown", "ward-a", bed);
    }
}
