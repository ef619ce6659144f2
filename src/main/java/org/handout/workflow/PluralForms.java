package org.handout.workflow;

import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A language's gettext {@code Plural-Forms} header, made from the same CLDR plural rules (ICU's
 * {@link PluralRules}) the bundle checker holds every ICU plural to, so the header and the
 * categories a translator is asked for never disagree. gettext counts only whole numbers, so a
 * category no whole number reaches (Russian {@code other}, Czech {@code many}: fractions only) has
 * no index; the indices follow CLDR's order (zero, one, two, few, many, other).
 *
 * <p>In handout's PO files the header is for information: a plural is an entry per CLDR category
 * (see {@link Po}), no entry has {@code msgid_plural}.
 */
public final class PluralForms {
    /** CLDR's plural categories in their conventional order. */
    public static final List<String> CLDR_ORDER = List.of("zero", "one", "two", "few", "many", "other");

    private PluralForms() {
    }

    /** The categories a language's cardinal (or ordinal) plurals have, in CLDR order. */
    public static List<String> categories(ULocale locale, boolean ordinal) {
        PluralRules rules = ordinal ? PluralRules.forLocale(locale, PluralRules.PluralType.ORDINAL) : PluralRules.forLocale(locale);
        List<String> out = new ArrayList<>(rules.getKeywords());
        out.sort(java.util.Comparator.comparingInt(k -> CLDR_ORDER.indexOf(k) < 0 ? 99 : CLDR_ORDER.indexOf(k)));
        return out;
    }

    /** The header for a language: {@code nplurals=N; plural=EXPR;}, and which category each index stands for. */
    public record Header(String value, List<String> indices) {
    }

    /**
     * The {@code Plural-Forms} of a language, from its CLDR cardinal rules. Empty only if ICU
     * writes a rule in a syntax this does not know (then the header is left out: it is for
     * information only).
     */
    public static Optional<Header> of(ULocale locale) {
        PluralRules rules = PluralRules.forLocale(locale);
        // ICU writes its rules as "few: v = 0 and i % 10 = 2..4 @integer 2~4, ... @decimal ...;  many: ..."
        Map<String, String> conditions = new java.util.LinkedHashMap<>(); // in ICU's order: the order select() tries them
        Map<String, Boolean> wholeNumbers = new TreeMap<>();
        for (String rule : rules.toString().split(";")) {
            int colon = rule.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String keyword = rule.substring(0, colon).strip();
            String rest = rule.substring(colon + 1);
            int at = rest.indexOf('@');
            String condition = (at < 0 ? rest : rest.substring(0, at)).strip();
            conditions.put(keyword, condition);
            wholeNumbers.put(keyword, rest.contains("@integer"));
        }
        List<String> indices = new ArrayList<>();
        for (String k : categories(locale, false)) {
            if (wholeNumbers.getOrDefault(k, false)) {
                indices.add(k);
            }
        }
        if (indices.isEmpty() && categories(locale, false).equals(List.of("other"))) {
            // a language ICU has no rules for (Haitian Creole) has CLDR's root rule: one form, other
            return Optional.of(new Header("nplurals=1; plural=0;", List.of("other")));
        }
        if (indices.isEmpty()) {
            return Optional.empty();
        }
        if (indices.size() == 1) {
            return Optional.of(new Header("nplurals=1; plural=0;", indices));
        }
        // the ternary chain tries the categories in ICU's order; the last one reached is the else
        List<String[]> chain = new ArrayList<>();
        for (Map.Entry<String, String> e : conditions.entrySet()) {
            if (!indices.contains(e.getKey()) || e.getKey().equals("other")) {
                continue;
            }
            Optional<String> c;
            try {
                c = new Condition(e.getValue()).toC();
            } catch (IllegalArgumentException ex) {
                return Optional.empty();
            }
            c.ifPresent(expr -> chain.add(new String[] {expr, Integer.toString(indices.indexOf(e.getKey()))}));
        }
        String last;
        if (indices.contains("other")) {
            last = Integer.toString(indices.indexOf("other"));
        } else {
            // every whole number falls in one of the chain's categories: its last is the else
            last = chain.remove(chain.size() - 1)[1];
        }
        StringBuilder expr = new StringBuilder();
        for (String[] c : chain) {
            expr.append(c[0]).append(" ? ").append(c[1]).append(" : ");
        }
        expr.append(last);
        String plural = chain.isEmpty() ? expr.toString() : "(" + expr + ")";
        return Optional.of(new Header("nplurals=" + indices.size() + "; plural=" + plural + ";", indices));
    }

