package org.handout.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.sf.okapi.lib.xliff2.core.Fragment;
import net.sf.okapi.lib.xliff2.core.Part;
import net.sf.okapi.lib.xliff2.core.Unit;
import net.sf.okapi.lib.xliff2.reader.Event;
import net.sf.okapi.lib.xliff2.reader.XLIFFReader;
import net.sf.okapi.lib.xliff2.writer.XLIFFWriter;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.cli.Main;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every language's XLIFF 2.0 export is read by Okapi's XLIFF 2 library (the one behind Okapi Rainbow
 * and OmegaT's Okapi filters) in its validating mode, and a target edited and written back by
 * Okapi's own writer imports with exactly that edit.
 */
class OkapiReadsEveryExportTest {
    @TempDir
    Path dir;

    static Stream<String> languages() {
        return Project.load(new Workspace(TestProject.REAL)).languageTags().stream().filter(t -> !t.equals("en"));
    }

    private static int run(String... args) {
        return Main.run(args, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    @ParameterizedTest
    @MethodSource("languages")
    void okapisValidatingReaderAcceptsTheExportAndItsWriterRoundTripsAnEdit(String lang) throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path xlf = dir.resolve(lang + ".xlf");
        assertEquals(0, run("export-xliff", "--root", p.root().toString(), "--lang", lang, "--out", xlf.toString()));
        List<Event> events;
        try (XLIFFReader reader = new XLIFFReader(XLIFFReader.VALIDATION_MAXIMAL)) {
            reader.open(xlf.toFile());
            events = new java.util.ArrayList<>();
            while (reader.hasNext()) {
                events.add(reader.next());
            }
        }
        // a unit per English string, or per plural form of the language for a message with a plural
        long units = events.stream().filter(Event::isUnit).map(e -> e.getUnit().getId().replaceFirst(":(zero|one|two|few|many|other)$", ""))
                .distinct().count();
        assertEquals(TestProject.STRINGS, units, "every English string is in the file");

        // the translator edits the title's target in the tool; the tool writes the file again
        String bundleBefore = p.read("translations/" + lang + ".yaml");
        StringWriter written = new StringWriter();
        String edited = null;
        try (XLIFFWriter writer = new XLIFFWriter()) {
            writer.create(written, lang);
            for (Event e : events) {
                if (e.isUnit() && e.getUnit().getId().equals("overview.title")) {
                    Unit u = e.getUnit();
                    Part segment = u.getPart(0);
                    Fragment target = segment.getTarget();
                    edited = target.getPlainText() + " (2)";
                    target.clear();
                    target.append(edited);
                }
                writer.writeEvent(e);
            }
        }
        Files.writeString(xlf, written.toString(), StandardCharsets.UTF_8);
        assertEquals(0, run("import-xliff", "--root", p.root().toString(), xlf.toString()));
        String bundleAfter = p.read("translations/" + lang + ".yaml");
        assertTrue(bundleAfter.contains("text: \"" + edited + "\""), "the edit reached the bundle");
        // nothing else changed: the bundle differs in that one entry's text only
        List<String> before = bundleBefore.lines().toList();
        List<String> after = bundleAfter.lines().toList();
        assertEquals(before.size(), after.size(), "no entry added or lost");
        long changed = 0;
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed++;
            }
        }
        assertEquals(1, changed, "only the edited line changed");
    }
}
