package io.vigil.fhir;

import io.vigil.model.CodeSystem;
import io.vigil.model.MeasurementType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.hl7.fhir.r4.model.Quantity;

/** A measured number as a FHIR UCUM Quantity: canonical UCUM code, a human unit label, no binary noise. */
final class UcumQuantity {

    /** Decimal places kept: far below any device's resolution, far above double rounding noise. */
    static final int DECIMAL_PLACES = 6;

    private UcumQuantity() {
    }

    static Quantity of(MeasurementType type, double value, String ucum) {
        return new Quantity()
                .setValue(decimal(value))
                .setUnit(label(type, ucum))
                .setSystem(CodeSystem.UCUM.uri())
                .setCode(ucum);
    }

    /**
     * The stored value as a decimal with at most six decimal places and no trailing zeros, so that a converted
     * 98.6 °F is served as 37 and not 37.00000000000001, while 37.277778 keeps what the device's 99.1 °F meant.
     */
    static BigDecimal decimal(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(DECIMAL_PLACES, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }

    /** What a person reads next to the number; the UCUM code itself where it already reads well. */
    static String label(MeasurementType type, String ucum) {
        return switch (ucum) {
            case "/min" -> switch (type.alias()) {
                case "heart-rate" -> "beats/minute";
                case "respiratory-rate" -> "breaths/minute";
                default -> "/min";
            };
            case "Cel" -> "°C";
            case "[degF]" -> "°F";
            case "mm[Hg]" -> "mmHg";
            case "[lb_av]" -> "lb";
            case "[in_i]" -> "in";
            case "{INR}" -> "INR";
            default -> ucum;
        };
    }
}
