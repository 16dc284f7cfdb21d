package io.vigil.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EffectiveWindowTest {

    private static EffectiveWindow window(String... values) {
        DateAndListParam and = new DateAndListParam();
        for (String value : values) {
            and.addAnd(new DateParam(value));
        }
        return EffectiveWindow.of(and);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void day_isTheWholeUtcDay() {
        assertThat(window("2026-11-25")).isEqualTo(new EffectiveWindow(at("2026-11-25T00:00:00Z"), at("2026-11-26T00:00:00Z")));
        assertThat(window("eq2026-11-25")).isEqualTo(window("2026-11-25"));
    }

    @Test
    void prefixes_onADay_boundInclusiveBelowExclusiveAbove() {
        assertThat(window("ge2026-11-25")).isEqualTo(new EffectiveWindow(at("2026-11-25T00:00:00Z"), null));
        assertThat(window("gt2026-11-25")).isEqualTo(new EffectiveWindow(at("2026-11-26T00:00:00Z"), null));
        assertThat(window("sa2026-11-25")).isEqualTo(window("gt2026-11-25"));
        assertThat(window("lt2026-11-25")).isEqualTo(new EffectiveWindow(null, at("2026-11-25T00:00:00Z")));
        assertThat(window("eb2026-11-25")).isEqualTo(window("lt2026-11-25"));
        assertThat(window("le2026-11-25")).isEqualTo(new EffectiveWindow(null, at("2026-11-26T00:00:00Z")));
    }

    @Test
    void precision_followsTheValue_yearMonthMinuteSecondFraction() {
        assertThat(window("2026")).isEqualTo(new EffectiveWindow(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")));
        assertThat(window("2026-02")).isEqualTo(new EffectiveWindow(at("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z")));
        assertThat(window("2026-11-25T10:15Z")).isEqualTo(new EffectiveWindow(at("2026-11-25T10:15:00Z"), at("2026-11-25T10:16:00Z")));
        assertThat(window("2026-11-25T10:15:30Z")).isEqualTo(new EffectiveWindow(at("2026-11-25T10:15:30Z"), at("2026-11-25T10:15:31Z")));
        assertThat(window("2026-11-25T10:15:30.25Z"))
                .isEqualTo(new EffectiveWindow(at("2026-11-25T10:15:30.250Z"), at("2026-11-25T10:15:30.260Z")));
    }

    @Test
    void timeZoneOffset_isHonoured() {
        assertThat(window("ge2026-11-25T12:15:30+02:00")).isEqualTo(new EffectiveWindow(at("2026-11-25T10:15:30Z"), null));
    }

    @Test
    void severalParameters_areAnded_andMayBeEmpty() {
        assertThat(window("ge2026-11-01", "lt2026-12-01", "gt2026-11-10"))
                .isEqualTo(new EffectiveWindow(at("2026-11-11T00:00:00Z"), at("2026-12-01T00:00:00Z")));
        assertThat(window("ge2026-12-01", "lt2026-11-01").isEmpty()).isTrue();
        assertThat(EffectiveWindow.of(null)).isEqualTo(EffectiveWindow.ALWAYS);
    }

    @Test
    void refused_notEqualApproximateAlternativesAndTimesWithoutZone() {
        assertThatThrownBy(() -> window("ne2026-11-25")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> window("ap2026-11-25")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> window("2026-11-25T10:15:30")).isInstanceOf(InvalidRequestException.class);
        DateAndListParam alternatives = new DateAndListParam()
                .addAnd(new DateOrListParam().addOr(new DateParam("2026-11-25")).addOr(new DateParam("2026-11-27")));
        assertThatThrownBy(() -> EffectiveWindow.of(alternatives)).isInstanceOf(InvalidRequestException.class);
    }
}
