package org.handout.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.handout.content.Content;
import org.handout.content.ContentLoader;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.junit.jupiter.api.BeforeEach;
import org.handout.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check a translator relies on, triggered by a small bundle next to the English it is checked against. */
class BundleCheckerTest {
    @TempDir
    Path dir;
    Content content;

    @BeforeEach
    void loadContent() throws IOException {
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/common.yaml"), Fixtures.COMMON_WITH_MINI);
        Files.writeString(dir.resolve("content/mini.yaml"), Fixtures.MINI);
        Problems p = new Problems();
        content = ContentLoader.load(dir.resolve("content"), "content", p).orElseThrow(() -> new AssertionError(p.sorted()));
    }

    private static String header(String tag) {
        return """
                language: %s
                translation:
                  from: en
                  edition: "2026-11-25"
                  method: "test"
                  status: draft
                  reviewer: null
                  reviewed: null
                messages:
                """.formatted(tag);
    }

    /**
     * Bundle entries from compact lines {@code   key: "text"}: each becomes {@code source} (the
     * English of the key, or "Old English" for a key the English lacks) and {@code text}, three
     * lines, so entry i's key is on line 10 + 3i and its text on line 12 + 3i.
     */
    private String entries(String compact) {
        StringBuilder b = new StringBuilder();
        for (String line : compact.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(": ");
            String key = line.substring(2, colon);
            String english = content.texts().containsKey(key) ? content.texts().get(key).pattern() : "Old English";
            b.append("  ").append(key).append(":\n    source: ").append(org.handout.workflow.BundleWriter.quote(english))
                    .append("\n    text: ").append(line.substring(colon + 2)).append('\n');
        }
        return b.toString();
    }

    /** Loads and checks a bundle written from compact lines; returns every problem formatted. */
    private List<String> check(String tag, String messages) throws IOException {
        return checkRaw(tag, entries(messages));
    }

    /** Loads and checks a bundle whose messages are written out; returns every problem formatted. */
    private List<String> checkRaw(String tag, String messages) throws IOException {
        return problems(tag, messages).stream().map(Problem::format).toList();
    }

    private List<Problem> problems(String tag, String messages) throws IOException {
        Path file = dir.resolve(tag + ".yaml");
        Files.writeString(file, header(tag) + messages + Fixtures.requiredEntries());
        Problems p = new Problems();
        Optional<Bundle> b = BundleLoader.load(file, "translations/" + tag + ".yaml", p);
        b.ifPresent(bundle -> new BundleChecker(content).check(bundle, p));
        return p.sorted();
    }

    @Test
    void completeRussianBundleHasNoProblems() throws IOException {
        assertEquals(List.of(), check("ru", """
                  common.page: "Страница {page} из {pages}"
                  mini.title: "Мини"
                  mini.s.heading: "Заголовок"
                  mini.s.age: "Младше {months, plural, one {# месяца} few {# месяцев} many {# месяцев} other {# месяца}}."
                """));
    }

    @Test
    void missingKeyIsNamedWithTheEnglish() throws IOException {
        List<String> p = check("es", """
                  common.page: "Página {page} de {pages}"
                  mini.title: "Mini"
                  mini.s.heading: "Título"
                """);
        assertEquals(List.of("translations/es.yaml:9: error: [mini.s.age] translation missing"), p);
        Problem missing = problems("es", entries("""
                  common.page: "Página {page} de {pages}"
                """)).stream().filter(x -> x.key().equals("mini.s.age")).findFirst().orElseThrow();
        assertEquals("Younger than {months, plural, one {# month} other {# months}}.", missing.details().get("english"));
        assertTrue(missing.hint().startsWith("add it under 'messages'"), missing.hint());
    }

    @Test
    void keyTheEnglishDoesNotHaveIsReportedAtItsLine() throws IOException {
        List<String> p = check("fr", """
                  common.page: "Page {page} sur {pages}"
                  mini.title: "Mini"
                  mini.s.heading: "Titre"
                  mini.s.age: "Moins de {months, plural, one {# mois} many {# de mois} other {# mois}}."
                  mini.s.old: "Ancien texte"
                """);
        assertEquals(List.of("translations/fr.yaml:22:3: error: [mini.s.old] unknown key: the English source has no such string"), p);
    }

