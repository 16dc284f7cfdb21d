package io.vigil.server.implant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When an implant's interrogation raises an alert (prefix {@code vigil.implants}); not for clinical use.
 *
 * @param leadImpedanceLow  a lead below this many ohms is out of range (an insulation breach)
 * @param leadImpedanceHigh a lead above this many ohms is out of range (a conductor fracture)
 * @param afBurdenPercent   AF burden at or above this percentage raises an alert
 */
@ConfigurationProperties("vigil.implants")
public record ImplantProperties(@DefaultValue("200") double leadImpedanceLow, @DefaultValue("2000") double leadImpedanceHigh,
                                @DefaultValue("10") double afBurdenPercent) {
    public ImplantProperties {
        if (leadImpedanceLow <= 0 || leadImpedanceHigh <= leadImpedanceLow) {
            throw new IllegalArgumentException("vigil.implants.lead-impedance-low must be positive and below lead-impedance-high");
        }
        if (afBurdenPercent <= 0 || afBurdenPercent > 100) {
            throw new IllegalArgumentException("vigil.implants.af-burden-percent must be within (0, 100]");
        }
    }

    boolean impedanceOutOfRange(double ohms) {
        return ohms < leadImpedanceLow || ohms > leadImpedanceHigh;
    }
}
