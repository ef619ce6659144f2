package org.handout.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.handout.cli.Main;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What conformant translation tools do to an XLIFF file on its way back, and what the import does
 * with it: nothing a translator wrote in the bundle is lost, and what the tool changed is said.
 */
class XliffImportNeverLosesWorkTest {
    @TempDir
    Path dir;
    private TestProject p;
    private Path xlf;
    private String x;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void project() throws IOException {
        p = TestProject.copyInto(dir.resolve("project"));
        export();
    }

    private void export() throws IOException {
        xlf = dir.resolve("fr.xlf");
        assertEquals(0, run("export-xliff", "--root", p.root().toString(), "--lang", "fr", "--out", xlf.toString()).code());
        x = Files.readString(xlf);
    }

    /** The unit of {@code key}: from its start tag to its end tag. */
    private int[] unit(String key) {
        int from = x.indexOf("<unit id=\"" + key + "\">");
        return new int[] {from, x.indexOf("</unit>", from) + "</unit>".length()};
    }

    private String target(String key) {
        int[] u = unit(key);
        int from = x.indexOf("<target>", u[0]) + "<target>".length();
        return x.substring(from, x.indexOf("</target>", from));
    }

    private void replaceInUnit(String key, String from, String to) {
        int[] u = unit(key);
        String before = x.substring(u[0], u[1]);
        assertTrue(before.contains(from), before);
        x = x.substring(0, u[0]) + before.replace(from, to) + x.substring(u[1]);
    }

    private Run importIt() throws IOException {
        Files.writeString(xlf, x, StandardCharsets.UTF_8);
        return run("import-xliff", "--root", p.root().toString(), xlf.toString());
    }

