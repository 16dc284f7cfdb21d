package io.vigil.analytics.news2;

import io.vigil.model.Measurement;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One NEWS2 result.
 *
 * <p>Missing or stale parameters are listed in {@code missing} and never scored as 0. A score with a missing
 * parameter is not a valid NEWS2 (RCP 2017), so then {@code complete} is false and there is no {@code band}
 * and no {@code response}: the clinician is told to record the missing observations. Because every
 * sub-score is ≥ 0, the partial {@code total} is a lower bound, and {@code bandAtLeast} says which band it
 * already reaches (a partial 7 is high whatever is missing).
 *
 * @param time                 when it was computed
 * @param scale                the SpO2 scale used
 * @param total                the sum of the scored parameters
 * @param complete             whether all seven parameters were scored
 * @param subscores            the scored parameters in chart order
 * @param missing              the parameters absent or older than their freshness window, in chart order
 * @param singleParameterThree whether any one parameter scored 3
 * @param bandAtLeast          the band of {@code total}: the band when complete, a floor when not
 * @param basis                the reading scored for each parameter (a RiskAssessment's basis)
 */
public record News2Score(Instant time, SpO2Scale scale, int total, boolean complete,
                         Map<News2Parameter, Integer> subscores, List<News2Parameter> missing,
                         boolean singleParameterThree, News2Band bandAtLeast,
                         Map<News2Parameter, Measurement> basis) {

    public News2Score {
        subscores = inChartOrder(subscores);
        missing = List.copyOf(missing);
        basis = inChartOrder(basis);
    }

    private static <V> Map<News2Parameter, V> inChartOrder(Map<News2Parameter, V> byParameter) {
        Map<News2Parameter, V> ordered = new EnumMap<>(News2Parameter.class);
        ordered.putAll(byParameter);
        return Collections.unmodifiableMap(ordered);
    }

    /** The clinical risk band, only for a complete score. */
    public Optional<News2Band> band() {
        return complete ? Optional.of(bandAtLeast) : Optional.empty();
    }

    /** The RCP's recommended response, only for a complete score. */
    public Optional<News2Response> response() {
        return complete ? Optional.of(News2Response.of(total, singleParameterThree)) : Optional.empty();
    }

    /** What to tell the user: the recommended response, or what must be recorded first. */
    public String advice() {
        return response().map(News2Response::action).orElseGet(() -> "Incomplete NEWS2: record "
                + String.join(", ", missing.stream().map(News2Parameter::key).toList())
                + " — a score with missing parameters is not a valid NEWS2. " + News2Response.NOT_FOR_CLINICAL_USE);
    }
}