    /**
     * One CLDR plural condition for a whole number {@code n}: {@code i} is {@code n}, and the
     * operands of the fraction and the exponent ({@code v w f t c e}) are 0. Written as a C
     * expression of {@code n} as gettext reads it; empty when no whole number meets it.
     */
    private static final class Condition {
        private final String[] tokens;
        private int at;

        Condition(String text) {
            List<String> t = new ArrayList<>();
            for (int i = 0; i < text.length(); ) {
                char c = text.charAt(i);
                int j = i + 1;
                if (Character.isWhitespace(c)) {
                    i = j;
                    continue;
                }
                if (Character.isLetterOrDigit(c)) {
                    while (j < text.length() && Character.isLetterOrDigit(text.charAt(j))) {
                        j++;
                    }
                } else if (text.startsWith("..", i) || text.startsWith("!=", i)) {
                    j = i + 2;
                }
                t.add(text.substring(i, j));
                i = j;
            }
            this.tokens = t.toArray(String[]::new);
        }

        /** The condition as C, or empty when it is false for every whole number. */
        Optional<String> toC() {
            if (tokens.length == 0) {
                return Optional.of("1");
            }
            List<String> ors = new ArrayList<>();
            boolean always = false;
            do {
                List<String> ands = new ArrayList<>();
                boolean never = false;
                do {
                    Optional<String> r = relation();
                    if (r.isEmpty()) {
                        never = true;
                    } else if (!r.get().equals("1")) {
                        ands.add(r.get());
                    }
                } while (accept("and"));
                if (!never) {
                    if (ands.isEmpty()) {
                        always = true;
                    } else {
                        ors.add(ands.size() == 1 ? ands.get(0) : String.join(" && ", ands));
                    }
                }
            } while (accept("or"));
            if (at != tokens.length) {
                throw new IllegalArgumentException("unexpected '" + tokens[at] + "'");
            }
            if (always) {
                return Optional.of("1");
            }
            if (ors.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(ors.size() == 1 ? ors.get(0) : "(" + ors.stream()
                    .map(o -> o.contains("&&") ? "(" + o + ")" : o).reduce((a, b) -> a + " || " + b).orElseThrow() + ")");
        }

        private boolean accept(String word) {
            if (at < tokens.length && tokens[at].equals(word)) {
                at++;
                return true;
            }
            return false;
        }

        private String next() {
            if (at >= tokens.length) {
                throw new IllegalArgumentException("the rule ends too early");
            }
            return tokens[at++];
        }

        /** {@code operand [% m] (= | !=) ranges}: "1" when always true, empty when never, else C. */
        private Optional<String> relation() {
            String operand = next().toLowerCase(Locale.ROOT);
            boolean whole = operand.equals("n") || operand.equals("i");
            if (!whole && !"vwftce".contains(operand)) {
                throw new IllegalArgumentException("operand '" + operand + "'");
            }
            Long mod = null;
            if (accept("%") || accept("mod")) {
                mod = Long.parseLong(next());
            }
            boolean equal;
            String op = next();
            if (op.equals("=")) {
                equal = true;
            } else if (op.equals("!=")) {
                equal = false;
            } else {
                throw new IllegalArgumentException("relation '" + op + "'");
            }
            List<long[]> ranges = new ArrayList<>();
            do {
                long from = Long.parseLong(next());
                long to = accept("..") ? Long.parseLong(next()) : from;
                ranges.add(new long[] {from, to});
            } while (accept(","));
            if (!whole) {
                // the operand is 0 for a whole number
                long v = 0;
                boolean in = ranges.stream().anyMatch(r -> r[0] <= v && v <= r[1]);
                return in == equal ? Optional.of("1") : Optional.empty();
            }
            String x = mod == null ? "n" : "n % " + mod;
            List<String> parts = new ArrayList<>();
            for (long[] r : ranges) {
                if (r[0] == r[1]) {
                    parts.add(x + (equal ? " == " : " != ") + r[0]);
                } else if (equal) {
                    parts.add(x + " >= " + r[0] + " && " + x + " <= " + r[1]);
                } else {
                    parts.add("(" + x + " < " + r[0] + " || " + x + " > " + r[1] + ")");
                }
            }
            if (parts.size() == 1) {
                return Optional.of(parts.get(0)); // (&& binds tighter than ||, and ?: least of all)
            }
            if (equal) {
                return Optional.of("(" + parts.stream().map(p -> p.contains("&&") ? "(" + p + ")" : p)
                        .reduce((a, b) -> a + " || " + b).orElseThrow() + ")");
            }
            return Optional.of(String.join(" && ", parts));
        }
    }
}