    @Test
    void aUnitWhoseTargetATooLLeftOutKeepsItsTranslation() throws IOException {
        String bundle = p.read("translations/fr.yaml");
        String t = target("overview.title");
        replaceInUnit("overview.title", "<target>" + t + "</target>", "");
        Run r = importIt();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("[overview.title] no target in the file: the bundle's translation is kept"), r.err());
        assertEquals(bundle, p.read("translations/fr.yaml"), "nothing is wiped");
    }

    @Test
    void aUnitSplitIntoSegmentsIsJoinedAndAnAnnotationKeepsItsWords() throws IOException {
        String bundle = p.read("translations/fr.yaml");
        // the disclaimer, split after its first sentence, the space between as an ignorable
        String t = target("common.disclaimer");
        int cut = t.indexOf(". ") + 1;
        int[] u = unit("common.disclaimer");
        int from = x.indexOf("<segment", u[0]);
        int to = x.indexOf("</segment>", from) + "</segment>".length();
        x = x.substring(0, from)
                + "<segment id=\"s1\" state=\"translated\"><source>This leaflet gives general information.</source><target>"
                + t.substring(0, cut) + "</target></segment><ignorable><source> </source></ignorable>"
                + "<segment id=\"s2\" state=\"translated\"><source>It does not replace advice from your child's care team.</source><target>"
                + "<mrk id=\"m1\" type=\"comment\" value=\"checked\">" + t.substring(cut + 1) + "</mrk></target></segment>"
                + x.substring(to);
        Run r = importIt();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("<mrk> from the translation tool: its words are kept, the markup is dropped"), r.err());
        assertTrue(r.out().contains("fr: 0 updated"), r.out());
        assertEquals(bundle, p.read("translations/fr.yaml"), "the joined segments are the same translation");
    }

    @Test
    void aPrettyPrintedTargetIsReadAsItsWordsAndPreserveKeepsItsSpaces() throws IOException {
        String t = target("overview.title");
        replaceInUnit("overview.title", "<target>" + t + "</target>", "<target>\n            " + t.replace(" ", "\n            ") + "\n          </target>");
        Run r = importIt();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fr: 0 updated"), "the words are the same: " + r.out());
        // with xml:space="preserve" the spaces are the translator's: kept as they are
        String now = target("overview.title");
        replaceInUnit("overview.title", "<target>" + now + "</target>",
                "<target xml:space=\"preserve\">" + t.replaceFirst(" ", "  ") + "</target>");
        Run kept = importIt();
        assertEquals(0, kept.code(), kept.err());
        assertTrue(p.read("translations/fr.yaml").contains("text: \"" + t.replaceFirst(" ", "  ") + "\""), "two spaces kept: " + kept.out() + kept.err());
    }

    @Test
    void twoUnitsWithOneIdAreNeitherImported() throws IOException {
        String bundle = p.read("translations/fr.yaml");
        int[] u = unit("overview.title");
        String copy = x.substring(u[0], u[1]).replace(target("overview.title"), "Autre titre");
        x = x.substring(0, u[1]) + "\n    " + copy + x.substring(u[1]);
        Run r = importIt();
        assertEquals(1, r.code());
        assertTrue(r.err().contains("[overview.title] this unit's id is used by 2 units in the file; none of them is imported"), r.err());
        assertEquals(bundle, p.read("translations/fr.yaml"));
    }

    @Test
    void aToolThatDropsNotesDoesNotDeleteTheBundlesNote() throws IOException {
        String b = p.read("translations/fr.yaml");
        int text = b.indexOf("\n    text: ", b.indexOf("  overview.title:\n"));
        int eol = b.indexOf('\n', text + 1);
        p.write("translations/fr.yaml", b.substring(0, eol + 1) + "    note: \"checked with Dr Martin\"\n" + b.substring(eol + 1));
        export();
        String t = target("overview.title");
        x = x.replaceAll("<note category=\"translator\">[^<]*</note>\\s*", "");
        replaceInUnit("overview.title", "<target>" + t + "</target>", "<target>" + t + " !</target>");
        Run r = importIt();
        assertEquals(0, r.code(), r.err());
        String bundle = p.read("translations/fr.yaml");
        assertTrue(bundle.contains("note: \"checked with Dr Martin\""), bundle);
    }

    @Test
    void englishCopiedIntoATargetAndMarkedReviewedIsFlagged() throws IOException {
        String t = target("overview.who.causes");
        replaceInUnit("overview.who.causes", "<target>" + t + "</target>",
                "<target>" + x.substring(x.indexOf("<source>", unit("overview.who.causes")[0]) + "<source>".length(),
                        x.indexOf("</source>", unit("overview.who.causes")[0])) + "</target>");
        replaceInUnit("overview.who.causes", "state=\"translated\"", "state=\"reviewed\"");
        Run r = importIt();
        assertTrue(r.err().contains("[overview.who.causes] the target is the English"), r.err());
        assertTrue(p.read("translations/fr.yaml").contains("status: draft"), "a tool's review state is not the bundle's review");
        assertTrue(r.err().contains("warning: 1 unit is reviewed or final in the translation tool, and recorded as translated"), r.err());
        assertTrue(r.err().contains("    units: overview.who.causes"), r.err());
        // nor an entry's: the check goes on saying the entry is English, and a build would not take it as signed off
        Run check = run("check", "--root", p.root().toString(), "--lang", "fr");
        assertTrue(check.out().contains("warning: [overview.who.causes] the same as the English"), check.out());
    }

    @Test
    void aToolsReviewedStateOnAnEditedTargetIsRecordedAsTranslatedAndAnUnchangedOneKeepsTheBundlesState() throws IOException {
        // the bundle's reviewer signed off one entry; the tool marks another, edited, reviewed
        String fr = p.read("translations/fr.yaml");
        int at = fr.indexOf("\n  overview.title:\n");
        int eol = fr.indexOf('\n', fr.indexOf("\n    text: ", at) + 1);
        p.write("translations/fr.yaml", fr.substring(0, eol + 1) + "    state: reviewed\n" + fr.substring(eol + 1));
        export();
        String t = target("overview.who.heading");
        replaceInUnit("overview.who.heading", "<target>" + t + "</target>", "<target>Qui peut en être atteint ?</target>");
        replaceInUnit("overview.who.heading", "state=\"translated\"", "state=\"final\"");
        Run r = importIt();
        assertEquals(0, r.code(), r.err());
        String bundle = p.read("translations/fr.yaml");
        int heading = bundle.indexOf("\n  overview.who.heading:\n");
        String entry = bundle.substring(heading, bundle.indexOf("\n  overview.", heading + 5));
        assertTrue(entry.contains("Qui peut en être atteint ?") && !entry.contains("state:"), "translated, the state a bundle leaves implied: " + entry);
        int title = bundle.indexOf("\n  overview.title:\n");
        assertTrue(bundle.substring(title, bundle.indexOf("\n  overview.", title + 5)).contains("state: reviewed"), "the reviewer's state is kept");
    }

    @Test
    void aTargetInAnotherLanguagesScriptIsRefusedAtItsKey() throws IOException {
        String bundle = p.read("translations/fr.yaml");
        String t = target("overview.title");
        replaceInUnit("overview.title", "<target>" + t + "</target>", "<target>神经母细胞瘤</target>");
        Run r = importIt();
        assertEquals(1, r.code());
        assertTrue(r.err().contains("[overview.title] character U+795E CJK UNIFIED IDEOGRAPH-795E (神) is Han script, not a script of fr"), r.err());
        assertEquals(bundle, p.read("translations/fr.yaml"), "not imported");
    }

    @Test
    void aFileOver8MegabytesIsRefusedBeforeItIsReadAndAnOverlongTargetIsNotImported() throws IOException {
        String bundle = p.read("translations/fr.yaml");
        String t = target("overview.title");
        replaceInUnit("overview.title", "<target>" + t + "</target>", "<target>" + "Neuroblastome ".repeat(1200) + "</target>");
        Run longTarget = importIt();
        assertEquals(1, longTarget.code());
        assertTrue(longTarget.err().contains("[overview.title] the target or its note is longer than 16384 characters; unit not imported"),
                longTarget.err());
        assertEquals(bundle, p.read("translations/fr.yaml"));
        // a 9 MB target: the file is refused whole, before the XML is parsed
        x = x.replace("<target>" + "Neuroblastome ".repeat(1200), "<target>" + "x".repeat(9 * 1024 * 1024));
        Run huge = importIt();
        assertEquals(1, huge.code());
        assertTrue(huge.err().matches("(?s).*fr\\.xlf: error: the file is \\d+ bytes, more than the 8388608 \\(8 MB\\) an XLIFF file of handout's may have; "
                + "nothing was read.*"), huge.err());
        assertEquals(bundle, p.read("translations/fr.yaml"));
    }

    @Test
    void thePluralFormsCopiedFromTheEnglishAreFlagged() throws IOException {
        // every form's target set to its source, as a tool's "copy source to target" does
        for (String c : new String[] {"one", "many", "other"}) {
            String key = "overview.who.rare-later:" + c;
            int[] u = unit(key);
            String source = x.substring(x.indexOf("<source>", u[0]) + "<source>".length(), x.indexOf("</source>", u[0]));
            replaceInUnit(key, "<target>" + target(key) + "</target>", "<target>" + source + "</target>");
        }
        Run r = importIt();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: [overview.who.rare-later] the target is the English"), r.err());
    }
}
