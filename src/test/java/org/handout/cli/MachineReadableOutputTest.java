package org.handout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What other programs read, {@code check --format json} and {@code output/status.json}, is what
 * the schemas in {@code schemas/} say, by an independent validator, with problems, stale entries
 * and missing ones in it; and the schemas refuse what the outputs must not say.
 */
class MachineReadableOutputTest {
    @TempDir
    Path dir;

    private static Schema schema(String name) throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(TestProject.REAL.resolve("schemas/" + name + ".schema.json")));
    }

    private static String out(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        return o.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkAsJsonFollowsItsSchemaWithErrorsAndWarningsInIt() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        p.replace("content/staging.yaml", "The risk group guides the treatment.", "The risk group helps decide the treatment.");
        String json = out("check", "--root", p.root().toString(), "--format", "json");
        assertTrue(json.contains("\"severity\": \"error\"") && json.contains("\"severity\": \"warning\""), json);
        assertEquals(List.of(), schema("check-report").validate(json, InputFormat.JSON), json);
        assertTrue(!schema("check-report").validate("{\"problems\": [{\"severity\": \"fatal\"}], \"errors\": -1, \"warnings\": 0}",
                InputFormat.JSON).isEmpty(), "the schema refuses an unknown severity and a negative count");
    }

    @Test
    void statusJsonFollowsItsSchemaWithStaleAndMissingEntries() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        p.replace("content/staging.yaml", "The risk group guides the treatment.", "The risk group helps decide the treatment.");
        p.setText("translations/ko.yaml", "contacts.title", "");
        Path output = dir.resolve("out");
        out("status", "--root", p.root().toString(), "--out", output.toString());
        String json = Files.readString(output.resolve("status.json"));
        assertTrue(json.contains("\"stale\": 1") && json.contains("\"missing\": 1"), json);
        assertEquals(List.of(), schema("status").validate(json, InputFormat.JSON), json);
        assertTrue(!schema("status").validate("{\"edition\": \"1 Dec\", \"languages\": [], \"staleOutputs\": {}}", InputFormat.JSON).isEmpty(),
                "the schema refuses an edition that is not a date");
    }

    @Test
    void aCommandWithoutAnotherFormatRefusesFormatInsteadOfIgnoringIt() {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"export-xliff", "--lang", "fr", "--format", "po"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("handout export-xliff: --format is not an option of export-xliff "
                        + "(it is an option of check, import-xliff, import-po); for PO: handout export-po"),
                e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anImportReportFollowsItsSchemaWithUpdatedRejectedAndStaleKeysInIt() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path po = dir.resolve("fr.po");
        out("export-po", "--root", p.root().toString(), "--lang", "fr", "--out", po.toString());
        String text = Files.readString(po);
        // one edit, one broken pattern; then the English changes under a third entry
        text = text.replaceFirst("(msgctxt \"overview.title\"\nmsgid \"[^\n]*\"\nmsgstr )\"[^\n]*\"", "$1\"Le neuroblastome, simplement\"");
        text = text.replaceFirst("(msgctxt \"overview.who.heading\"\nmsgid \"[^\n]*\"\nmsgstr )\"[^\n]*\"", "$1\"Qui {\"");
        Files.writeString(po, text);
        p.replace("content/staging.yaml", "The risk group guides the treatment.", "The risk group helps decide the treatment.");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"import-po", "--root", p.root().toString(), po.toString(), "--format", "json"},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String json = o.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, json);
        assertEquals(List.of(), schema("import-report").validate(json, InputFormat.JSON), json);
        assertTrue(json.contains("\"updated\": [\"overview.title\"]") && json.contains("\"rejected\": [\"overview.who.heading\"]")
                && json.contains("\"stale\": [\"staging.risk.groups\"]") && json.contains("\"language\": \"fr\""), json);
        // a file refused whole still gets a report: no language, nothing imported
        Files.writeString(po, "not a PO file\n");
        String refused = out("import-xliff", "--root", p.root().toString(), po.toString(), "--format", "json");
        assertEquals(List.of(), schema("import-report").validate(refused, InputFormat.JSON), refused);
        assertTrue(refused.contains("\"language\": null") && refused.contains("\"imported\": false") && refused.contains("\"errors\": 1"), refused);
        assertTrue(!schema("import-report").validate("{\"file\": \"x\", \"format\": \"csv\"}", InputFormat.JSON).isEmpty(),
                "the schema refuses an unknown format and a report without its counts");
    }

    @Test
    void anImportPrintsItsFirstFortyProblemsAndCountsTheRest() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path po = dir.resolve("de.po");
        out("export-po", "--root", p.root().toString(), "--lang", "de", "--out", po.toString());
        // every msgstr broken: one error per entry, far more than forty
        String text = Files.readString(po).replaceAll("(?m)^msgstr \"(.+)\"$", "msgstr \"$1 {\"");
        text = text.replaceFirst("msgstr \"[^\n]* \\{\"\n\"Project", "msgstr \"\"\n\"Project");
        Files.writeString(po, text);
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"import-po", "--root", p.root().toString(), po.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(e, true, StandardCharsets.UTF_8));
        String err = e.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, err);
        long shown = err.lines().filter(l -> l.matches(".*de\\.po:\\d+: (error|warning): .*")).count();
        assertEquals(TranslatorCommands.SHOWN_PROBLEMS, shown, err);
        String json = out("import-po", "--root", p.root().toString(), po.toString(), "--format", "json");
        long all = json.lines().filter(l -> l.contains("\"severity\": ")).count();
        assertTrue(all > TranslatorCommands.SHOWN_PROBLEMS, json);
        assertTrue(err.contains("... and " + (all - TranslatorCommands.SHOWN_PROBLEMS) + " more problems ("), err);
        assertTrue(err.contains("--format json lists every one"), err);
    }
}
