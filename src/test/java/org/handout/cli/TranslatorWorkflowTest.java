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
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.testing.Cli.Run;
import org.handout.workflow.Translators;
import org.handout.testing.TestProject;
import org.handout.verify.PdfReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The translator's workflow end to end, as a translator or CI runs it: the English changes and
 * every language notices; the release gate; a draft build; init, accept and status; and the
 * XLIFF round trip export, edit, import, build.
 */
class TranslatorWorkflowTest {
    /** Every language with a bundle. */
    static final List<String> TRANSLATIONS = org.handout.build.Project.load(new org.handout.build.Workspace(TestProject.REAL)).languageTags()
            .stream().filter(t -> !t.equals("en")).toList();
    static final String OLD = "The risk group guides the treatment.";
    static final String NEW = "The risk group helps decide the treatment.";

    @TempDir
    Path dir;


    private TestProject project() {
        return TestProject.copyInto(dir.resolve("project"));
    }

    @Test
    void changingOneEnglishSentenceMakesItStaleInEveryLanguageAndHoldsThoseLeafletsBack() throws IOException {
        TestProject p = project();
        p.replace("content/staging.yaml", OLD, NEW);
        Run check = run("check", "--root", p.root().toString());
        assertEquals(1, check.code(), check.err());
        for (String tag : TRANSLATIONS) {
            assertTrue(check.out().contains("translations/" + tag + ".yaml:"), tag);
            assertTrue(check.out().lines().anyMatch(l -> l.startsWith("translations/" + tag + ".yaml:")
                    && l.endsWith("error: [staging.risk.groups] out of date: the English changed since this was translated")), tag + "\n" + check.out());
        }
        assertTrue(check.out().contains("    was: " + "Doctors place each child's cancer"), check.out());
        assertTrue(check.out().contains(OLD) && check.out().contains(NEW), "old and new English side by side");

        Path out = dir.resolve("out");
        Run build = run("build", "--root", p.root().toString(), "--out", out.toString());
        assertEquals(1, build.code(), "a held-back leaflet makes the build fail");
        List<String> built = pdfs(out);
        assertTrue(built.contains("en/staging.pdf"), "the English has nothing to be stale against");
        for (String tag : TRANSLATIONS) {
            assertFalse(built.contains(tag + "/staging.pdf"), tag + "/staging.pdf was built from a stale translation");
            assertTrue(built.contains(tag + "/overview.pdf") && built.contains(tag + "/contacts.pdf"), tag + ": the other leaflets still build");
            assertTrue(build.out().lines().anyMatch(l -> l.startsWith(tag + " ") && l.contains("HELD BACK: staging (1 out of date: staging.risk.groups)")),
                    build.out());
        }
        assertEquals((org.handout.testing.TestProject.LEAFLET_COUNT - 1) * TRANSLATIONS.size() + org.handout.testing.TestProject.LEAFLET_COUNT, built.size(), "every leaflet but staging in every translation, and all in English");
    }

    @Test
    void draftBuildFillsGapsWithEnglishAndMarksEveryPage() throws IOException {
        TestProject p = project();
        p.replace("content/staging.yaml", OLD, NEW);
        p.setText("translations/de.yaml", "staging.after.heading", "");
        Path out = dir.resolve("out");
        Run held = run("build", "--root", p.root().toString(), "--lang", "de", "--leaflet", "staging", "--out", out.toString());
        assertEquals(1, held.code());
        assertTrue(held.out().contains("HELD BACK: staging (1 out of date: staging.risk.groups; 1 not translated: staging.after.heading)"), held.out());

        Run draft = run("build", "--root", p.root().toString(), "--lang", "de", "--leaflet", "staging", "--draft", "--out", out.toString());
        assertEquals(0, draft.code(), draft.err());
        PdfReadBack pdf = PdfReadBack.read(out.resolve("de/staging.pdf"));
        assertTrue(pdf.title().startsWith("DRAFT: "), pdf.title());
        for (PdfReadBack.PageText page : pdf.pages()) {
            assertTrue(page.furniture().contains("DRAFT BUILD, NOT FOR FAMILIES: 1 string not translated (shown in English); "
                    + "1 string translated from an older English."), page.furniture());
        }
        assertTrue(PdfReadBack.comparable(pdf.body()).contains("Aftertreatment"), "the untranslated heading is shown in English");
        assertTrue(draft.err().contains("warning: [staging.after.heading] not translated yet"), draft.err());
    }

