package org.interp4j.grade;

/** Reads back the Java string literal JShell gives as the value of a String expression. */
final class JavaLiteral {

    private JavaLiteral() {
    }

    static String unquote(String literal) {
        if (literal.length() < 2 || literal.charAt(0) != '"' || literal.charAt(literal.length() - 1) != '"') {
            throw new IllegalStateException("not a string value: " + literal);
        }
        StringBuilder sb = new StringBuilder(literal.length());
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\' || i + 1 >= literal.length() - 1) {
                sb.append(c);
                continue;
            }
            char n = literal.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int j = i;
                        while (j < literal.length() - 1 && j < i + 3 && literal.charAt(j) >= '0' && literal.charAt(j) <= '7') {
                            j++;
                        }
                        sb.append((char) Integer.parseInt(literal.substring(i, j), 8));
                        i = j - 1;
                    } else {
                        sb.append(n);
                    }
                }
            }
        }
        return sb.toString();
    }
}
