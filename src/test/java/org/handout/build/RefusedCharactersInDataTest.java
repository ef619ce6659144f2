package org.handout.build;

import static org.handout.testing.Cli.run;
import static org.handout.testing.Outputs.pdfs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.handout.testing.Cli.Run;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data printed as written (contact names, addresses, numbers in content/, a clinic's name,
 * address, website and notes) that holds a character which would print wrongly stops the build at
 * its file and line, and nothing is written; what text needs (a Hindi or Thai clinic name with its
 * joiners and breaks) still builds.
 */
class RefusedCharactersInDataTest {
    @TempDir
    Path dir;

    /** The test project with the example clinic's profile and logo. */
    private TestProject withClinic() throws IOException {
        return TestProject.copyInto(dir.resolve("project"));
    }

    @Test
    void anOverrideInAContactNameStopsTheBuildAtItsLineAndWritesNothing() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        p.replace("content/contacts.yaml", "name: \"American Cancer Society (ACS)\"", "name: \"American Cancer \u202ESociety\u202C (ACS)\"");
        int line = p.lineOf("content/contacts.yaml", "American Cancer");
        Path out = dir.resolve("out");
        Run r = run("build", "--root", p.root().toString(), "--lang", "en,de", "--leaflet", "contacts", "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("content/contacts.yaml:" + line + ":19: error: character 17 is U+202E RIGHT-TO-LEFT OVERRIDE,"
                + " a bidi control that reorders the text around it: the words would print reversed"
                + " (also U+202C POP DIRECTIONAL FORMATTING at character 25)\n"
                + "    hint: delete it; handout sets the direction of every run itself;"), r.err());
        assertEquals(List.of(), pdfs(out));
    }

    @Test
    void aTabInAnAddressLineOrANewlineInAStageCodeIsRefusedAtItsLine() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        p.replace("content/contacts.yaml", "\"6116 Executive Blvd.\"", "\"6116\\tExecutive Blvd.\"");
        int line = p.lineOf("content/contacts.yaml", "6116");
        int column = p.read("content/contacts.yaml").split("\n")[line - 1].indexOf("\"6116") + 1;
        p.replace("content/staging.yaml", "code: \"4S\"", "code: \"4\\nS\"");
        int codeLine = p.lineOf("content/staging.yaml", "code: \"4\\nS\"");
        Path out = dir.resolve("out");
        Run r = run("build", "--root", p.root().toString(), "--lang", "en", "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("content/contacts.yaml:" + line + ":" + column
                + ": error: character 5 is U+0009 (a tab), a control character: it prints as nothing or as a box\n"
                + "    hint: replace it with a space"), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("content/staging.yaml:" + codeLine + ":")
                && l.endsWith("error: character 2 is U+000A (a line feed), a line break: a leaflet string is one run of text,"
                + " and handout breaks the lines itself")), r.err());
        assertEquals(org.handout.testing.TestProject.LEAFLETS.stream().filter(l -> !l.equals("contacts") && !l.equals("staging"))
                .map(l -> "en/" + l + ".pdf").sorted().toList(), pdfs(out), "only the two broken leaflets are held back");
    }

    @Test
    void anOverrideInAClinicsNameStopsItsEditionAtItsLine() throws IOException {
        TestProject p = withClinic();
        p.replace("clinics/riverside.yaml", "name: \"Riverside Children's Hospital Cancer Clinic\"",
                "name: \"Riverside Children's \u202EHospital Cancer Clinic\"");
        int line = p.lineOf("clinics/riverside.yaml", "name: \"Riverside");
        Path out = dir.resolve("out");
        Run r = run("build", "--root", p.root().toString(), "--clinic", "riverside", "--lang", "en", "--leaflet", "contacts",
                "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("clinics/riverside.yaml:" + line + ":7: error: character 22 is U+202E RIGHT-TO-LEFT OVERRIDE,"
                + " a bidi control that reorders the text around it: the words would print reversed"), r.err());
        assertTrue(r.out().contains("nothing built: the clinic profile has errors"), r.out());
        assertEquals(List.of(), pdfs(out));
    }

    @Test
    void aClinicsLanguageEntryIsJudgedInItsOwnLanguage() throws IOException {
        TestProject p = withClinic();
        // a zero width space is a break in Thai and a hidden flaw in German; a ZWNJ belongs in Hindi
        p.replace("clinics/riverside.yaml", "de: {name: \"Krebsambulanz des", "de: {name: \"Krebs\u200Bambulanz des");
        p.replace("clinics/riverside.yaml", "es: {name: \"Clínica de Cáncer del Hospital Infantil Riverside\", hours-note: \"cerrado los días festivos\"}",
                "es: {name: \"Clínica de Cáncer del Hospital Infantil Riverside\", hours-note: \"cerrado\tlos días festivos\"}");
        p.replace("clinics/riverside.yaml", "คลินิกมะเร็ง โรงพยาบาล", "คลินิกมะเร็ง\u200Bโรงพยาบาล");
        p.replace("clinics/riverside.yaml", "रिवरसाइड बाल", "रिवरसाइड बाल\u200Cक्\u200Cष");
        int de = p.lineOf("clinics/riverside.yaml", "  de: {");
        int es = p.lineOf("clinics/riverside.yaml", "  es: {");
        Path out = dir.resolve("out");
        Run r = run("build", "--root", p.root().toString(), "--clinic", "riverside", "--lang", "th,hi", "--leaflet", "contacts",
                "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        List<String> errors = r.err().lines().filter(l -> l.contains(": error: ")).toList();
        assertEquals(List.of(
                "clinics/riverside.yaml:" + es + ":79: error: [es] character 8 is U+0009 (a tab), a control character: it prints"
                        + " as nothing or as a box",
                "clinics/riverside.yaml:" + de + ":14: error: [de] character 6 is U+200B ZERO WIDTH SPACE, a hidden break: German"
                        + " separates its words with spaces, and a break no one sees splits a word for search and copying"),
                errors, r.err());
        assertFalse(r.err().contains("[th]") || r.err().contains("[hi]"), r.err());
        assertEquals(List.of(), pdfs(out));
    }
}
