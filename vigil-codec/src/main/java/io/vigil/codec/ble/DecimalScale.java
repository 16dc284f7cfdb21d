package io.vigil.codec.ble;

import java.math.BigDecimal;

/** m × 10^e correctly rounded: 189 × 10^-1 is the double nearest 18.9, which 189 × 0.1 is not always. */
final class DecimalScale {

    /** 10^0 … 10^22, every one exact in a double, so one multiplication or division rounds once. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private DecimalScale() {
    }

    static double of(long mantissa, int exponent) {
        if (exponent >= 0 && exponent < POWERS_OF_TEN.length) {
            return mantissa * POWERS_OF_TEN[exponent];
        }
        if (exponent < 0 && -exponent < POWERS_OF_TEN.length) {
            return mantissa / POWERS_OF_TEN[-exponent];
        }
        return BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent).doubleValue();
    }

    /** A decimal value read from the wire times 10^e, without binary noise (0.001 × 10^5 is 100, not 100.00000000000001). */
    static double shift(double decimal, int exponent) {
        return BigDecimal.valueOf(decimal).scaleByPowerOfTen(exponent).doubleValue();
    }
}
