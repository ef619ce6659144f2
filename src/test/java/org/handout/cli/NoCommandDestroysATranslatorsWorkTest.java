package org.handout.cli;

import static org.handout.testing.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.handout.testing.Cli.Run;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No command throws away what a translator typed without being told to, and then it keeps a copy:
 * {@code init} over a bundle refuses, {@code init --update} only adds what is missing and keeps
 * every byte there was, {@code init --overwrite} keeps a backup, the hints point to
 * {@code --update}, and {@code export-xliff --out} never writes over a bundle.
 */
class NoCommandDestroysATranslatorsWorkTest {
    @TempDir
    Path dir;

    /** Removes one entry (its key line and its indented lines) from a bundle's text. */
    private static String without(String bundle, String key) {
        int at = bundle.indexOf("\n  " + key + ":\n");
        int end = bundle.indexOf("\n  ", at + key.length() + 4);
        while (end >= 0 && bundle.startsWith("\n    ", end)) {
            end = bundle.indexOf("\n  ", end + 1);
        }
        return bundle.substring(0, at) + (end < 0 ? "\n" : bundle.substring(end));
    }

    @Test
    void initOverAnExistingBundleRefusesAndChangesNothing() {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        String before = p.read("translations/fr.yaml");
        Run r = run("init", "--root", p.root().toString(), "fr");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("translations/fr.yaml: error: the bundle exists already; nothing was changed"), r.err());
        assertTrue(r.err().contains("handout init fr --update adds the entries it lacks"), r.err());
        assertEquals(before, p.read("translations/fr.yaml"));
    }

    @Test
    void initWithForceIsRefusedAndChangesNothing() {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        String before = p.read("translations/fr.yaml");
        Run r = run("init", "--root", p.root().toString(), "fr", "--force");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("init has no --force: --update adds the entries a bundle lacks"), r.err());
        assertEquals(before, p.read("translations/fr.yaml"));
    }

    @Test
    void initUpdateAddsOnlyTheMissingEntriesAndKeepsEveryByteThereWas() {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        String edited = without(without(p.read("translations/fr.yaml"), "overview.who.rare-later"), "contacts.intro.numbers")
                .replace("  overview.what.children:\n", "  # reviewed by phone with the clinic, 2026-11-30\n  overview.what.children:\n");
        int line = p.lineOf("translations/fr.yaml", "  overview.title:");
        p.write("translations/fr.yaml", edited);
        p.replace("translations/fr.yaml", p.read("translations/fr.yaml").lines().skip(line + 1).findFirst().orElseThrow() + "\n",
                p.read("translations/fr.yaml").lines().skip(line + 1).findFirst().orElseThrow() + "\n    state: reviewed\n    note: \"titre choisi avec la clinique\"\n");
        String before = p.read("translations/fr.yaml");
        Run missing = run("check", "--root", p.root().toString(), "--lang", "fr");
        assertEquals(1, missing.code());
        assertTrue(missing.out().contains("handout init fr --update, which adds every missing entry and keeps the rest"), missing.out());
        assertFalse(missing.out().contains("--force"), "no hint leads to a command that empties the bundle");

        Run r = run("init", "--root", p.root().toString(), "fr", "--update");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("added 2 entries at the end of translations/fr.yaml (state: initial); everything else is as it was"), r.out());
        String after = p.read("translations/fr.yaml");
        assertTrue(after.startsWith(before), "every byte of the bundle is kept, the note, the state and the comment with them");
        String added = after.substring(before.length());
        assertTrue(added.contains("  overview.who.rare-later:\n    source: \"It rarely starts after a child is {rareAfterAge, plural, one {# year} other {# years}} old.\"\n"
                + "    text: \"It rarely starts after a child is {rareAfterAge, plural, one {# years} many {# years} other {# years}} old.\"\n"
                + "    state: initial\n"), added);
        assertTrue(added.contains("  contacts.intro.numbers:\n"), added);
        Run check = run("check", "--root", p.root().toString(), "--lang", "fr");
        assertTrue(check.out().contains("[overview.who.rare-later] not translated yet"), check.out());
        assertFalse(check.out().contains("translation missing"), check.out());

        Run again = run("init", "--root", p.root().toString(), "fr", "--update");
        assertEquals(0, again.code());
        assertTrue(again.out().contains("nothing to add: translations/fr.yaml has every entry"), again.out());
        assertEquals(after, p.read("translations/fr.yaml"));
    }

    @Test
    void initUpdateOfABundleWithErrorsChangesNothing() {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        p.replace("translations/fr.yaml", "status: draft", "status: finished");
        String before = p.read("translations/fr.yaml");
        Run r = run("init", "--root", p.root().toString(), "fr", "--update");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("the bundle has errors, so nothing was added to it"), r.err());
        assertEquals(before, p.read("translations/fr.yaml"));
    }

    @Test
    void initOverwriteStartsAgainAndKeepsTheOldBundleAsANumberedBackup() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        String before = p.read("translations/fr.yaml");
        Run r = run("init", "--root", p.root().toString(), "fr", "--overwrite");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("kept the old bundle as translations/fr.yaml.1.bak"), r.out());
        assertEquals(before, p.read("translations/fr.yaml.1.bak"));
        assertEquals(org.handout.testing.TestProject.STRINGS, p.read("translations/fr.yaml").lines().filter(l -> l.equals("    state: initial")).count());
        assertEquals(0, run("init", "--root", p.root().toString(), "fr", "--overwrite").code());
        assertTrue(Files.exists(p.root().resolve("translations/fr.yaml.2.bak")), "a second overwrite keeps the first backup too");
        assertEquals(before, p.read("translations/fr.yaml.1.bak"));
        Run check = run("check", "--root", p.root().toString(), "--lang", "fr");
        assertFalse(check.out().contains(".bak"), "a backup is not a bundle");
    }

    @Test
    void exportXliffNeverWritesOverABundleOrAFileThatIsNotXliff() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        String before = p.read("translations/fr.yaml");
        Run r = run("export-xliff", "--root", p.root().toString(), "--lang", "fr", "--out", p.root().resolve("translations/fr.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("it is inside translations/, the project's own files"), r.err());
        assertEquals(before, p.read("translations/fr.yaml"));

        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "my own notes\n");
        Run other = run("export-xliff", "--root", p.root().toString(), "--lang", "fr", "--out", notes.toString());
        assertEquals(2, other.code());
        assertTrue(other.err().contains("it exists and is not an XLIFF file; nothing was written"), other.err());
        assertEquals("my own notes\n", Files.readString(notes));

        Path xlf = dir.resolve("fr.xlf");
        assertEquals(0, run("export-xliff", "--root", p.root().toString(), "--lang", "fr", "--out", xlf.toString()).code());
        assertEquals(0, run("export-xliff", "--root", p.root().toString(), "--lang", "fr", "--out", xlf.toString()).code(),
                "an earlier export may be written over");
    }
}
