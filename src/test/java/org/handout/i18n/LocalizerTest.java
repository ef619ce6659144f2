package org.handout.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.util.ULocale;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handout.content.DataValue;
import org.handout.content.Message;
import org.handout.report.Problems;
import org.junit.jupiter.api.Test;

/** Formatting with ICU4J: plural categories, list patterns, dates and numbers per locale. */
class LocalizerTest {

    private static Localizer localizer(String tag, String key, String pattern) {
        Map<String, Message> messages = new LinkedHashMap<>();
        messages.put(key, new Message(key, pattern, "translations/" + tag + ".yaml", 7, 3));
        Bundle b = new Bundle(tag, "translations/" + tag + ".yaml", Optional.empty(), messages, Map.of());
        return new Localizer(b, ULocale.forLanguageTag(tag));
    }

    private static String format(Localizer loc, String key, Object n) {
        Problems p = new Problems();
        String s = loc.format(key, Map.of("n", n), p).orElseThrow(() -> new AssertionError(p.sorted()));
        assertTrue(p.isEmpty(), p.sorted().toString());
        return s;
    }

    @Test
    void russianPluralsChooseOneFewManyAndOther() {
        Localizer ru = localizer("ru", "age", "{n, plural, one {# год} few {# года} many {# лет} other {# года}}");
        assertEquals("1 год", format(ru, "age", 1));
        assertEquals("2 года", format(ru, "age", 2));
        assertEquals("4 года", format(ru, "age", 4));
        assertEquals("5 лет", format(ru, "age", 5));
        assertEquals("11 лет", format(ru, "age", 11));
        assertEquals("21 год", format(ru, "age", 21));
        assertEquals("22 года", format(ru, "age", 22));
        assertEquals("1,5 года", format(ru, "age", 1.5));
    }

    @Test
    void arabicPluralsChooseAllSixCategories() {
        Localizer ar = localizer("ar", "n", "{n, plural, zero {zero} one {one} two {two} few {few} many {many} other {other}}");
        assertEquals("zero", format(ar, "n", 0));
        assertEquals("one", format(ar, "n", 1));
        assertEquals("two", format(ar, "n", 2));
        assertEquals("few", format(ar, "n", 3));
        assertEquals("few", format(ar, "n", 10));
        assertEquals("many", format(ar, "n", 11));
        assertEquals("many", format(ar, "n", 99));
        assertEquals("other", format(ar, "n", 100));
        assertEquals("few", format(ar, "n", 103));
    }

    @Test
    void listsUseEachLanguagesConjunctionAndPunctuation() {
        List<String> three = List.of("A", "B", "C");
        assertEquals("A, B, and C", localizer("en", "k", "x").list(three, DataValue.Join.AND));
        assertEquals("A, B, or C", localizer("en", "k", "x").list(three, DataValue.Join.OR));
        assertEquals("A, B y C", localizer("es", "k", "x").list(three, DataValue.Join.AND));
        assertEquals("A, B et C", localizer("fr", "k", "x").list(three, DataValue.Join.AND));
        assertEquals("A, B и C", localizer("ru", "k", "x").list(three, DataValue.Join.AND));
        assertEquals("A وB وC", localizer("ar", "k", "x").list(three, DataValue.Join.AND));
        assertEquals("A, B और C", localizer("hi", "k", "x").list(three, DataValue.Join.AND));
        assertEquals("A、B和C", localizer("zh-Hans", "k", "x").list(three, DataValue.Join.AND));
        assertEquals("A、B或C", localizer("zh-Hans", "k", "x").list(three, DataValue.Join.OR));
        assertEquals("A, B và C", localizer("vi", "k", "x").list(three, DataValue.Join.AND));
    }

    @Test
    void datesAreLongAndLocalWhateverTheMachinesTimeZone() {
        LocalDate d = LocalDate.of(2026, 11, 25);
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Kiritimati"));
            assertEquals("November 25, 2026", localizer("en", "k", "x").date(d));
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/Adak"));
            assertEquals("25 ноября 2026\u202Fг.", localizer("ru", "k", "x").date(d));
            assertEquals("2026年11月25日", localizer("zh-Hans", "k", "x").date(d));
            assertEquals("25 de noviembre de 2026", localizer("es", "k", "x").date(d));
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
    }

    @Test
    void numbersFollowTheLocale() {
        assertEquals("Página 1.234 de 2", format(localizer("es", "p", "Página {n, number} de 2"), "p", 1234));
        assertEquals("1\u202F234", format(localizer("fr", "p", "{n, number}"), "p", 1234));
    }

    @Test
    void missingValueIsAProblemAtTheMessagesLine() {
        Localizer en = localizer("en", "k", "Between {a} and {b}");
        Problems p = new Problems();
        assertTrue(en.format("k", Map.of("a", 1), p).isEmpty());
        assertEquals("translations/en.yaml:7:3: error: [k] placeholder {b} has no value here", p.sorted().get(0).format());
    }
}
