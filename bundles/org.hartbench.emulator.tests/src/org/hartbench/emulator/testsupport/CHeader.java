package org.hartbench.emulator.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code #define}s of a C header, with an evaluator for the integer expressions they use
 * (numbers with U/L suffixes, other macros, macro parameters, + - * / % << >> & | ~ and
 * parentheses). Enough to check a shared header against Java constants, not a C preprocessor.
 */
public final class CHeader {

    /** A macro: its parameters (empty for an object-like macro) and its replacement text. */
    public record Macro(String name, List<String> params, String body) {
    }

    private static final Pattern DEFINE = Pattern.compile("^\\s*#\\s*define\\s+(\\w+)(\\(([^)]*)\\))?\\s*(.*?)\\s*$");

    private final Path path;
    private final String text;
    private final Map<String, Macro> macros = new LinkedHashMap<>();

    private CHeader(Path path, String text) {
        this.path = path;
        this.text = text;
        for (String line : text.split("\n")) {
            String code = stripComment(line);
            Matcher m = DEFINE.matcher(code);
            if (m.matches()) {
                List<String> params = new ArrayList<>();
                if (m.group(2) != null) {
                    for (String p : m.group(3).split(",")) {
                        if (!p.isBlank()) {
                            params.add(p.trim());
                        }
                    }
                }
                macros.put(m.group(1), new Macro(m.group(1), params, m.group(4)));
            }
        }
    }

    public static CHeader read(Path path) throws IOException {
        return new CHeader(path, Files.readString(path));
    }

    private static String stripComment(String line) {
        int c = line.indexOf("//");
        String s = c >= 0 ? line.substring(0, c) : line;
        return s.replaceAll("/\\*.*?\\*/", "");
    }

    public Path path() {
        return path;
    }

    /** The whole header text. */
    public String text() {
        return text;
    }

    /** All macros in file order. */
    public Map<String, Macro> macros() {
        return macros;
    }

    public boolean defines(String name) {
        return macros.containsKey(name);
    }

    /** Evaluates an object-like macro, or a function-like one with the given arguments. */
    public long value(String name, long... args) {
        Macro m = macros.get(name);
        if (m == null) {
            throw new IllegalArgumentException(path.getFileName() + " does not define " + name);
        }
        if (m.params().size() != args.length) {
            throw new IllegalArgumentException(name + " takes " + m.params().size() + " arguments");
        }
        Map<String, Long> bound = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            bound.put(m.params().get(i), args[i]);
        }
        return new Evaluator(m.body(), bound).evaluate();
    }

    /** Recursive-descent evaluation, C precedence for the operators it knows. */
    private final class Evaluator {
        private final String s;
        private final Map<String, Long> params;
        private int pos;

        Evaluator(String s, Map<String, Long> params) {
            this.s = s;
            this.params = params;
        }

        long evaluate() {
            long v = or();
            skipSpace();
            if (pos != s.length()) {
                throw error("unexpected text");
            }
            return v;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + pos + " in '" + s + "'");
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private boolean eat(String op) {
            skipSpace();
            if (s.startsWith(op, pos)) {
                pos += op.length();
                return true;
            }
            return false;
        }

        private long or() {
            long v = and();
            while (!s.startsWith("||", pos) && eat("|")) {
                v |= and();
            }
            return v;
        }

        private long and() {
            long v = shift();
            while (!s.startsWith("&&", pos) && eat("&")) {
                v &= shift();
            }
            return v;
        }

        private long shift() {
            long v = sum();
            while (true) {
                if (eat("<<")) {
                    v <<= sum();
                } else if (eat(">>")) {
                    v >>>= sum();
                } else {
                    return v;
                }
            }
        }

        private long sum() {
            long v = product();
            while (true) {
                if (eat("+")) {
                    v += product();
                } else if (eat("-")) {
                    v -= product();
                } else {
                    return v;
                }
            }
        }

        private long product() {
            long v = unary();
            while (true) {
                if (eat("*")) {
                    v *= unary();
                } else if (eat("/")) {
                    v /= unary();
                } else if (eat("%")) {
                    v %= unary();
                } else {
                    return v;
                }
            }
        }

        private long unary() {
            if (eat("-")) {
                return -unary();
            }
            if (eat("~")) {
                return ~unary();
            }
            if (eat("(")) {
                long v = or();
                if (!eat(")")) {
                    throw error("missing )");
                }
                return v;
            }
            skipSpace();
            int start = pos;
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                    pos++;
                }
                String lit = s.substring(start, pos).replaceAll("[uUlL]+$", "");
                return lit.startsWith("0x") || lit.startsWith("0X") ? Long.parseUnsignedLong(lit.substring(2), 16)
                        : Long.parseLong(lit);
            }
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            String id = s.substring(start, pos);
            if (id.isEmpty()) {
                throw error("expected a number or a name");
            }
            if (params.containsKey(id)) {
                return params.get(id);
            }
            Macro m = macros.get(id);
            if (m == null) {
                throw error("unknown name " + id);
            }
            if (m.params().isEmpty()) {
                return value(id);
            }
            if (!eat("(")) {
                throw error(id + " needs arguments");
            }
            List<Long> args = new ArrayList<>();
            do {
                args.add(or());
            } while (eat(","));
            if (!eat(")")) {
                throw error("missing ) after arguments of " + id);
            }
            return value(id, args.stream().mapToLong(Long::longValue).toArray());
        }
    }
}