    @Test
    void brokenIcuSyntaxIsReportedAtItsLine() throws IOException {
        List<String> p = check("es", """
                  common.page: "Página {page} de {pages"
                  mini.title: "Mini"
                  mini.s.heading: "Título"
                  mini.s.age: "Menos de {months, plural, one {# mes} many {# de meses} other {# meses}}."
                """);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("translations/es.yaml:12:11: error: [common.page] not a valid ICU message: "), p.get(0));
    }

    @Test
    void placeholderMissingOrAddedIsAnError() throws IOException {
        List<String> p = check("es", """
                  common.page: "Página {page} de {total}"
                  mini.title: "Mini"
                  mini.s.heading: "Título"
                  mini.s.age: "Menos de {months, plural, one {# mes} many {# de meses} other {# meses}}."
                """);
        assertEquals(List.of(
                "translations/es.yaml:12:11: error: [common.page] placeholder {pages} from the English is missing",
                "translations/es.yaml:12:11: error: [common.page] placeholder {total} is not in the English; the English has {page}, {pages}"), p);
    }

    @Test
    void russianPluralWithoutFewAndManyIsAnError() throws IOException {
        List<String> p = check("ru", """
                  common.page: "Страница {page} из {pages}"
                  mini.title: "Мини"
                  mini.s.heading: "Заголовок"
                  mini.s.age: "Младше {months, plural, one {# месяца} other {# месяцев}}."
                """);
        assertEquals(List.of("translations/ru.yaml:21:11: error: [mini.s.age] plural {months} has no branch for few, many; "
                + "ru needs few, many, one, other"), p);
    }

    @Test
    void arabicPluralNeedsAllSixCategoriesAndExplicitValuesDoNotCount() throws IOException {
        List<String> p = check("ar", """
                  common.page: "الصفحة {page} من {pages}"
                  mini.title: "مصغرة"
                  mini.s.heading: "عنوان"
                  mini.s.age: "أصغر من {months, plural, =0 {لا شيء} one {شهر} two {شهرين} few {# أشهر} other {# شهر}}."
                """);
        assertEquals(List.of("translations/ar.yaml:21:11: error: [mini.s.age] plural {months} has no branch for many, zero; "
                + "ar needs few, many, one, other, two, zero"), p);
    }

    @Test
    void pluralCategoryTheLanguageDoesNotHaveIsAnError() throws IOException {
        List<String> p = check("zh-Hans", """
                  common.page: "第{page}页，共{pages}页"
                  mini.title: "小册子"
                  mini.s.heading: "标题"
                  mini.s.age: "不满{months, plural, one {#个月} other {#个月}}。"
                """);
        assertEquals(List.of("translations/zh-Hans.yaml:21:11: error: [mini.s.age] plural {months} has one, which zh-Hans does not use; "
                + "it needs other"), p);
    }

    @Test
    void tagThatDoesNotMatchTheFileNameIsRefused() throws IOException {
        Path file = dir.resolve("pt.yaml");
        Files.writeString(file, header("pt-BR") + entries("  common.page: \"Página {page} de {pages}\""));
        Problems p = new Problems();
        assertTrue(BundleLoader.load(file, "translations/pt.yaml", p).isEmpty());
        assertEquals(List.of("translations/pt.yaml:1: error: language 'pt-BR' does not match the file name; name the file "
                + "pt-BR.yaml or fix the tag"), p.sorted().stream().map(Problem::format).toList());
    }

    @Test
    void reviewedBundleMustNameItsReviewerAndDate() throws IOException {
        Path file = dir.resolve("fr.yaml");
        Files.writeString(file, header("fr").replace("status: draft", "status: reviewed") + entries("  common.page: \"Page {page} sur {pages}\""));
        Problems p = new Problems();
        assertTrue(BundleLoader.load(file, "translations/fr.yaml", p).isEmpty());
        assertEquals(List.of("translations/fr.yaml:3:3: error: a reviewed bundle must name its 'reviewer' and the date it was 'reviewed'"),
                p.sorted().stream().map(Problem::format).toList());
    }

    @Test
    void englishPlaceholderThatIsNotDataIsAnErrorInTheContent() throws IOException {
        Files.writeString(dir.resolve("content/mini.yaml"), Fixtures.MINI.replace("{months, plural", "{weeks, plural"));
        Problems p = new Problems();
        Content c = ContentLoader.load(dir.resolve("content"), "content", p).orElseThrow();
        new BundleChecker(c).checkSource(p);
        assertEquals(List.of("content/mini.yaml:11:15: error: [mini.s.age] placeholder {weeks} is not defined; use one of [months]"),
                p.sorted().stream().map(Problem::format).toList());
    }

    private static final String RU_REST = """
              mini.title: "Мини"
              mini.s.heading: "Заголовок"
              mini.s.age: "Младше {months, plural, one {# месяца} few {# месяцев} many {# месяцев} other {# месяца}}."
            """;

    @Test
    void staleEntryIsAnErrorThatShowsTheEnglishItWasMadeFromAndTheEnglishNow() throws IOException {
        List<Problem> p = problems("ru", """
                  common.page:
                    source: "Page {page} of {pages} pages"
                    text: "Страница {page} из {pages}"
                """ + entries(RU_REST));
        assertEquals(1, p.size(), p.toString());
        Problem stale = p.get(0);
        assertEquals("translations/ru.yaml:10:3: error: [common.page] out of date: the English changed since this was translated",
                stale.format());
        assertEquals("Page {page} of {pages} pages", stale.details().get("was"));
        assertEquals("Page {page} of {pages}", stale.details().get("now"));
        assertTrue(stale.hint().contains("handout accept --lang ru common.page"), stale.hint());
        assertTrue(BundleChecker.isGap(stale));
    }

    @Test
    void entryNotTranslatedYetIsAnErrorEvenWhenItHoldsASkeleton() throws IOException {
        List<String> p = checkRaw("ru", entries("""
                  common.page: "Страница {page} из {pages}"
                  mini.title: ""
                  mini.s.heading: "Заголовок"
                """) + """
                  mini.s.age:
                    source: "Younger than {months, plural, one {# month} other {# months}}."
                    text: "Younger than {months, plural, one {# months} few {# months} many {# months} other {# months}}."
                    state: initial
                """);
        assertEquals(List.of("translations/ru.yaml:13:3: error: [mini.title] not translated yet",
                "translations/ru.yaml:19:3: error: [mini.s.age] not translated yet"), p);
    }

    @Test
    void entryWrittenAsAPlainStringIsRefusedWithTheFormItNeeds() throws IOException {
        List<Problem> p = problems("es", "  common.page: \"Página {page} de {pages}\"\n");
        assertEquals("translations/es.yaml:10:16: error: [common.page] an entry needs the English it was translated from and the translation",
                p.get(0).format());
        assertTrue(p.get(0).hint().contains("common.page: {source: "), p.get(0).hint());
    }

    @Test
    void unknownStateIsAnError() throws IOException {
        List<String> p = checkRaw("ru", entries("""
                  common.page: "Страница {page} из {pages}"
                """ + RU_REST).replace("    text: \"Мини\"\n", "    text: \"Мини\"\n    state: done\n"));
        assertEquals(List.of("translations/ru.yaml:16: error: [mini.title] 'state' must be initial, translated, reviewed or final, not 'done'"), p);
    }

    @Test
    void textTheSameAsTheEnglishIsAWarningUnlessAReviewerSignedItOff() throws IOException {
        List<String> p = check("ru", """
                  common.page: "Страница {page} из {pages}"
                  mini.title: "A mini leaflet"
                """ + RU_REST.lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
        assertEquals(List.of("translations/ru.yaml:15:11: warning: [mini.title] the same as the English"), p);
        List<String> reviewed = checkRaw("ru", entries("""
                  common.page: "Страница {page} из {pages}"
                  mini.title: "A mini leaflet"
                """ + RU_REST.lines().skip(1).map(l -> l + "\n").reduce("", String::concat))
                .replace("    text: \"A mini leaflet\"\n", "    text: \"A mini leaflet\"\n    state: reviewed\n"));
        assertEquals(List.of(), reviewed);
    }

    @Test
    void leadingOrTrailingWhitespaceIsAWarning() throws IOException {
        List<String> p = check("ru", """
                  common.page: " Страница {page} из {pages}"
                """ + RU_REST);
        assertEquals(List.of("translations/ru.yaml:12:11: warning: [common.page] leading or trailing whitespace"), p);
    }

    @Test
    void sentenceFinalPunctuationUnlikeTheEnglishIsAWarningInTheScriptsOwnForm() throws IOException {
        List<String> p = check("ru", """
                  common.page: "Страница {page} из {pages}"
                  mini.title: "Мини"
                  mini.s.heading: "Заголовок"
                  mini.s.age: "Младше {months, plural, one {# месяца} few {# месяцев} many {# месяцев} other {# месяца}}"
                """);
        assertEquals(List.of("translations/ru.yaml:21:11: warning: [mini.s.age] ends without the English's final '.'"), p);
        // Japanese ends its sentences with 。: the same mark
        assertEquals(List.of(), check("ja", """
                  common.page: "{page}／{pages}ページ"
                  mini.title: "ミニ"
                  mini.s.heading: "見出し"
                  mini.s.age: "{months, plural, other {#か月}}未満。"
                """));
    }

    @Test
    void everyScriptsOwnSentenceEndIsKnownAsOne() throws IOException {
        // Amharic's ። (and its question mark ፧), Khmer's ។, Burmese's ။: Unicode's sentence terminals
        for (String[] t : new String[][] {{"am", "ከ{months, plural, one {# ወር} other {# ወራት}} በታች።"}, {"km", "ក្រោម {months, plural, other {# ខែ}}។"},
                {"my", "{months, plural, other {# လ}} အောက်။"}}) {
            assertEquals(List.of(), check(t[0], """
                      common.page: "{page} / {pages}"
                      mini.title: "x"
                      mini.s.heading: "x"
                      mini.s.age: "%s"
                    """.formatted(t[1])).stream().filter(x -> x.contains("final")).toList(), t[0]);
        }
        List<String> without = check("km", """
                  common.page: "{page} / {pages}"
                  mini.title: "x"
                  mini.s.heading: "x"
                  mini.s.age: "ក្រោម {months, plural, other {# ខែ}}"
                """);
        assertTrue(without.stream().anyMatch(x -> x.contains("[mini.s.age] ends without the English's final '.'")), "checked in Khmer: " + without);
    }

    @Test
    void translationMuchLongerThanTheEnglishIsAWarning() throws IOException {
        List<String> p = check("ru", """
                  common.page: "Страница {page} из {pages}"
                  mini.title: "Очень маленькая брошюра для проверки длины текста"
                """ + RU_REST.lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
        assertEquals(List.of("translations/ru.yaml:15:11: warning: [mini.title] 3.5 times as long as the English: it may not fit its place on the page"), p);
    }

    @Test
    void placeholderOfAnotherKindIsAnErrorButAPluralForAPlainNumberIsFine() throws IOException {
        List<String> p = check("ru", """
                  common.page: "Страница {page, select, other {x}} из {pages}"
                """ + RU_REST);
        assertEquals(List.of("translations/ru.yaml:12:11: error: [common.page] placeholder {page} is a select here but a simple in the English"), p);
        assertEquals(List.of(), check("ru", """
                  common.page: "Страница {page} из {pages, plural, one {# страницы} few {# страниц} many {# страниц} other {# страницы}}"
                """ + RU_REST));
    }
}
