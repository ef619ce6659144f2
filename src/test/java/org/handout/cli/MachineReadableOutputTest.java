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
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("--format is an option of check (text or json); export-xliff has none (for PO: handout export-po)"),
                e.toString(StandardCharsets.UTF_8));
    }
}
