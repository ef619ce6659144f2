package org.handout.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.handout.testing.Gettext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code Plural-Forms} header made from CLDR's rules picks, for every whole number, the
 * category ICU's {@code PluralRules.select} picks (evaluated here as gettext evaluates it), and
 * gettext's msgfmt accepts it with a plural entry of that many forms.
 */
class PluralFormsTest {
    @TempDir
    Path dir;

    /** The project's languages and others with many forms or unusual rules. */
    static Stream<String> languages() {
        return Stream.of("ar", "bn", "de", "es", "fr", "he", "hi", "ja", "ko", "ru", "th", "vi", "zh-Hans",
                "pl", "cs", "cy", "ga", "lt", "lv", "mt", "ro", "sl", "uk", "pt-BR", "is", "mk", "gd", "br", "kw");
    }

    @ParameterizedTest
    @MethodSource("languages")
    void everyWholeNumberGetsTheCategoryIcuGivesIt(String tag) {
        ULocale locale = ULocale.forLanguageTag(tag);
        PluralForms.Header h = PluralForms.of(locale).orElseThrow();
        assertTrue(h.value().matches("nplurals=\\d; plural=.+;"), h.value());
        int n = Integer.parseInt(h.value().substring("nplurals=".length(), h.value().indexOf(';')));
        assertEquals(n, h.indices().size());
        String expr = h.value().substring(h.value().indexOf("plural=") + "plural=".length(), h.value().length() - 1);
        PluralRules rules = PluralRules.forLocale(locale);
        java.util.stream.LongStream numbers = java.util.stream.LongStream.concat(java.util.stream.LongStream.rangeClosed(0, 2500),
                java.util.stream.LongStream.of(10_000, 100_000, 1_000_000, 2_000_000, 1_000_001, 10_000_000, 1_000_000_000L));
        numbers.forEach(x -> {
            long index = new C(expr, x).eval();
            assertTrue(index >= 0 && index < n, tag + ": " + x + " -> " + index);
            assertEquals(rules.select(x), h.indices().get((int) index), tag + " " + x + " (" + h.value() + ")");
        });
    }

    @Test
    void msgfmtAcceptsEveryHeaderWithAPluralEntryOfThatManyForms() throws IOException {
        for (String tag : languages().toList()) {
            PluralForms.Header h = PluralForms.of(ULocale.forLanguageTag(tag)).orElseThrow();
            StringBuilder b = new StringBuilder("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: ")
                    .append(h.value()).append("\\n\"\n\nmsgid \"one file\"\nmsgid_plural \"files\"\n");
            for (int i = 0; i < h.indices().size(); i++) {
                b.append("msgstr[").append(i).append("] \"").append(h.indices().get(i)).append("\"\n");
            }
            Path po = dir.resolve(tag + ".po");
            Files.writeString(po, b, StandardCharsets.UTF_8);
            Gettext.Tool t = Gettext.run("msgfmt", "--check", "-o", "/dev/null", po.toString());
            assertEquals(0, t.code(), tag + ": " + h.value() + "\n" + t.output());
        }
    }

    @Test
    void theCategoriesAreInCldrsOrderAndOnlyWholeNumbersHaveAnIndex() {
        assertEquals(List.of("one", "few", "many", "other"), PluralForms.categories(ULocale.forLanguageTag("ru"), false));
        assertEquals(List.of("one", "few", "many"), PluralForms.of(ULocale.forLanguageTag("ru")).orElseThrow().indices(),
                "no whole number is 'other' in Russian");
        assertEquals("nplurals=1; plural=0;", PluralForms.of(ULocale.forLanguageTag("ja")).orElseThrow().value());
        assertEquals("nplurals=2; plural=(n == 1 ? 0 : 1);", PluralForms.of(ULocale.forLanguageTag("de")).orElseThrow().value());
        assertEquals(List.of("zero", "one", "two", "few", "many", "other"), PluralForms.of(ULocale.forLanguageTag("ar")).orElseThrow().indices());
    }

    /** gettext's plural expression language (C's ?: || && == != < > <= >= + - * / % ! and parentheses) for one n. */
    private static final class C {
        private final String s;
        private final long n;
        private int at;

        C(String s, long n) {
            this.s = s;
            this.n = n;
        }

        long eval() {
            long v = ternary();
            space();
            assertEquals(s.length(), at, "the whole expression is read: " + s);
            return v;
        }

        private void space() {
            while (at < s.length() && s.charAt(at) == ' ') {
                at++;
            }
        }

        private boolean eat(String op) {
            space();
            if (!s.startsWith(op, at) || (op.equals("<") || op.equals(">") || op.equals("!")) && s.startsWith("=", at + 1)) {
                return false;
            }
            at += op.length();
            return true;
        }

        private long ternary() {
            long c = or();
            if (eat("?")) {
                long a = ternary();
                assertTrue(eat(":"), s);
                long b = ternary();
                return c != 0 ? a : b;
            }
            return c;
        }

        private long or() {
            long v = and();
            while (eat("||")) {
                long r = and();
                v = v != 0 || r != 0 ? 1 : 0;
            }
            return v;
        }

        private long and() {
            long v = equality();
            while (eat("&&")) {
                long r = equality();
                v = v != 0 && r != 0 ? 1 : 0;
            }
            return v;
        }

        private long equality() {
            long v = relational();
            while (true) {
                if (eat("==")) {
                    v = v == relational() ? 1 : 0;
                } else if (eat("!=")) {
                    v = v != relational() ? 1 : 0;
                } else {
                    return v;
                }
            }
        }

        private long relational() {
            long v = additive();
            while (true) {
                if (eat("<=")) {
                    v = v <= additive() ? 1 : 0;
                } else if (eat(">=")) {
                    v = v >= additive() ? 1 : 0;
                } else if (eat("<")) {
                    v = v < additive() ? 1 : 0;
                } else if (eat(">")) {
                    v = v > additive() ? 1 : 0;
                } else {
                    return v;
                }
            }
        }

        private long additive() {
            long v = multiplicative();
            while (true) {
                if (eat("+")) {
                    v += multiplicative();
                } else if (eat("-")) {
                    v -= multiplicative();
                } else {
                    return v;
                }
            }
        }

        private long multiplicative() {
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
            if (eat("!")) {
                return unary() == 0 ? 1 : 0;
            }
            space();
            if (eat("(")) {
                long v = ternary();
                assertTrue(eat(")"), s);
                return v;
            }
            if (s.startsWith("n", at)) {
                at++;
                return n;
            }
            int from = at;
            while (at < s.length() && Character.isDigit(s.charAt(at))) {
                at++;
            }
            assertTrue(at > from, "a number at " + from + " of " + s);
            return Long.parseLong(s.substring(from, at));
        }
    }
}
