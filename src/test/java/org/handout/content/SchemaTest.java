package org.handout.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The JSON Schemas in {@code schemas/}, with which an editor (the YAML language server) completes and
 * checks a file as it is typed, accept every shipped file, by an independent validator (networknt's,
 * draft 2020-12): a schema that refused a file handout reads would mark a correct file wrong in
 * every author's editor. Every shipped file names its schema on its first line (a new bundle from {@code handout init} too),
 * so an editor finds it. And the schemas can fail: each refuses a mistake the loaders refuse.
 */
class SchemaTest {
    private static final Path ROOT = TestProject.REAL;
    /** The schemas' ids, each ending in its file's name: a relative {@code $ref} (snippets to leaflet) names the file beside it. */
    private static final String BASE = "https://handout.invalid/schemas/";
    /** Reads a schema by its id from schemas/, never from the network. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas(id -> id.startsWith(BASE) ? read(ROOT.resolve("schemas").resolve(id.substring(BASE.length()))) : null));

    private static Schema schema(String name) {
        return REGISTRY.getSchema(SchemaLocation.of(BASE + name + ".schema.json"));
    }

    /** The YAML as handout's files are read (YAML 1.2), as JSON: numbers and booleans stay what YAML makes them. */
    private static String json(String yaml) {
        Object value = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        try {
            ObjectMapper mapper = new ObjectMapper();
            return mapper.writeValueAsString(mapper.valueToTree(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Error> errors(String schema, String yaml) {
        return schema(schema).validate(json(yaml), InputFormat.JSON);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> yamlIn(String folder) {
        try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema of a content file: common.yaml and snippets.yaml have their own, every other file is a leaflet. */
    private static String contentSchema(Path file) {
        return switch (file.getFileName().toString()) {
            case "common.yaml" -> "common";
            case "snippets.yaml" -> "snippets";
            default -> "leaflet";
        };
    }

    private record Shipped(Path file, String schema) {
        String shown() {
            return ROOT.relativize(file).toString();
        }
    }

    /** Every shipped content, clinic and font file, with the schema it follows. */
    private static List<Shipped> namingTheirSchema() {
        List<Shipped> out = new ArrayList<>();
        yamlIn("content").forEach(f -> out.add(new Shipped(f, contentSchema(f))));
        yamlIn("clinics").forEach(f -> out.add(new Shipped(f, "clinic")));
        out.add(new Shipped(ROOT.resolve("fonts/fonts.yaml"), "fonts"));
        yamlIn("translations").forEach(f -> out.add(new Shipped(f, "bundle")));
        return out;
    }

    /** Every shipped file: content, clinics, fonts and translation bundles. */
    private static List<Shipped> shipped() {
        return namingTheirSchema();
    }

    @TestFactory
    Stream<DynamicTest> everyShippedFileFollowsItsSchema() {
        return shipped().stream().map(s -> DynamicTest.dynamicTest(s.shown() + " follows " + s.schema() + ".schema.json",
                () -> assertEquals(List.of(), errors(s.schema(), read(s.file())).stream().map(Error::toString).toList())));
    }

    @TestFactory
    Stream<DynamicTest> everyShippedFileNamesItsSchemaOnItsFirstLine() {
        return namingTheirSchema().stream().map(s -> DynamicTest.dynamicTest(s.shown() + " names " + s.schema() + ".schema.json",
                () -> assertEquals("# yaml-language-server: $schema=../schemas/" + s.schema() + ".schema.json",
                        read(s.file()).lines().findFirst().orElse(""), s.shown() + ": the first line tells an editor which schema to use")));
    }

    private static final String LEAFLET = """
            leaflet: tests
            revised: "2026-12-01"
            title: "Tests your child may have"
            sections:
              - id: scans
                heading: "Scans"
                blocks:
                  - paragraph: intro
                    text: "A <b>CT scan</b> shows the tumor in detail."
                  - table: tests
                    columns:
                      - {id: test, header: "Test", width: 1}
                    rows:
                      - {id: blood, cells: {test: "Blood tests"}}
                  - callout: call
                    kind: doctor
                    title: "When to call your child's doctor"
                    blocks:
                      - paragraph: fever
                        text: "Call if your child has a fever."
            """;

    /** The valid leaflet above with {@code from} replaced by {@code to}; the replacement must be there. */
    private static String leafletWith(String from, String to) {
        assertEquals(List.of(), errors("leaflet", LEAFLET), "the leaflet every mistake is made in is valid itself");
        String changed = LEAFLET.replace(from, to);
        assertFalse(changed.equals(LEAFLET), "the mistake is made");
        return changed;
    }

    @Test
    void aBlockWithTwoKindKeysIsRefused() {
        String yaml = leafletWith("- paragraph: intro\n", "- paragraph: intro\n        heading: intro\n");
        assertFalse(errors("leaflet", yaml).isEmpty(), "a block is exactly one kind");
    }

    @Test
    void anUnknownFieldIsRefused() {
        assertFalse(errors("leaflet", leafletWith("revised:", "colour: blue\nrevised:")).isEmpty(), "at the top of a leaflet");
        assertFalse(errors("leaflet", leafletWith("text: \"Call", "txet: \"Call")).isEmpty(), "in a nested block");
    }

    @Test
    void aTableColumnWithoutAHeaderIsRefused() {
        assertFalse(errors("leaflet", leafletWith("{id: test, header: \"Test\", width: 1}", "{id: test, width: 1}")).isEmpty());
    }

    @Test
    void aCalloutKindThatDoesNotExistIsRefused() {
        assertFalse(errors("leaflet", leafletWith("kind: doctor", "kind: nurse")).isEmpty(), "the kinds are note, warning and doctor");
    }

    @Test
    void theSnippetsSchemaChecksItsBlocksWithTheLeafletSchemas() {
        String snippets = """
                data:
                  nci: {link: "https://www.cancer.gov"}
                snippets:
                  - definitions: words
                    items:
                      - {id: tumor, term: "tumor", meaning: "a lump of cancer cells"}
                """;
        assertEquals(List.of(), errors("snippets", snippets).stream().map(Error::toString).toList());
        assertFalse(errors("snippets", snippets.replace("meaning:", "means:")).isEmpty(), "a definition's fields, from leaflet.schema.json");
        assertFalse(errors("snippets", snippets.replace("- definitions: words", "- include: words")).isEmpty(), "a snippet includes no snippet");
    }

    private static final String BUNDLE = """
            language: de
            translation: {from: en, edition: "2026-12-01", method: "Draft translation", status: draft}
            messages:
              tests.scans.heading: {source: "Scans", text: "Aufnahmen"}
            """;

    @Test
    void aBundleEntryWithoutItsSourceIsRefused() {
        assertEquals(List.of(), errors("bundle", BUNDLE).stream().map(Error::toString).toList());
        assertFalse(errors("bundle", BUNDLE.replace("source: \"Scans\", ", "")).isEmpty(),
                "without the English it was translated from, a changed English could not make the entry out of date");
    }

    private static final String FONTS = """
            faces:
              sans: {regular: NotoSans-Regular.ttf, bold: NotoSans-Bold.ttf}
            chains:
              default: [sans]
            """;

    @Test
    void aFontsFaceWithoutBoldIsRefused() {
        assertEquals(List.of(), errors("fonts", FONTS).stream().map(Error::toString).toList());
        assertFalse(errors("fonts", FONTS.replace(", bold: NotoSans-Bold.ttf", "")).isEmpty(), "every face has a bold");
    }
}
