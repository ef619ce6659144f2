package org.handout.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handout.content.Content;
import org.handout.content.ContentLoader;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.handout.workflow.BundleWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A translated plural or number can never lose its number, and whatever the checks accept formats:
 * an emptied branch, a deleted {@code #}, an {@code offset:}, a number style the English does not
 * have, a date used as a number, all refused at their line; a branch may say its number in words
 * only where the language's plural rules give that branch exactly one number.
 */
class TheNumberNeverDisappearsTest {
    @TempDir
    Path dir;
    Content content;

    static final String COMMON = """
            leaflet: common
            leaflets: [mini]
            strings:
              page: "Page {page} of {pages}"
            """ + org.handout.testing.Fixtures.REQUIRED_STRINGS;
    static final String MINI = """
            leaflet: mini
            revised: "2026-11-25"
            title: "A mini leaflet"
            data:
              years: 10
              glands: 2
            sections:
              - id: s
                heading: "Heading"
                blocks:
                  - paragraph: age
                    text: "It rarely starts after a child is {years, plural, one {# year} other {# years}} old."
                  - paragraph: count
                    text: "Everyone has {glands} of them."
            """;

    @BeforeEach
    void loadContent() throws IOException {
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/common.yaml"), COMMON);
        Files.writeString(dir.resolve("content/mini.yaml"), MINI);
        Problems p = new Problems();
        content = ContentLoader.load(dir.resolve("content"), "content", p).orElseThrow(() -> new AssertionError(p.sorted()));
    }

    /** The errors of a bundle whose strings are the given translations, the rest fine; the age at line 22, the count at line 25. */
    private List<String> errors(String tag, String age, String count, String revised) throws IOException {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        texts.put("common.page", "Seite {page} von {pages}");
        texts.put("common.revised", revised);
        texts.put("mini.title", "Ein Mini-Merkblatt");
        texts.put("mini.s.heading", "Titel");
        texts.put("mini.s.age", age);
        texts.put("mini.s.count", count);
        StringBuilder b = new StringBuilder("""
                language: %s
                translation:
                  from: en
                  edition: "2026-11-25"
                  method: "test"
                  status: draft
                messages:
                """.formatted(tag));
        texts.forEach((k, v) -> b.append("  ").append(k).append(":\n    source: ")
                .append(BundleWriter.quote(content.texts().get(k).pattern())).append("\n    text: ").append(BundleWriter.quote(v)).append('\n'));
        Path file = dir.resolve(tag + ".yaml");
        Files.writeString(file, b + org.handout.testing.Fixtures.requiredEntries("common.revised"));
        Problems p = new Problems();
        Optional<Bundle> bundle = BundleLoader.load(file, "translations/" + tag + ".yaml", p);
        bundle.ifPresent(x -> new BundleChecker(content).check(x, p));
        return p.sorted().stream().filter(Problem::isError).map(Problem::format).toList();
    }

    private List<String> german(String age) throws IOException {
        return errors("de", age, "Jeder hat {glands} davon.", "Stand: {date}");
    }

    @Test
    void aCompleteGermanTranslationPasses() throws IOException {
        assertEquals(List.of(), german("Es beginnt selten nach {years, plural, one {# Jahr} other {# Jahren}}."));
    }

    @Test
    void anEmptiedBranchIsRefused() throws IOException {
        assertEquals(List.of("translations/de.yaml:22:11: error: [mini.s.age] plural {years}: the 'other' branch is empty, so nothing would be printed there"),
                german("Es beginnt selten nach {years, plural, one {# Jahr} other {}}."));
    }

    @Test
    void aDeletedNumberSignIsRefusedWhereTheCategoryHoldsManyNumbers() throws IOException {
        assertEquals(List.of("translations/de.yaml:22:11: error: [mini.s.age] plural {years}: the 'other' branch does not print the number (#), "
                        + "and in de 'other' stands for more than one number (0, 2, 3, …)"),
                german("Es beginnt selten nach {years, plural, one {# Jahr} other {Jahren}}."));
    }

    @Test
    void anOffsetTheEnglishDoesNotHaveIsRefused() throws IOException {
        assertEquals(List.of("translations/de.yaml:22:11: error: [mini.s.age] plural {years} has offset:1000000; the English has none, "
                        + "so # would print another number"),
                german("Es beginnt selten nach {years, plural, offset:1000000 one {# Jahr} other {# Jahren}}."));
    }

    @Test
    void aNumberStyleTheEnglishDoesNotHaveIsRefused() throws IOException {
        assertEquals(List.of("translations/de.yaml:22:11: error: [mini.s.age] placeholder {years} is formatted as '::scale/100' here, "
                        + "which changes the number printed; the English prints it as it is"),
                german("Es beginnt selten nach {years, number, ::scale/100} Jahren."));
        assertEquals(List.of("translations/de.yaml:25:11: error: [mini.s.count] placeholder {glands} is formatted as 'percent' here, "
                        + "which changes the number printed; the English prints it as it is"),
                errors("de", "Es beginnt selten nach {years, plural, one {# Jahr} other {# Jahren}}.", "Jeder hat {glands, number, percent} davon.",
                        "Stand: {date}"));
    }

    @Test
    void aNumberMayBePrintedPlainlyOrPluralised() throws IOException {
        assertEquals(List.of(), errors("de", "Es beginnt selten nach {years} Jahren.", "Jeder hat {glands, plural, one {# davon} other {# davon}}.",
                "Stand: {date}"));
        assertEquals(List.of(), german("Es beginnt selten nach {years, number} Jahren."));
    }

    @Test
    void anOrdinalIsNotANumber() throws IOException {
        assertEquals(List.of("translations/de.yaml:22:11: error: [mini.s.age] placeholder {years} is a selectordinal here but a plural in the English"),
                german("Es beginnt selten nach dem {years, selectordinal, other {#.}} Jahr."));
    }

    @Test
    void aDateIsTextAndCannotBeANumber() throws IOException {
        assertEquals(List.of("translations/de.yaml:13:11: error: [common.revised] placeholder {date} is text the program formats "
                        + "(a date, a list, a name), so it is written {date}; here it is a number"),
                errors("de", "Es beginnt selten nach {years, plural, one {# Jahr} other {# Jahren}}.", "Jeder hat {glands} davon.",
                        "Stand: {date, number}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ar | one   | ok
            ar | two   | ok
            ar | zero  | ok
            ar | few   | refused
            ru | one   | refused
            fr | one   | refused
            he | two   | ok
            """)
    void aBranchMaySayItsNumberInWordsOnlyWhereItHoldsOneNumber(String tag, String category, String verdict) throws IOException {
        java.util.Set<String> categories = com.ibm.icu.text.PluralRules.forLocale(com.ibm.icu.util.ULocale.forLanguageTag(tag)).getKeywords();
        StringBuilder plural = new StringBuilder("{years, plural,");
        for (String c : List.of("zero", "one", "two", "few", "many", "other")) {
            if (categories.contains(c)) {
                plural.append(' ').append(c).append(c.equals(category) ? " {in words}" : " {# x}");
            }
        }
        List<String> e = errors(tag, plural.append("}.").toString(), "x {glands} y.", "x {date}");
        assertEquals(verdict.equals("ok"), e.isEmpty(), e.toString());
        if (!e.isEmpty()) {
            assertEquals(1, e.size(), e.toString());
            assertTrue(e.get(0).contains("the '" + category + "' branch does not print the number (#)"), e.get(0));
        }
    }

    @Test
    void anExactValueMaySayItsNumberInWordsAndANestedPluralOfTheSameNumberPrintsIt() throws IOException {
        assertEquals(List.of(), german("Es beginnt selten nach {years, plural, =10 {zehn Jahren} one {# Jahr} other {# Jahren}}."));
        assertEquals(List.of(), german("Es beginnt selten nach {years, plural, one {# Jahr} other {{years, plural, one {# x} other {# Jahren}}}}."));
        assertEquals(List.of(), german("Es beginnt selten nach {years, plural, one {ein Jahr ({years})} other {# Jahren}}."));
    }

    @Test
    void aPatternNestedTooDeepIsRefusedAtLoadWithoutOverflowingTheStack() throws IOException {
        String deep = "{years, select, other {".repeat(1000) + "x" + "}}".repeat(1000);
        List<String> e = german("Tief " + deep);
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("translations/de.yaml:22:11: error: [mini.s.age] the message nests { } 2000 levels deep; at most 12 are allowed"),
                e.get(0));
    }
}
