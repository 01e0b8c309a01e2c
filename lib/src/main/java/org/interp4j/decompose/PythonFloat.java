package org.interp4j.decompose;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Formats a double the way Python's {@code repr(float)} does (the ΔLP text prints numbers that
 * way): the shortest digits that read back to the same double, positional notation for
 * exponents from -4 to 15 (always with a fractional part, "12.0"), scientific ("1e-05",
 * "1.5e+16") otherwise, and "inf", "-inf", "nan".
 */
final class PythonFloat {
    private PythonFloat() {}

    static String repr(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return (1 / x < 0) ? "-0.0" : "0.0";
        // the shortest correctly rounded scientific form that round-trips
        String sci = null;
        for (int p = 1; p <= 17; p++) {
            sci = String.format(Locale.ROOT, "%." + (p - 1) + "e", x);
            if (Double.parseDouble(sci) == x) break;
        }
        BigDecimal value = new BigDecimal(sci).stripTrailingZeros();
        int exponent = value.precision() - value.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = value.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = value.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder(x < 0 ? "-" : "");
        out.append(digits.charAt(0));
        if (digits.length() > 1) out.append('.').append(digits, 1, digits.length());
        out.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10) out.append('0');
        return out.append(e).toString();
    }
}
