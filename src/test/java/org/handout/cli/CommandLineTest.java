package org.handout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.handout.testing.Cli;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a new user, a CI job and a translator meet it: one option set and one help per command. */
class CommandLineTest {
    @TempDir
    Path dir;

    private static String root() {
        return TestProject.REAL.toString();
    }

    @Test
    void everyCommandHasItsOwnHelpWithOnlyItsOwnOptions() {
        Set<String> seen = new HashSet<>();
        for (Commands.Command c : Commands.ALL.values()) {
            Cli.Run r = Cli.run(c.name(), "--help");
            assertEquals(0, r.code(), c.name());
            assertTrue(r.out().contains("handout " + c.name() + " "), c.name() + ": " + r.out());
            assertTrue(r.out().contains("Exit status: "), c.name());
            assertTrue(seen.add(r.out()), c.name() + " has a help of its own");
        }
        String check = Cli.run("check", "--help").out();
        assertTrue(check.contains("--strict") && check.contains("--format"), check);
        assertFalse(check.contains("--dpi") || check.contains("--port") || check.contains("--shard"), check);
        assertTrue(Cli.run("preview", "--help").out().contains("--dpi"));
        Cli.Run overview = Cli.run("--help");
        assertEquals(0, overview.code());
        for (String name : Commands.ALL.keySet()) {
            assertTrue(overview.out().contains("  " + name + " "), name + " is in the overview");
        }
    }

