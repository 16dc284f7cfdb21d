package io.vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.PatientRecord;
import io.vigil.server.api.ApiException;
import java.util.List;
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
    void checkedUnit_defaultsToWardA_andRefusesWhatCannotBeAUnit() {
        assertThat(WardBoard.checkedUnit(null)).isEqualTo("ward-a");
        assertThat(WardBoard.checkedUnit("home")).isEqualTo("home");
        assertThatThrownBy(() -> WardBoard.checkedUnit("<script>")).isInstanceOf(ApiException.class);
    }

    private static PatientRecord patient(String bed, String family) {
        return new PatientRecord(family, "MRN-" + family, "Test", family, null, "unknown", "ward-a", bed);
    }
}
