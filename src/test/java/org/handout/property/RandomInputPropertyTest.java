package org.handout.property;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import org.handout.content.Content;
import org.handout.content.ContentLoader;
import org.handout.i18n.Bundle;
import org.handout.i18n.BundleChecker;
import org.handout.i18n.BundleLoader;
import org.handout.i18n.Localizer;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.handout.testing.Fixtures;
import org.handout.testing.Gen;
import org.handout.workflow.BundleWriter;
import org.handout.yaml.Yaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random input finds no unexpected exception: whatever a translator types, the loader and the
 * checker report problems, and whatever passes the checker formats; whatever bytes a file holds,
 * the YAML reader reports a problem or a tree. An exception here is a bug: the user would see a
 * stack trace instead of a located message. The inputs are seeded ({@link Gen}): every run tries the
 * same ones, and a failure names the input.
 */
class RandomInputPropertyTest {
    static Content content;
    static Path dir;

    @BeforeAll
    static void mini() throws IOException {
        dir = Files.createTempDirectory("handout-property");
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/common.yaml"), Fixtures.COMMON_WITH_MINI);
        Files.writeString(dir.resolve("content/mini.yaml"), Fixtures.MINI);
        Problems p = new Problems();
        content = ContentLoader.load(dir.resolve("content"), "content", p).orElseThrow(() -> new AssertionError(p.sorted()));
    }

    /** Text a translator might type, and worse: ICU syntax, quotes, marks, bidi controls, astral characters. */
    static Gen<String> messages() {
        Gen<String> pieces = Gen.oneOf(
                Gen.of("{months}", "{months, plural, one {# mes} other {# meses}}", "{page}", "{pages}", "#", "{", "}", "'",
                        "''", "'{'", "{0}", "{months, select, other {x}}", "{months, plural, =1 {uno} other {#}}", ",", "plural",
                        "\\", "\"", "\n", "\t", " ", "\u200F", "\u2066", "\uFEFF", "😀", "ك", "क्ष", "ا\u0651", "\u0000", "%", ": ", "- "),
                Gen.strings(' ', '\u2FFF', 8));
        return pieces.list(12).map(l -> String.join("", l));
    }

    private static Path bundle(String tag, String page, String title, String age) {
        String text = """
                language: %s
                translation:
                  from: en
                  edition: "2026-11-25"
                  method: "property test"
                  status: draft
                messages:
                  common.page:
                    source: "Page {page} of {pages}"
                    text: %s
                  mini.title:
                    source: "A mini leaflet"
                    text: %s
                  mini.s.heading:
                    source: "Heading"
                    text: "Titel"
                  mini.s.age:
                    source: "Younger than {months, plural, one {# month} other {# months}}."
                    text: %s
                """.formatted(tag, BundleWriter.quote(page), BundleWriter.quote(title), BundleWriter.quote(age)) + Fixtures.requiredEntries();
        try {
            Path f = dir.resolve(tag + ".yaml");
            Files.writeString(f, text, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anyTranslationIsReportedOrFormattedNeverThrown() {
        Gen<String> m = messages();
        Gen<List<String>> three = r -> List.of(m.next(r), m.next(r), m.next(r));
        Gen.check(400, three, List.of(List.of("", "", ""), List.of("{", "}", "#")),
                t -> translation(t.get(0), t.get(1), t.get(2)));
    }

    private static void translation(String page, String title, String age) {
        for (String tag : new String[] {"ru", "ar", "ja"}) {
            Problems problems = new Problems();
            Optional<Bundle> b = BundleLoader.load(bundle(tag, page, title, age), "translations/" + tag + ".yaml", problems);
            if (b.isEmpty()) {
                if (!problems.hasErrors()) {
                    throw new AssertionError("a bundle that does not load must say why");
                }
                continue;
            }
            new BundleChecker(content).check(b.get(), problems);
            if (problems.hasErrors()) {
                continue;
            }
            Localizer loc = new Localizer(b.get(), b.get().locale());
            Problems formatting = new Problems();
            loc.format("common.page", Map.of("page", 1, "pages", 2), formatting);
            loc.format("mini.title", Map.of(), formatting);
            loc.format("mini.s.age", Map.of("months", 12), formatting);
            if (formatting.sorted().stream().anyMatch(Problem::isError)) {
                throw new AssertionError("checked messages must format: " + formatting.sorted());
            }
        }
    }

    @Test
    void anyBytesAreReadOrReportedNeverThrown() {
        Gen.check(400, Gen.bytes(255), List.of(new byte[0], new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {0}),
                bytes -> Yaml.parse(bytes, "translations/x.yaml", new Problems()));
    }

    static Gen<String> yamlish() {
        return Gen.of("a: ", "- ", "[", "]", "{", "}", "&x ", "*x ", "!!str ", "\"", "'", "\n", "  ", "\t", "#", ": ", "? ",
                "|", ">", "---", "...", "%YAML 1.2", "language: fr", "messages:", "x", "1").list(40).map(l -> String.join("", l));
    }

    @Test
    void anyYamlShapedTextIsReadOrReportedNeverThrown() {
        Gen.check(600, yamlish(), List.of("", "---", "a: "), RandomInputPropertyTest::yamlShaped);
    }

    private static void yamlShaped(String text) {
        Problems problems = new Problems();
        Yaml.parse(text.getBytes(StandardCharsets.UTF_8), "translations/x.yaml", problems);
        try {
            Path f = dir.resolve("fr.yaml");
            Files.writeString(f, text, StandardCharsets.UTF_8);
            BundleLoader.load(f, "translations/fr.yaml", new Problems()).ifPresent(b -> new BundleChecker(content).check(b, new Problems()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
