package org.handout.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.handout.cli.Main;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A translator whose tool knows nothing of ICU gets a plural message as one unit per form the
 * language has (Russian: one, few, many, other), each a whole sentence with the English form to
 * translate from; the edited forms come back as one ICU message.
 */
class PluralFormsAsUnitsTest {
    @TempDir
    Path dir;

    private static int run(String... args) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return Main.run(args, none, none);
    }

    @Test
    void aRussianTranslatorGetsOneFewManyAndOtherAsUnitsAndAnEditedFormComesBackAsOneIcuMessage() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path xlf = dir.resolve("ru.xlf");
        assertEquals(0, run("export-xliff", "--root", p.root().toString(), "--lang", "ru", "--out", xlf.toString()));
        String x = Files.readString(xlf, StandardCharsets.UTF_8);
        for (String form : List.of("one", "few", "many", "other")) {
            assertTrue(x.contains("<unit id=\"overview.who.rare-later:" + form + "\">"), form);
        }
        assertTrue(x.contains("the 'few' form of {rareAfterAge} in ru, for numbers such as 2, 3, 4"), "the note says which numbers");
        // the English sentence of the 'one' form is the source of the Russian 'one' unit
        int one = x.indexOf("<unit id=\"overview.who.rare-later:one\">");
        assertTrue(x.substring(one, x.indexOf("</unit>", one)).contains("> year old.<"), "the English 'one' form");
        // the translator rewrites the 'few' sentence in the tool
        int few = x.indexOf("<unit id=\"overview.who.rare-later:few\">");
        int target = x.indexOf("<target>", few);
        int open = x.indexOf("/>", target) + 2;
        int hash = x.indexOf("disp=\"#\"/>", target) + "disp=\"#\"/>".length();
        int close = x.lastIndexOf("<ph ", x.indexOf("</target>", target));
        String edited = x.substring(0, open) + "Редко начинается после " + x.substring(x.lastIndexOf("<ph ", hash), hash)
                + " лет (новая фраза)." + x.substring(close);
        Files.writeString(xlf, edited, StandardCharsets.UTF_8);
        assertEquals(0, run("import-xliff", "--root", p.root().toString(), xlf.toString()));
        String bundle = p.read("translations/ru.yaml");
        int entry = bundle.indexOf("  overview.who.rare-later:\n");
        String text = bundle.substring(bundle.indexOf("    text: ", entry), bundle.indexOf('\n', bundle.indexOf("    text: ", entry)));
        assertTrue(text.startsWith("    text: \"{rareAfterAge, plural, one {"), text);
        assertTrue(text.contains(" few {Редко начинается после # лет (новая фраза).}"), text);
        assertTrue(text.contains(" many {") && text.contains(" other {"), text);
        assertEquals(0, run("check", "--root", p.root().toString(), "--lang", "ru"), "the message put together passes the check");
    }
}