    @Test
    void anOptionOfAnotherCommandIsAUsageErrorNamingTheCommandItBelongsTo() {
        Cli.Run r = Cli.run("check", "--root", root(), "--lang", "fr", "--dpi", "5000", "--shard", "9/2", "--port", "x");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("handout check: --dpi is not an option of check (it is an option of preview)"), r.err());
        assertTrue(r.err().contains("handout check --help"), r.err());
    }

    @Test
    void anArgumentACommandDoesNotTakeIsAUsageError() {
        Cli.Run r = Cli.run("build", "--root", root(), "extra-arg");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("handout build: unexpected argument 'extra-arg' (build takes options only)"), r.err());
        Cli.Run two = Cli.run("init", "--root", root(), "xx", "yy");
        assertEquals(2, two.code());
        assertTrue(two.err().contains("unexpected argument 'yy' (init takes one TAG)"), two.err());
    }

    @Test
    void aPortOutsideZeroTo65535IsAUsageErrorNotAnInternalError() {
        for (String port : List.of("99999", "80000", "-1", "x")) {
            Cli.Run r = Cli.run("serve", "--root", root(), "--port", port);
            assertEquals(2, r.code(), port + ": " + r.err());
            assertFalse(r.err().contains("internal error"), r.err());
        }
        assertTrue(Cli.run("serve", "--root", root(), "--port", "99999").err()
                .contains("--port takes a number from 0 to 65535 (0 picks a free port), not 99999"));
    }

    @Test
    void aMistypedCommandOptionLanguageOrLeafletGetsADidYouMean() {
        assertTrue(Cli.run("bulid").err().contains("unknown command 'bulid'; did you mean 'build'?"));
        assertTrue(Cli.run("check", "--lnag", "fr").err().contains("--lnag is not an option of check; did you mean --lang?"));
        Cli.Run leaflet = Cli.run("build", "--root", root(), "--leaflet", "symptom", "--out", dir.toString());
        assertEquals(2, leaflet.code());
        assertTrue(leaflet.err().contains("unknown leaflet 'symptom'; did you mean 'symptoms'?"), leaflet.err());
        assertTrue(Cli.run("build", "--root", root(), "--lang", "spanish", "--out", dir.toString()).err().contains("did you mean 'es'?"));
        Cli.Run check = Cli.run("check", "--root", root(), "--lang", "french");
        assertEquals(2, check.code());
        assertTrue(check.err().contains("no bundle translations/french.yaml; did you mean 'fr'?"), check.err());
        assertTrue(Cli.run("check", "--root", root(), "--lang", "spansh").err().contains("did you mean 'es'?"), "a name nearly written");
        assertTrue(Cli.run("check", "--root", root(), "--lang", "zh-hnas").err().contains("did you mean 'zh-Hans'?"), "a slip of a tag");
        // a real language is not taken for a slip of another: Swahili is not Somali, North Frisian not French
        for (String real : List.of("sw", "frr", "ro")) {
            assertFalse(Cli.run("check", "--root", root(), "--lang", real).err().contains("did you mean"), real);
        }
        assertFalse(Cli.run("bogus-command").err().contains("did you mean"), "nothing near: no suggestion");
    }

    @Test
    void aPreviewOfPagesTheLeafletDoesNotHaveIsAUsageError() {
        Cli.Run r = Cli.run("preview", "--root", root(), "--lang", "en", "--leaflet", "symptoms", "--pages", "9", "--out", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("en/symptoms has 1 page (no page 9)"), r.err());
    }

    @Test
    void quietPrintsErrorsOnlyDefaultALinePerLanguageVerboseEachLeafletWithTimings() {
        Path out = dir.resolve("out");
        Cli.Run quiet = Cli.run("build", "--root", root(), "--lang", "es,fr", "--leaflet", "symptoms,contacts", "--out", out.toString(), "-q");
        assertEquals(0, quiet.code(), quiet.err());
        assertEquals("", quiet.out());
        assertEquals("", quiet.err(), "no warnings with -q");
        Cli.Run normal = Cli.run("build", "--root", root(), "--lang", "es,fr", "--leaflet", "symptoms,contacts", "--out", out.toString(), "--force");
        List<String> lines = normal.out().lines().toList();
        assertEquals(3, lines.size(), normal.out());
        assertTrue(lines.get(0).startsWith("es       2 of 2 leaflets") && lines.get(1).startsWith("fr       2 of 2 leaflets"), normal.out());
        assertEquals("4 PDFs written to " + out, lines.get(2));
        Cli.Run verbose = Cli.run("build", "--root", root(), "--lang", "es", "--leaflet", "symptoms,contacts", "--out", out.toString(), "-v", "--force");
        assertTrue(verbose.out().matches("(?s).*  es/symptoms\\.pdf +built, 1 page, \\d+ ms\n.*"), verbose.out());
        assertTrue(verbose.out().matches("(?s).*2 PDFs written to .* in \\d+ ms\n"), verbose.out());
        assertEquals(2, Cli.run("build", "-q", "-v").code(), "-q and -v contradict each other");
    }

    @Test
    void aBuildOfEnglishSaysNothingAboutTranslations() {
        Cli.Run r = Cli.run("build", "--root", root(), "--lang", "en", "--leaflet", "symptoms", "--out", dir.toString());
        assertEquals(0, r.code());
        assertEquals("", r.err(), "no warning about the translations it did not build");
    }

    @Test
    void strictFailsACiJobOnASpanishWarningAndIgnoresTheFrenchOnes() {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        // a reviewer has signed off the Spanish entries that are rightly the same as the English
        p.setField("translations/es.yaml", "common.phone-tty", "text", "\"TTY\"\n    state: reviewed");
        p.setField("translations/es.yaml", "common.phone-fax", "text", "\"Fax\"\n    state: reviewed");
        p.setField("translations/es.yaml", "staging.stages.table.regional.name", "text", "\"Regional\"\n    state: reviewed");
        String out = dir.resolve("out").toString();
        assertTrue(Cli.run("check", "--root", p.root().toString(), "--lang", "fr").out().contains("2 warnings"), "French has warnings");
        Cli.Run clean = Cli.run("build", "--root", p.root().toString(), "--strict", "--lang", "es", "--out", out);
        assertEquals(0, clean.code(), clean.err());
        assertEquals(0, Cli.run("check", "--root", p.root().toString(), "--strict", "--lang", "es").code());
        // now a Spanish warning: English copied into a translation
        p.setText("translations/es.yaml", "common.phone-phone", "Phone");
        Cli.Run strict = Cli.run("build", "--root", p.root().toString(), "--strict", "--lang", "es", "--out", out);
        assertEquals(1, strict.code(), strict.err());
        assertTrue(strict.err().contains("[common.phone-phone] the same as the English"), "the warning in full: " + strict.err());
        assertTrue(strict.err().contains("handout: --strict: 1 warning fails this build"), strict.err());
        assertEquals(0, Cli.run("build", "--root", p.root().toString(), "--lang", "es", "--out", out).code(), "without --strict it passes");
        assertEquals(1, Cli.run("check", "--root", p.root().toString(), "--strict", "--lang", "es").code());
    }

    @Test
    void versionNamesTheCommitJavaAndTheLibraries() {
        Cli.Run r = Cli.run("--version");
        assertEquals(0, r.code());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("handout \\d+\\.\\d+\\.\\d+.*"), r.out());
        assertTrue(lines.get(1).matches("commit [0-9a-f]{12}(\\+changes)?( \\(the checkout's; the jar was built without one\\))?, built \\S+"), r.out());
        assertTrue(lines.get(2).startsWith("Java " + System.getProperty("java.version")), r.out());
        for (String lib : List.of("ICU4J 7", "OpenPDF 3", "PDFBox 3", "Commons CLI 1", "snakeyaml-engine ", "Jackson 2")) {
            assertTrue(lines.get(3).contains(lib), lib + " in " + r.out());
        }
        assertFalse(lines.get(3).contains("unknown"), "every library's version is found: " + r.out());
    }

    @Test
    void verifyTakesTheLanguageAndLeafletFromThePdfNotItsPath() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, Cli.run("build", "--root", root(), "--lang", "es", "--leaflet", "symptoms", "--out", out.toString(), "-q").code());
        // a downloaded copy, renamed, in a folder that is not a language
        Path downloaded = Files.createDirectories(dir.resolve("flow")).resolve("riverside-es-symptoms (1).pdf");
        Files.copy(out.resolve("es/symptoms.pdf"), downloaded);
        Cli.Run r = Cli.run("verify", "--root", root(), downloaded.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("1 of 1 PDFs verified"), r.out());
        // a PDF that does not say what it is
        Path other = dir.resolve("other.pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument d = new org.apache.pdfbox.pdmodel.PDDocument()) {
            d.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            d.save(other.toFile());
        }
        Cli.Run bad = Cli.run("verify", "--root", root(), other.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.out().contains("it does not say which leaflet it is"), bad.out() + bad.err());
        assertFalse(bad.out().contains("check --lang"), "no advice about a language taken from a folder name: " + bad.out());
    }

    @Test
    void theProgressBarAppearsAfterASecondOnATerminalAndIsClearedBeforeEachLine() {
        long[] now = {0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        TerminalProgress p = new TerminalProgress(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(bar, true, StandardCharsets.UTF_8),
                Verbosity.NORMAL, true, () -> now[0]);
        p.leaflets(1, 10);
        assertEquals("", bar.toString(StandardCharsets.UTF_8), "nothing in the first second");
        now[0] = 2_000_000_000L;
        p.leaflets(5, 10);
        assertTrue(bar.toString(StandardCharsets.UTF_8).contains("\r[###############               ] 5/10 leaflets"), bar.toString(StandardCharsets.UTF_8));
        p.line("es       7 of 7 leaflets");
        assertTrue(bar.toString(StandardCharsets.UTF_8).contains("\r\u001b[K"), "cleared before the line");
        p.finish();
        assertTrue(bar.toString(StandardCharsets.UTF_8).endsWith("\r\u001b[K"), "cleared at the end");
        assertEquals("es       7 of 7 leaflets\n", out.toString(StandardCharsets.UTF_8));
        assertFalse(TerminalProgress.wanted(false, null, false), "not a terminal");
        assertFalse(TerminalProgress.wanted(true, "1", false), "NO_COLOR");
        assertFalse(TerminalProgress.wanted(true, null, true), "--no-progress");
        assertTrue(TerminalProgress.wanted(true, null, false));
        assertTrue(TerminalProgress.wanted(true, "", false), "NO_COLOR set but empty counts as unset (no-color.org)");
    }
}
