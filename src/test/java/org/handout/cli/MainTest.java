package org.handout.cli;

import static org.handout.testing.Cli.run;
import static org.handout.testing.Outputs.pdfs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.handout.testing.Cli.Run;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user or CI sees it: output, messages and exit codes. */
class MainTest {
    @TempDir
    Path dir;


    @Test
    void helpDescribesTheBuildCommandAndExitsZero() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("  build "), r.out());
        Run build = run("build", "--help");
        assertEquals(0, build.code());
        assertTrue(build.out().contains("--lang"));
        assertTrue(build.out().contains("--leaflet"));
        assertTrue(build.out().contains("--out"));
    }

    @Test
    void versionPrintsTheVersion() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("(?s)handout \\S+\ncommit .*"), r.out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run().code());
        assertEquals(2, run("print").code());
        assertEquals(2, run("build", "--colour").code());
        Run badLeaflet = run("build", "--root", TestProject.REAL.toString(), "--leaflet", "diet", "--out", dir.toString());
        assertEquals(2, badLeaflet.code());
        assertTrue(badLeaflet.err().contains("unknown leaflet 'diet' (the leaflets are overview, symptoms, staging, contacts"), badLeaflet.err());
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
    void regionalTagIsServedByItsLanguagesBundle() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("build", "--root", TestProject.REAL.toString(), "--lang", "es-MX", "--leaflet", "overview", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("es-MX/overview.pdf"), pdfs(out));
        assertTrue(r.out().contains("(text from es)"), r.out());
        assertEquals("es-MX", org.handout.verify.PdfReadBack.read(out.resolve("es-MX/overview.pdf")).lang());
    }

    @Test
    void aLanguageWithoutABundleIsAUsageErrorAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("build", "--root", TestProject.REAL.toString(), "--lang", "es,sw", "--leaflet", "overview", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("error: there is no Swahili (sw) translation (translations/sw.yaml)"), r.err());
        assertTrue(r.err().contains("hint: handout init sw starts one"), r.err());
        assertEquals(List.of(), pdfs(out), "nothing is written, not even the Spanish");
    }

    @Test
    void withDraftALanguageWithoutABundleIsAnEnglishDraftTaggedEnglishAndSaysSo() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("build", "--root", TestProject.REAL.toString(), "--lang", "sw", "--leaflet", "overview", "--draft", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("an English draft: there is no Swahili (sw) translation"), r.out());
        org.handout.verify.PdfReadBack pdf = org.handout.verify.PdfReadBack.read(out.resolve("sw/overview.pdf"));
        assertEquals("en", pdf.lang(), "a screen reader reads it with an English voice");
        assertTrue(pdf.title().startsWith("DRAFT: English, not translated into Swahili: "), pdf.title());
        for (org.handout.verify.PdfReadBack.PageText page : pdf.pages()) {
            assertTrue(page.furniture().contains("there is no Swahili (sw) translation; this is the English text."), page.furniture());
        }
        assertTrue(org.handout.testing.Manifests.entries(out).get("sw/overview.pdf").get("draft").asBoolean());
        Run verify = run("verify", "--root", TestProject.REAL.toString(), "--out", out.toString());
        assertEquals(1, verify.code(), "a draft is never released: " + verify.out());
    }

    @Test
    void languageTagsAreCanonicalisedBeforeAnythingUsesThem() throws IOException {
        Path out = dir.resolve("out");
        Run moldavian = run("build", "--root", TestProject.REAL.toString(), "--lang", "mo", "--out", out.toString());
        assertEquals(2, moldavian.code());
        assertTrue(moldavian.err().contains("there is no Romanian (ro) translation (translations/ro.yaml)"), moldavian.err());
        Run hebrew = run("build", "--root", TestProject.REAL.toString(), "--lang", "iw", "--leaflet", "overview", "--out", out.toString());
        assertEquals(0, hebrew.code(), hebrew.err());
        assertEquals(List.of("he/overview.pdf"), pdfs(out));
        Run check = run("check", "--root", TestProject.REAL.toString(), "--lang", "iw");
        assertTrue(check.out().lines().anyMatch(l -> l.startsWith("he ")), "check, like every command, knows iw as he: " + check.out() + check.err());
        Run reserved = run("build", "--root", TestProject.REAL.toString(), "--lang", "clinics", "--out", out.toString());
        assertEquals(2, reserved.code(), "a folder name that is no language is not a language tag");
    }

    @Test
    void brokenPatternFailsThatLanguageNamesFileLineAndKeyAndMarksItsOldPdfStale() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path out = dir.resolve("out");
        assertEquals(0, run("build", "--root", p.root().toString(), "--lang", "ru,vi", "--out", out.toString()).code());
        assertEquals(2 * org.handout.testing.TestProject.LEAFLET_COUNT, pdfs(out).size());

        String key = "symptoms.signs.intro";
        int line = p.setText("translations/ru.yaml", key, "У ребёнка {count, plural, one {# признак}");

        Run r = run("build", "--root", p.root().toString(), "--lang", "ru,vi", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("translations/ru.yaml:" + line + ":"), r.err());
        assertTrue(r.err().contains("[" + key + "] not a valid ICU message"), r.err());
        // the broken leaflet is not built; its old PDF is left untouched but marked stale, the rest still builds
        assertTrue(r.err().contains("kept " + out.resolve("ru/symptoms.pdf") + " from an earlier build; it is STALE (held back: symptoms)"),
                r.err());
        assertEquals("held back: symptoms", org.handout.testing.Manifests.stale(out, "ru/symptoms.pdf"));
        assertEquals("", org.handout.testing.Manifests.stale(out, "ru/overview.pdf"));
        assertEquals(2 * org.handout.testing.TestProject.LEAFLET_COUNT, pdfs(out).size());
    }

    @Test
    void missingPlaceholderIsAnErrorAtItsLine() {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        String key = "overview.who.rare-later";
        int line = p.setText("translations/es.yaml", key, "Rara vez empieza después de los diez años.");
        Run r = run("build", "--root", p.root().toString(), "--lang", "es", "--out", dir.resolve("out").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("translations/es.yaml:" + line + ":"), r.err());
        assertTrue(r.err().contains("[" + key + "] placeholder {rareAfterAge} from the English is missing"), r.err());
    }

    @Test
    void characterNoFontHasStopsTheBuildNamingIt() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        String key = "symptoms.title";
        int line = p.setText("translations/hi.yaml", key, "न्यूरोब्लास्टोमा \u0D15");
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
    void aBrokenLeafletFileHoldsBackOnlyThatLeafletAndMarksItsOldPdfsStale() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path out = dir.resolve("out");
        assertEquals(0, run("build", "--root", p.root().toString(), "--lang", "en,ar", "--out", out.toString()).code());
        assertEquals(2 * org.handout.testing.TestProject.LEAFLET_COUNT, pdfs(out).size());
        p.replace("content/staging.yaml", "infantMonths: 12", "infantMonths: twelve");
        int line = p.lineOf("content/staging.yaml", "infantMonths: twelve");
        Run r = run("build", "--root", p.root().toString(), "--lang", "en,ar", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("content/staging.yaml:" + line + ":"), r.err());
        assertTrue(r.err().contains("data 'infantMonths' must be a whole number"), r.err());
        assertEquals(2 * org.handout.testing.TestProject.LEAFLET_COUNT, pdfs(out).size(), "the previous PDFs are left untouched");
        for (String lang : List.of("en", "ar")) {
            assertEquals("held back: staging", org.handout.testing.Manifests.stale(out, lang + "/staging.pdf"));
            assertEquals("", org.handout.testing.Manifests.stale(out, lang + "/overview.pdf"), "the other leaflets still build");
        }
        assertTrue(r.err().contains("it is STALE (held back: staging)"), r.err());
        Run other = run("build", "--root", p.root().toString(), "--lang", "en,ar", "--leaflet", "overview", "--force", "--out", out.toString());
        assertEquals(0, other.code(), "a leaflet that was not asked for does not fail the build: " + other.err());
        assertFalse(other.err().contains("staging"), "a build of some languages and leaflets does not read the others: " + other.err());
        Run everyLanguage = run("build", "--root", p.root().toString(), "--leaflet", "overview", "--out", out.toString());
        assertTrue(everyLanguage.err().contains("note: languages or leaflets not built here have problems: content/staging.yaml (1 error)"),
                "a build of every language says where the problems it did not build are: " + everyLanguage.err());
    }

    @Test
    void aBuildIsJudgedOnWhatItWasAskedToBuild() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        p.setText("translations/fr.yaml", "common.page", "Page {page} sur {pages");
        p.setText("translations/de.yaml", "staging.outlook.heading", "Aussichten {");
        Path out = dir.resolve("out");
        Run en = run("build", "--root", p.root().toString(), "--lang", "en", "--leaflet", "overview", "--out", out.toString());
        assertEquals(0, en.code(), "a CI job for English is not failed by the French bundle: " + en.err());
        assertTrue(en.err().lines().noneMatch(l -> l.contains("fr.yaml:")), "nor flooded with its problems: " + en.err());
        assertFalse(en.err().contains("translations/"), "a build of English does not even read the other bundles: " + en.err());
        // a build of every language, narrowed by leaflet, says in one line where the problems it did not build are
        Run overview = run("build", "--root", p.root().toString(), "--leaflet", "contacts", "--out", out.toString());
        assertTrue(overview.err().contains("handout: note: languages or leaflets not built here have problems: translations/de.yaml (1 error)"),
                overview.err());
        Run deOverview = run("build", "--root", p.root().toString(), "--lang", "de", "--leaflet", "overview", "--out", out.toString());
        assertEquals(0, deOverview.code(), "a German error in the staging leaflet does not fail the overview: " + deOverview.err());
        Run fr = run("build", "--root", p.root().toString(), "--lang", "fr", "--leaflet", "overview", "--out", out.toString());
        assertEquals(1, fr.code());
        assertTrue(fr.err().contains("translations/fr.yaml:"), fr.err());
    }

    @Test
    void brokenSharedContentBuildsNothingSaysWhereAndMarksEveryOldPdfStale() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path out = dir.resolve("out");
        assertEquals(0, run("build", "--root", p.root().toString(), "--lang", "en,ar", "--out", out.toString()).code());
        p.replace("content/common.yaml", "leaflet: common", "leaflet: common\nfooter: x");
        Run r = run("build", "--root", p.root().toString(), "--lang", "en,ar", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("content/common.yaml:"), r.err());
        assertEquals(2 * org.handout.testing.TestProject.LEAFLET_COUNT, pdfs(out).size(), "the previous PDFs are left untouched");
        assertEquals(2 * org.handout.testing.TestProject.LEAFLET_COUNT, org.handout.testing.Manifests.entries(out).values().stream()
                .filter(e -> e.path("stale").asText().equals("the content or the fonts have errors")).count(), "none of them is left looking current");
        assertTrue(r.err().contains("it is STALE (the content or the fonts have errors)"), r.err());
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

    private static float[] pageSize(Path pdf) throws IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            org.apache.pdfbox.pdmodel.common.PDRectangle box = d.getPage(0).getMediaBox();
            return new float[] {box.getWidth(), box.getHeight()};
        }
    }

    @Test
    void paperComesFromEachLanguagesCountryUnlessARegionOrPaperIsGiven() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("build", "--root", TestProject.REAL.toString(), "--lang", "en,es,es-MX", "--leaflet", "contacts", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(612, pageSize(out.resolve("en/contacts.pdf"))[0], 0.01, "English (en-US) is printed on Letter");
        assertEquals(595.28, pageSize(out.resolve("es/contacts.pdf"))[0], 0.01, "Spanish (es-ES) is printed on A4");
        assertEquals(792, pageSize(out.resolve("es-MX/contacts.pdf"))[1], 0.01, "Mexican Spanish is printed on Letter");
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("es ") && l.contains("(A4)")), r.out());

        Run us = run("build", "--root", TestProject.REAL.toString(), "--lang", "es,ar", "--leaflet", "contacts", "--region", "US",
                "--out", out.toString());
        assertEquals(0, us.code(), us.err());
        assertEquals(612, pageSize(out.resolve("es/contacts.pdf"))[0], 0.01, "a clinic in the US prints every language on Letter");
        assertEquals(612, pageSize(out.resolve("ar/contacts.pdf"))[0], 0.01);

        Run a4 = run("build", "--root", TestProject.REAL.toString(), "--lang", "en", "--leaflet", "contacts", "--paper", "A4", "--out", out.toString());
        assertEquals(0, a4.code(), a4.err());
        assertEquals(841.89, pageSize(out.resolve("en/contacts.pdf"))[1], 0.01, "--paper wins over the locale");

        Run legal = run("build", "--root", TestProject.REAL.toString(), "--paper", "legal", "--out", out.toString());
        assertEquals(2, legal.code());
        assertTrue(legal.err().contains("--paper must be a4 or letter, not 'legal'"), legal.err());
        Run region = run("build", "--root", TestProject.REAL.toString(), "--region", "USA!", "--out", out.toString());
        assertEquals(2, region.code());
        assertTrue(region.err().contains("'USA!' is not a region code"), region.err());
    }

    @Test
    void previewRendersTheChosenPagesAsImagesAndWritesNoPdf() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path images = dir.resolve("images");
        Run r = run("preview", "--root", p.root().toString(), "--lang", "he", "--leaflet", "staging", "--pages", "1,9", "--dpi", "40",
                "--out", images.toString());
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> files = Files.walk(images)) {
            assertEquals(List.of("he/staging-p1.png"), files.filter(Files::isRegularFile).map(f -> images.relativize(f).toString()).toList());
        }
        assertTrue(r.out().contains("staging-p1.png"), r.out());
        assertTrue(r.err().matches("(?s).*he/staging has [1-8] pages?.*"), r.err());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(images.resolve("he/staging-p1.png").toFile());
        assertEquals(Math.round(595.28 / 72 * 40), png.getWidth(), 1, "an A4 page at 40 dpi");
        // the page is not blank: some pixels are dark (text), most are light (paper)
        long dark = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                dark += (png.getRGB(x, y) & 0xFF) < 128 ? 1 : 0;
            }
        }
        assertTrue(dark > 200 && dark < png.getWidth() * png.getHeight() / 4, "dark pixels: " + dark);
        assertFalse(Files.exists(p.root().resolve("output/he")), "preview must not write PDFs into output/");
    }

    @Test
    void previewNeedsALanguageAndALeaflet() {
        Run r = run("preview", "--root", TestProject.REAL.toString(), "--lang", "de");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("preview needs --lang and --leaflet"), r.err());
        Run pages = run("preview", "--root", TestProject.REAL.toString(), "--lang", "de", "--leaflet", "staging", "--pages", "two");
        assertEquals(2, pages.code());
    }

    @Test
    void verifyPrintsOneLinePerPdfAndFailsOnAFileThatDoesNotSayWhatItShould() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path out = dir.resolve("out");
        assertEquals(0, run("build", "--root", p.root().toString(), "--lang", "ar,ja", "--leaflet", "contacts", "--out", out.toString()).code());
        Run ok = run("verify", "--root", p.root().toString(), "--out", out.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("ok    ar/contacts.pdf"), ok.out());
        assertTrue(ok.out().lines().anyMatch(l -> l.startsWith("ok    ja/contacts.pdf") && l.endsWith("text, tags, fonts, layout, PDF/UA-1, PDF/A-2u")), ok.out());
        assertTrue(ok.out().contains("2 of 2 PDFs verified"), ok.out());
        // a Japanese file where the Arabic one should be: its text is not the Arabic leaflet's
        Files.copy(out.resolve("ja/contacts.pdf"), out.resolve("ar/contacts.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run bad = run("verify", "--root", p.root().toString(), "--out", out.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.out().contains("FAIL  ar/contacts.pdf") && bad.out().contains("it is ja/contacts (its own metadata says so), not ar/contacts"),
                bad.out());
    }

    @Test
    void verifyTagsPrintsTheTreeAScreenReaderReads() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, run("build", "--root", TestProject.REAL.toString(), "--lang", "en", "--leaflet", "symptoms", "--out", out.toString()).code());
        Run r = run("verify", "--tags", out.resolve("en/symptoms.pdf").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("Document", lines.get(0));
        assertTrue(lines.get(1).startsWith("  H1 \"Signs and symptoms of neuroblastoma"), lines.get(1));
        assertTrue(lines.contains("  Aside (Div)"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("      LBody \"")), r.out());
    }

    @Test
    void aClinicsEditionNeverLandsInALanguagesFolder() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        // a clinic whose id is a language tag: its edition still has a folder of its own
        p.write("clinics/ar.yaml", p.read("clinics/riverside.yaml").replace("clinic: riverside", "clinic: ar"));
        Path out = dir.resolve("out");
        assertEquals(0, run("build", "--root", p.root().toString(), "--lang", "ar", "--leaflet", "overview", "--out", out.toString()).code());
        byte[] national = Files.readAllBytes(out.resolve("ar/overview.pdf"));
        Run clinic = run("build", "--root", p.root().toString(), "--clinic", "ar", "--lang", "ar", "--leaflet", "overview", "--out", out.toString());
        assertEquals(0, clinic.code(), clinic.err());
        assertEquals(List.of("ar/overview.pdf", "clinics/ar/ar/overview.pdf"), pdfs(out));
        assertTrue(java.util.Arrays.equals(national, Files.readAllBytes(out.resolve("ar/overview.pdf"))), "the national edition is untouched");
        assertEquals("", org.handout.testing.Manifests.stale(out, "ar/overview.pdf"));
    }

    @Test
    void verifyOfAClinicsEditionChecksTheClinicIsThere() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, run("build", "--root", TestProject.REAL.toString(), "--clinic", "riverside", "--lang", "fr", "--leaflet", "overview",
                "--out", out.toString()).code());
        Run ok = run("verify", "--root", TestProject.REAL.toString(), "--clinic", "riverside", "--out", out.toString());
        assertEquals(0, ok.code(), ok.out());
        // the national edition where the clinic's should be: its footers lack the clinic
        Path national = dir.resolve("national");
        assertEquals(0, run("build", "--root", TestProject.REAL.toString(), "--lang", "fr", "--leaflet", "overview", "--out", national.toString()).code());
        Files.copy(national.resolve("fr/overview.pdf"), out.resolve("clinics/riverside/fr/overview.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run bad = run("verify", "--root", TestProject.REAL.toString(), "--clinic", "riverside", "--out", out.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.out().contains("footer: page 1 lacks «Clinique d’oncologie de l’Hôpital pour enfants Riverside · 217-555-0142»"), bad.out());
    }
}
