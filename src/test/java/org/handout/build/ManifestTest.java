package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.handout.testing.Cli;
import org.handout.testing.Manifests;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code manifest.json} is what its documented schema says, by an independent validator (networknt's
 * JSON Schema validator, draft 2020-12), with current, stale and draft PDFs in it; a manifest that
 * cannot be read describes nothing: it is reported and every PDF is built again.
 */
class ManifestTest {
    @TempDir
    Path dir;

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(TestProject.REAL.resolve("docs/manifest.schema.json")));
    }

    @Test
    void everyManifestFollowsItsSchemaCurrentStaleAndDraftEntriesAlike() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path out = dir.resolve("out");
        assertEquals(0, Cli.run("build", "--root", p.root().toString(), "--lang", "en,fr", "--out", out.toString()).code());
        p.setText("translations/fr.yaml", "common.page", "Page {page} sur {pages");
        assertEquals(1, Cli.run("build", "--root", p.root().toString(), "--lang", "en,fr", "--out", out.toString()).code());
        assertEquals(0, Cli.run("build", "--root", p.root().toString(), "--lang", "sw", "--draft", "--leaflet", "overview",
                "--out", out.toString()).code());
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"stale\"") && manifest.contains("\"draft\" : true"), manifest);
        assertEquals(List.of(), schema().validate(manifest, InputFormat.JSON), manifest);
        assertEquals(2 * org.handout.testing.TestProject.LEAFLET_COUNT + 1, Manifests.entries(out).size());
    }

    @Test
    void theSchemaRefusesWhatTheManifestMustNotSay() throws IOException {
        String bad = """
                {"tool": "handout 0.1.0", "format": 1, "pdfs": [{"path": "../etc/overview.pdf", "language": "en", "leaflet": "overview",
                 "pages": 2, "bytes": 10, "sha256": "no", "inputs": "%s", "stale": ""}]}
                """.formatted("0".repeat(64));
        assertEquals(3, schema().validate(bad, InputFormat.JSON).size(), "a path out of its folder, a bad hash, an empty stale reason");
    }

    @Test
    void aDamagedManifestIsReportedAndEveryPdfIsBuiltAgain() throws IOException {
        Path out = dir.resolve("out");
        String root = TestProject.REAL.toString();
        assertEquals(0, Cli.run("build", "--root", root, "--lang", "en", "--leaflet", "overview", "--out", out.toString()).code());
        Files.writeString(out.resolve("manifest.json"), "{\"tool\": \"handout\", \"pdfs\": [{\"path\": \"en/overview.pdf\"");
        Cli.Run r = Cli.run("build", "--root", root, "--lang", "en", "--leaflet", "overview", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("manifest.json: warning: cannot be read (") && r.err().contains("); every PDF is built again"), r.err());
        assertTrue(r.out().contains("en       1 of 1 leaflets,"), "built again, not taken as up to date: " + r.out());
        assertEquals(List.of("en/overview.pdf"), List.copyOf(Manifests.entries(out).keySet()));
        assertEquals(List.of(), schema().validate(Files.readString(out.resolve("manifest.json")), InputFormat.JSON));
    }
}
