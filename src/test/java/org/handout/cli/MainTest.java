package org.handout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user or CI sees it: output, messages and exit codes. */
class MainTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> pdfs(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void helpDescribesTheBuildCommandAndExitsZero() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("handout build"), r.out());
        assertTrue(r.out().contains("--lang"));
        assertTrue(r.out().contains("--leaflet"));
        assertTrue(r.out().contains("--out"));
    }

    @Test
    void versionPrintsTheVersion() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("handout \\S+\\R"), r.out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run().code());
        assertEquals(2, run("print").code());
        assertEquals(2, run("build", "--colour").code());
        Run badLeaflet = run("build", "--root", TestProject.REAL.toString(), "--leaflet", "diet", "--out", dir.toString());
        assertEquals(2, badLeaflet.code());
        assertTrue(badLeaflet.err().contains("unknown leaflet 'diet'; the leaflets are overview, symptoms, staging, contacts"), badLeaflet.err());
        Run badTag = run("build", "--root", TestProject.REAL.toString(), "--lang", "ar_EG!", "--out", dir.toString());
        assertEquals(2, badTag.code());
        assertTrue(badTag.err().contains("'ar_EG!' is not a well-formed language tag"), badTag.err());
    }

    @Test
    void buildNarrowedByLanguageAndLeafletWritesOnlyThoseAndReportsProgress() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("build", "--root", TestProject.REAL.toString(), "--lang", "ar,hi", "--leaflet", "symptoms", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("ar/symptoms.pdf", "hi/symptoms.pdf"), pdfs(out));
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ar ") && l.contains("1 of 1 leaflets")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("hi ") && l.contains("1 of 1 leaflets")), r.out());
    }

    @Test
    void regionalTagFallsBackToItsLanguageAndUnknownLanguageToEnglish() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("build", "--root", TestProject.REAL.toString(), "--lang", "es-MX,pt", "--leaflet", "overview", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("es-MX/overview.pdf", "pt/overview.pdf"), pdfs(out));
        assertTrue(r.out().contains("(text from es)"), r.out());
        assertTrue(r.err().contains("no translation for 'pt': built in en"), r.err());
    }

    @Test
    void brokenPatternFailsThatLanguageNamesFileLineAndKeyAndRemovesItsStalePdf() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path out = dir.resolve("out");
        assertEquals(0, run("build", "--root", p.root().toString(), "--lang", "ru,vi", "--out", out.toString()).code());
        assertEquals(8, pdfs(out).size());

        String key = "symptoms.signs.intro";
        int line = p.lineOf("translations/ru.yaml", key + ":");
        String original = p.read("translations/ru.yaml").lines().filter(l -> l.contains(key + ":")).findFirst().orElseThrow();
        p.replace("translations/ru.yaml", original, "  " + key + ": \"У ребёнка {count, plural, one {# признак}\"");

        Run r = run("build", "--root", p.root().toString(), "--lang", "ru,vi", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("translations/ru.yaml:" + line + ":"), r.err());
        assertTrue(r.err().contains("[" + key + "] not a valid ICU message"), r.err());
        // the broken leaflet is not built and its old PDF is gone; the rest still builds
        assertFalse(Files.exists(out.resolve("ru/symptoms.pdf")));
        assertTrue(r.err().contains("removed "), r.err());
        assertEquals(List.of("ru/contacts.pdf", "ru/overview.pdf", "ru/staging.pdf",
                "vi/contacts.pdf", "vi/overview.pdf", "vi/staging.pdf", "vi/symptoms.pdf"), pdfs(out));
    }

    @Test
    void missingPlaceholderIsAnErrorAtItsLine() {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        String key = "overview.who.rare-later";
        String original = p.read("translations/es.yaml").lines().filter(l -> l.contains(key + ":")).findFirst().orElseThrow();
        p.replace("translations/es.yaml", original, "  " + key + ": \"Rara vez empieza después de los diez años.\"");
        int line = p.lineOf("translations/es.yaml", key + ":");
        Run r = run("build", "--root", p.root().toString(), "--lang", "es", "--out", dir.resolve("out").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("translations/es.yaml:" + line + ":"), r.err());
        assertTrue(r.err().contains("[" + key + "] placeholder {rareAfterAge} from the English is missing"), r.err());
    }

    @Test
    void characterNoFontHasStopsTheBuildNamingIt() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        String key = "symptoms.title";
        String original = p.read("translations/hi.yaml").lines().filter(l -> l.contains(key + ":")).findFirst().orElseThrow();
        p.replace("translations/hi.yaml", original, "  " + key + ": \"न्यूरोब्लास्टोमा \u0D15\"");
        int line = p.lineOf("translations/hi.yaml", key + ":");
        Path out = dir.resolve("out");
        Run r = run("build", "--root", p.root().toString(), "--lang", "hi", "--leaflet", "symptoms", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("translations/hi.yaml:" + line + ":"), r.err());
        assertTrue(r.err().contains("[" + key + "] character U+0D15 MALAYALAM LETTER KA"), r.err());
        assertEquals(List.of(), pdfs(out));
    }

    @Test
    void brokenYamlIsReportedWithItsLineAndNothingIsWrittenForThatLanguage() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        p.replace("translations/fr.yaml", "status: draft", "status: draft\n  : : [");
        Path out = dir.resolve("out");
        Run r = run("build", "--root", p.root().toString(), "--lang", "fr,en", "--leaflet", "contacts", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().lines().anyMatch(l -> l.matches("translations/fr\\.yaml:\\d+:\\d+: error: not valid YAML: .*")), r.err());
        assertEquals(List.of("en/contacts.pdf"), pdfs(out));
    }

    @Test
    void brokenEnglishContentBuildsNothingSaysWhereAndLeavesNoStalePdf() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path out = dir.resolve("out");
        assertEquals(0, run("build", "--root", p.root().toString(), "--lang", "en,ar", "--out", out.toString()).code());
        assertEquals(8, pdfs(out).size());
        p.replace("content/staging.yaml", "infantMonths: 12", "infantMonths: twelve");
        int line = p.lineOf("content/staging.yaml", "infantMonths: twelve");
        Run r = run("build", "--root", p.root().toString(), "--lang", "en,ar", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("content/staging.yaml:" + line + ":"), r.err());
        assertTrue(r.err().contains("data 'infantMonths' must be a whole number"), r.err());
        assertEquals(List.of(), pdfs(out), "PDFs built from the old content would look current");
    }

    @Test
    void organisationNameWithACharacterNoFontHasIsReportedAtItsLine() {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        p.replace("content/contacts.yaml", "name: \"American Cancer Society (ACS)\"", "name: \"American Cancer Society \u0D15\"");
        int line = p.lineOf("content/contacts.yaml", "American Cancer Society");
        Run r = run("build", "--root", p.root().toString(), "--lang", "en", "--leaflet", "contacts", "--out", dir.resolve("out").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("content/contacts.yaml:" + line + ":19: error: character U+0D15 MALAYALAM LETTER KA"), r.err());
    }

    @Test
    void unreadableBundleHoldsItsLanguageBackInsteadOfFallingBackToEnglish() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        p.replace("translations/vi.yaml", "status: draft", "status: draft\n  colour: blue");
        int line = p.lineOf("translations/vi.yaml", "colour: blue");
        Path out = dir.resolve("out");
        Run r = run("build", "--root", p.root().toString(), "--lang", "vi,vi-VN", "--leaflet", "overview", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("translations/vi.yaml:" + line + ":3: error: unknown field 'colour'"), r.err());
        assertTrue(r.out().contains("HELD BACK: translations/vi.yaml has errors"), r.out());
        assertFalse(r.err().contains("built in en"), r.err());
        assertEquals(List.of(), pdfs(out));
    }

    @Test
    void languageTagsAreCanonicalisedAndNamedOnce() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("build", "--root", TestProject.REAL.toString(), "--lang", "zh-hans,AR", "--lang", "ar", "--leaflet", "contacts",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("ar/contacts.pdf", "zh-Hans/contacts.pdf"), pdfs(out));
    }
}
