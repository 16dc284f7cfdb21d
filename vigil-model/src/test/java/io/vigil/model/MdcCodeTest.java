package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IEEE 11073-10101 codes: the decimal codes of CLINICAL.md are partition × 65536 + term of the published
 * nomenclature (test resource mdc-terms.csv), and the registry uses exactly those.
 */
class MdcCodeTest {

    record Term(String referenceId, int partition, int term, int code) {
        @Override
        public String toString() {
            return referenceId;
        }
    }

    static List<Term> terms() {
        return PublishedMeasurement.rows("mdc-terms.csv").stream()
                .map(c -> new Term(c[0], Integer.parseInt(c[1]), Integer.parseInt(c[2]), Integer.parseInt(c[3])))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terms")
    void publishedDecimalCode_isPartitionTimes65536PlusTerm(Term t) {
        assertThat(t.partition() * 65536 + t.term()).isEqualTo(t.code());
    }

    @Test
    void everyMdcCodeInTheRegistry_isAPublishedTermWithItsReferenceId() {
        Map<String, Term> byId = terms().stream().collect(Collectors.toMap(Term::referenceId, Function.identity()));

        List<Code> used = MeasurementRegistry.standard().types().stream()
                .flatMap(t -> t.mdcCodes().stream()).toList();

        assertThat(used).isNotEmpty().allSatisfy(code -> {
            assertThat(byId).containsKey(code.display());
            assertThat(code.code()).isEqualTo(Integer.toString(byId.get(code.display()).code()));
            assertThat(code.system().uri()).isEqualTo("urn:iso:std:iso:11073:10101");
        });
    }
}