    @Test
    void acceptRecordsTheCurrentEnglishForStaleEntriesAndChangesNothingElse() throws IOException {
        TestProject p = project();
        p.replace("content/staging.yaml", OLD, NEW);
        String before = p.read("translations/fr.yaml");
        Run accept = run("accept", "--root", p.root().toString(), "--lang", "fr");
        assertEquals(0, accept.code(), accept.err());
        assertTrue(accept.out().contains("accepted staging.risk.groups"), accept.out());
        String after = p.read("translations/fr.yaml");
        // (the questions leaflet's definition of a risk group says the same words in its own English)
        int entry = before.indexOf("  staging.risk.groups:\n");
        int at = before.indexOf(OLD, entry);
        assertEquals(before.substring(0, at) + NEW + before.substring(at + OLD.length()), after, "only the English of the stale entry changes");
        assertEquals(0, run("check", "--root", p.root().toString(), "--lang", "fr").code());
        Run unknown = run("accept", "--root", p.root().toString(), "--lang", "fr", "staging.nope");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("[staging.nope] the English has no such key"), unknown.err());
    }

    @Test
    void checkPrintsJsonForToolsAndExitsZeroWhenThereAreOnlyWarnings() throws IOException {
        Run real = run("check", "--root", TestProject.REAL.toString(), "--lang", "de");
        assertEquals(0, real.code(), real.out());
        assertTrue(real.out().contains("warning:"), "the German bundle has warnings (e.g. Fax, the same as the English)");
        TestProject p = project();
        p.replace("content/staging.yaml", OLD, NEW);
        Run json = run("check", "--root", p.root().toString(), "--lang", "de", "--format", "json");
        assertEquals(1, json.code());
        String s = json.out();
        assertTrue(s.startsWith("{\n  \"problems\": [") && s.strip().endsWith("}"), s);
        assertTrue(s.contains("{\"severity\": \"error\", \"file\": \"translations/de.yaml\", \"line\": "), s);
        assertTrue(s.contains("\"key\": \"staging.risk.groups\", \"message\": \"out of date: the English changed since this was translated\""), s);
        assertTrue(s.contains("\"was\": \"Doctors place each child's cancer"), s);
        assertTrue(s.contains("\"errors\": 1"), s);
        assertEquals(2, run("check", "--root", p.root().toString(), "--format", "yaml").code());
    }

    @Test
    void initScaffoldsEveryKeyWithTheLanguagesPluralsAndNothingIsBuiltUntilItIsTranslated() throws IOException {
        TestProject p = project();
        Run init = run("init", "--root", p.root().toString(), "cs");
        assertEquals(0, init.code(), init.err());
        String bundle = p.read("translations/cs.yaml");
        assertEquals(org.handout.testing.TestProject.STRINGS, bundle.lines().filter(l -> l.startsWith("    source: ")).count());
        assertEquals(org.handout.testing.TestProject.STRINGS, bundle.lines().filter(l -> l.equals("    state: initial")).count());
        assertTrue(bundle.contains("    source: \"It rarely starts after a child is {rareAfterAge, plural, one {# year} other {# years}} old.\"\n"
                + "    text: \"It rarely starts after a child is {rareAfterAge, plural, one {# years} few {# years} many {# years} other {# years}} old.\""),
                "a plural skeleton has exactly Czech's categories");
        assertTrue(bundle.contains("# Plurals need exactly these categories in cs: few, many, one, other."), bundle.substring(0, 400));

        Path out = dir.resolve("out");
        Run build = run("build", "--root", p.root().toString(), "--lang", "cs", "--out", out.toString());
        assertEquals(1, build.code());
        assertEquals(List.of(), pdfs(out), "nothing half-translated is built, and no English is passed off as Czech");

        Run again = run("init", "--root", p.root().toString(), "cs");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("the bundle exists already"), again.err());
        Run sinhala = run("init", "--root", p.root().toString(), "si");
        assertEquals(0, sinhala.code());
        assertTrue(sinhala.err().contains("warning: no font for si yet: U+0D8"), "no Sinhala face in fonts/: " + sinhala.err());
    }

    @Test
    void aNewTranslatorScaffoldsFillsInChecksAndGetsALeaflet() throws IOException {
        TestProject p = project();
        assertEquals(0, run("init", "--root", p.root().toString(), "es-419").code());
        // the translator fills in every text (here: the Spanish of the es bundle) and removes state: initial
        String es = p.read("translations/es.yaml");
        String bundle = p.read("translations/es-419.yaml").replace("    state: initial\n", "");
        p.write("translations/es-419.yaml", bundle);
        String[] lines = es.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("  [a-z][\\w.-]*:") && i + 2 < lines.length && lines[i + 2].startsWith("    text: ")) {
                p.setField("translations/es-419.yaml", lines[i].strip().replace(":", ""), "text", lines[i + 2].substring("    text: ".length()));
            }
        }
        Run check = run("check", "--root", p.root().toString(), "--lang", "es-419");
        assertEquals(0, check.code(), check.out());
        Path out = dir.resolve("out");
        Run build = run("build", "--root", p.root().toString(), "--lang", "es-419", "--out", out.toString());
        assertEquals(0, build.code(), build.err());
        assertEquals(org.handout.testing.TestProject.LEAFLETS.stream().map(l -> "es-419/" + l + ".pdf").sorted().toList(), pdfs(out));
        assertTrue(PdfReadBack.comparable(PdfReadBack.read(out.resolve("es-419/overview.pdf")).body()).contains("neuroblastoma"));
    }

    @Test
    void statusShowsEachLanguageAndLeafletAndWritesStatusJson() throws IOException {
        TestProject p = project();
        p.replace("content/staging.yaml", OLD, NEW);
        p.setText("translations/ko.yaml", "contacts.title", "");
        Path out = dir.resolve("out");
        Run status = run("status", "--root", p.root().toString(), "--out", out.toString());
        assertEquals(0, status.code(), status.err());
        String de = status.out().lines().filter(l -> l.startsWith("de ")).findFirst().orElseThrow();
        assertTrue(de.matches("de\\s+100%\\s+100%\\s+97% 1 stale(\\s+100%){4}\\s+draft"), de);
        String ko = status.out().lines().filter(l -> l.startsWith("ko ")).findFirst().orElseThrow();
        assertTrue(ko.matches("ko\\s+100%\\s+100%\\s+97% 1 stale\\s+94% 1 missing(\\s+100%){3}\\s+draft"), ko);
        String json = Files.readString(out.resolve("status.json"));
        assertTrue(json.contains("{\"language\": \"de\", \"review\": \"draft\", \"leaflets\": {\"overview\": {\"strings\": 41, \"translated\": 41, "
                + "\"stale\": 0, \"missing\": 0, \"percent\": 100}"), json);
        assertTrue(json.contains("\"staging\": {\"strings\": 44, \"translated\": 43, \"stale\": 1, \"missing\": 0, \"percent\": 97}"), json);
    }

    @Test
    void statusCountsTheSharedStringsALeafletUsesNotEveryOne() throws IOException {
        TestProject p = project();
        // none of the symptoms leaflet's own text is translated any more
        String bundle = p.read("translations/de.yaml");
        for (String key : org.handout.content.ContentLoader.load(p.root().resolve("content"), "content", new org.handout.report.Problems())
                .orElseThrow().texts().keySet()) {
            if (key.startsWith("symptoms.")) {
                bundle = TestProject.withoutEntry(bundle, key);
            }
        }
        p.write("translations/de.yaml", bundle);
        Project project = Project.load(new Workspace(p.root()));
        java.util.Set<String> used = project.usedKeys("symptoms", project.languages().resolve("de"));
        assertFalse(used.contains("common.phone-tty"), "the symptoms leaflet prints no phone numbers: " + used);
        long shared = used.stream().filter(k -> k.startsWith("common.")).count();
        Translators.Cell cell = new Translators(new Workspace(p.root()), project).status().stream()
                .filter(c -> c.language().equals("de") && c.leaflet().equals("symptoms")).findFirst().orElseThrow();
        assertEquals(used.size(), cell.strings());
        assertEquals(shared, cell.translated(), "only the shared strings it uses are translated");
        assertEquals(used.size() - shared, cell.missing());
        assertTrue(cell.percent() < 20, "a leaflet with none of its own text translated is far from done: " + cell.percent() + " %");
    }

    @Test
    void xliffRoundTripKeepsNotesStatesAndPlaceholdersAndTheEditReachesThePdf() throws IOException {
        TestProject p = project();
        // a note and a review state that must survive the trip
        String key = "overview.what.children";
        int line = p.lineOf("translations/fr.yaml", "  " + key + ":");
        p.replace("translations/fr.yaml", p.read("translations/fr.yaml").lines().skip(line + 1).findFirst().orElseThrow() + "\n",
                p.read("translations/fr.yaml").lines().skip(line + 1).findFirst().orElseThrow() + "\n    state: reviewed\n    note: \"checked with Dr Martin\"\n");
        Path xlf = dir.resolve("fr.xlf");
        assertEquals(0, run("export-xliff", "--root", p.root().toString(), "--lang", "fr", "--out", xlf.toString()).code());
        String x = Files.readString(xlf);
        assertTrue(x.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">"));
        assertTrue(x.contains("<note category=\"translator\">checked with Dr Martin</note>"), "notes travel");
        assertTrue(x.contains("<data id=\"d2\">{usualAgeFrom, number}</data>"), "ICU syntax is original data");
        assertTrue(x.contains("canCopy=\"no\" canDelete=\"no\" disp=\"{usualAgeFrom, number}\"/>"), "and protected in the text");
        // a plural message is a unit per category of the language, each a whole sentence
        assertTrue(x.contains("<unit id=\"overview.who.rare-later:one\">") && x.contains("<unit id=\"overview.who.rare-later:other\">"), x);
        assertTrue(!x.contains("<unit id=\"overview.who.rare-later\">"), "not one unit of ICU syntax");
        // the translator edits one target in their tool
        List<String> fr = p.read("translations/fr.yaml").lines().toList();
        String title = fr.get(fr.indexOf("  overview.title:") + 2).replaceFirst("^    text: \"(.*)\"$", "$1");
        assertTrue(x.contains("<target>" + title + "</target>"), "the French title is in the file");
        Files.writeString(xlf, x.replace("<target>" + title + "</target>", "<target>Le neuroblastome expliqué aux familles</target>"));

        Run imported = run("import-xliff", "--root", p.root().toString(), xlf.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("fr: 1 updated, " + (org.handout.testing.TestProject.STRINGS - 1) + " unchanged, 0 stale, 0 rejected"), imported.out());
        String bundle = p.read("translations/fr.yaml");
        assertTrue(bundle.contains("    text: \"Le neuroblastome expliqué aux familles\""), "the edit is in the bundle");
        assertTrue(bundle.contains("    state: reviewed\n    note: \"checked with Dr Martin\""), "state and note survive");

        Path out = dir.resolve("out");
        assertEquals(0, run("build", "--root", p.root().toString(), "--lang", "fr", "--leaflet", "overview", "--out", out.toString()).code());
        assertEquals("Le neuroblastome expliqué aux familles", PdfReadBack.read(out.resolve("fr/overview.pdf")).title());
    }

    @Test
    void importingAnExportOfAnOlderEnglishReportsStaleUnitsAndOverwritesNothing() throws IOException {
        TestProject p = project();
        Path xlf = dir.resolve("de.xlf");
        assertEquals(0, run("export-xliff", "--root", p.root().toString(), "--lang", "de", "--out", xlf.toString()).code());
        p.replace("content/staging.yaml", OLD, NEW);
        String before = p.read("translations/de.yaml");
        // (in its unit only: the questions leaflet says the same in German)
        String x = Files.readString(xlf);
        int unit = x.indexOf("<unit id=\"staging.risk.groups:other\">");
        int at = x.indexOf("Nach der Risikogruppe richtet sich die Behandlung.", unit);
        Files.writeString(xlf, x.substring(0, at) + "Die Risikogruppe entscheidet." + x.substring(at + "Nach der Risikogruppe richtet sich die Behandlung.".length()));
        Run r = run("import-xliff", "--root", p.root().toString(), xlf.toString());
        assertEquals(1, r.code());
        // the message is a unit per plural form in German (one, other): both were made from the older English
        assertTrue(r.err().contains("error: [staging.risk.groups:one] stale: this unit was exported from an older English; not imported"), r.err());
        assertTrue(r.err().contains("error: [staging.risk.groups:other] stale"), r.err());
        assertTrue(r.err().contains("    now: ") && r.err().contains(NEW.substring(0, NEW.length() - 1)), r.err());
        assertTrue(r.out().contains("de: 0 updated, " + (org.handout.testing.TestProject.STRINGS - 1) + " unchanged, 2 stale, 0 rejected"), r.out());
        assertEquals(before, p.read("translations/de.yaml"), "the bundle is untouched");
    }

    @Test
    void importAppliesTheSameValidationAsCheckAndBuild() throws IOException {
        TestProject p = project();
        Path xlf = dir.resolve("de.xlf");
        assertEquals(0, run("export-xliff", "--root", p.root().toString(), "--lang", "de", "--out", xlf.toString()).code());
        String x = Files.readString(xlf);
        // a translator's tool empties a plural form's sentence (its codes kept) and lets a right-to-left override in
        int unit = x.indexOf("<unit id=\"overview.who.rare-later:other\">");
        int from = x.indexOf("<target>", unit);
        int open = x.indexOf("/>", from) + 2;
        int close = x.lastIndexOf("<ph ", x.indexOf("</target>", from));
        assertTrue(unit > 0 && open < close, "the export has the German 'other' form to empty");
        String emptied = x.substring(0, open) + x.substring(close);
        int title = emptied.indexOf("<unit id=\"overview.title\">");
        int target = emptied.indexOf("<target>", title) + "<target>".length();
        Files.writeString(xlf, emptied.substring(0, target) + "\u202E" + emptied.substring(target));
        String before = p.read("translations/de.yaml");
        Run r = run("import-xliff", "--root", p.root().toString(), xlf.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("branch is empty, so nothing would be printed there"), r.err());
        assertTrue(r.err().contains("[overview.title] character 1 is U+202E RIGHT-TO-LEFT OVERRIDE"), r.err());
        assertEquals(before, p.read("translations/de.yaml"), "nothing check or build would refuse is imported");
    }

    @Test
    void importRefusesATargetThatLosesAPlaceholderAndAFileWithADoctype() throws IOException {
        TestProject p = project();
        Path xlf = dir.resolve("es.xlf");
        assertEquals(0, run("export-xliff", "--root", p.root().toString(), "--lang", "es", "--out", xlf.toString()).code());
        String x = Files.readString(xlf);
        int unit = x.indexOf("<unit id=\"common.revised\">");
        int target = x.indexOf("<target>", unit);
        int end = x.indexOf("</target>", target);
        Files.writeString(xlf, x.substring(0, target) + "<target>Actualizado.</target>" + x.substring(end + "</target>".length()));
        String before = p.read("translations/es.yaml");
        Run r = run("import-xliff", "--root", p.root().toString(), xlf.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("[common.revised] placeholder {date} from the English is missing"), r.err());
        assertTrue(r.out().contains("1 rejected"), r.out());
        assertEquals(before, p.read("translations/es.yaml"));

        Path evil = dir.resolve("evil.xlf");
        Files.writeString(evil, "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
                + "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"es\">&e;</xliff>\n");
        Run e = run("import-xliff", "--root", p.root().toString(), evil.toString());
        assertEquals(1, e.code());
        assertTrue(e.err().contains("evil.xlf:2:") && e.err().contains("DOCTYPE"), e.err());
    }
}
