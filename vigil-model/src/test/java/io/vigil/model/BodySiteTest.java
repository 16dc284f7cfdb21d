package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BodySiteTest {

    /** Verhoeff's dihedral-group tables, as SNOMED CT uses them for the check digit of every identifier. */
    private static final int[][] MULTIPLY = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
            {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
            {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] PERMUTE = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
            {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

    private static boolean verhoeffValid(String digits) {
        int check = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            check = MULTIPLY[check][PERMUTE[i % 8][digit]];
        }
        return check == 0;
    }

    @ParameterizedTest
    @EnumSource(BodySite.class)
    void everySite_isAWellFormedSnomedConceptId(BodySite site) {
        String id = site.code().code();
        assertThat(site.code().system()).isEqualTo(CodeSystem.SNOMED);
        assertThat(id).matches("[1-9][0-9]{5,17}");
        // Partition identifier "00": a concept (not a description or relationship) of the international release.
        assertThat(id.substring(id.length() - 3, id.length() - 1)).isEqualTo("00");
        assertThat(verhoeffValid(id)).as("check digit of " + id).isTrue();
        assertThat(BodySite.ofSnomed(id)).contains(site);
    }

    @Test
    void verhoeff_catchesATypo() {
        assertThat(verhoeffValid("42859004")).isTrue();
        assertThat(verhoeffValid("42859005")).isFalse();
        assertThat(verhoeffValid("42589004")).isFalse();
    }

    @Test
    void ofSnomed_unknownOrNull_isEmpty() {
        assertThat(BodySite.ofSnomed("123456789")).isEmpty();
        assertThat(BodySite.ofSnomed(null)).isEmpty();
    }
}
