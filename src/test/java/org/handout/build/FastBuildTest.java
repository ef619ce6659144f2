package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel, incremental and sharded builds give exactly the bytes of a plain sequential build. */
class FastBuildTest {
    @TempDir
    Path dir;

    private static String build(Workspace ws, BuildOptions options) {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BuildReport r = new Pipeline(ws, new PrintStream(progress, true, StandardCharsets.UTF_8)).build(options);
        assertTrue(r.problems().stream().noneMatch(p -> p.isError()), r.problems().toString());
        return progress.toString(StandardCharsets.UTF_8);
    }


    @Test
    void aParallelBuildGivesTheBytesOfASequentialOne() throws IOException {
        Workspace ws = new Workspace(TestProject.REAL);
        Path one = dir.resolve("one");
        Path four = dir.resolve("four");
        build(ws, new BuildOptions(List.of("ar", "hi", "ja", "de"), List.of(), one).withJobs(1));
        build(ws, new BuildOptions(List.of("ar", "hi", "ja", "de"), List.of(), four).withJobs(4));
        assertEquals(4 * org.handout.testing.TestProject.LEAFLET_COUNT, org.handout.testing.Outputs.hashes(one).size());
        assertEquals(org.handout.testing.Outputs.hashes(one), org.handout.testing.Outputs.hashes(four));
    }

    @Test
    void aRebuildKeepsWhatHasNotChangedAndRebuildsOnlyWhatHas() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Workspace ws = new Workspace(p.root());
        Path out = dir.resolve("out");
        BuildOptions options = new BuildOptions(List.of("en", "fr", "ru"), List.of(), out);
        build(ws, options);
        Map<String, String> first = org.handout.testing.Outputs.hashes(out);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        for (String f : first.keySet()) {
            Files.setLastModifiedTime(out.resolve(f), old);
        }
        String again = build(ws, options);
        assertTrue(again.contains("fr       " + TestProject.LEAFLET_COUNT + " of " + TestProject.LEAFLET_COUNT + " leaflets up to date"), again);
        for (String f : first.keySet()) {
            assertEquals(old, Files.getLastModifiedTime(out.resolve(f)), f + " was written again");
        }
        p.setText("translations/fr.yaml", "overview.what.children", "Il touche surtout les bébés et les jeunes enfants.");
        String changed = build(ws, options);
        assertTrue(changed.contains("fr       " + TestProject.LEAFLET_COUNT + " of " + TestProject.LEAFLET_COUNT + " leaflets,"), changed);
        assertTrue(changed.contains("ru       " + TestProject.LEAFLET_COUNT + " of " + TestProject.LEAFLET_COUNT + " leaflets up to date"), changed);
        assertEquals(old, Files.getLastModifiedTime(out.resolve("ru/overview.pdf")), "Russian did not change");
        assertTrue(!old.equals(Files.getLastModifiedTime(out.resolve("fr/overview.pdf"))), "French changed");
        String forced = build(ws, options.withForce(true));
        assertTrue(forced.contains("ru       " + TestProject.LEAFLET_COUNT + " of " + TestProject.LEAFLET_COUNT + " leaflets,"), forced);
    }

    @Test
    void theManifestDescribesEveryPdfItsPagesBytesAndHash() throws IOException {
        Path out = dir.resolve("out");
        build(new Workspace(TestProject.REAL), new BuildOptions(List.of("he", "ko"), List.of(), out));
        Manifest m = Manifest.read(out);
        assertEquals(2 * org.handout.testing.TestProject.LEAFLET_COUNT, m.entries().size());
        for (Manifest.Entry e : m.entries()) {
            Path f = out.resolve(e.path());
            assertEquals(Files.size(f), e.bytes(), e.path());
            assertEquals(Inputs.sha256(Files.readAllBytes(f)), e.sha256(), e.path());
            assertEquals(e.language() + "/" + e.leaflet() + ".pdf", e.path());
            try (var d = org.apache.pdfbox.Loader.loadPDF(f.toFile())) {
                assertEquals(d.getNumberOfPages(), e.pages(), e.path());
            }
            assertTrue(e.inputs().matches("[0-9a-f]{64}"));
        }
        var json = org.handout.testing.Manifests.entries(out);
        assertEquals(2 * org.handout.testing.TestProject.LEAFLET_COUNT, json.size());
        assertEquals("he", json.get("he/contacts.pdf").get("language").asText());
        assertEquals("contacts", json.get("he/contacts.pdf").get("leaflet").asText());
    }

    @Test
    void theShardsOfAMatrixCoverItExactlyOnceAndGiveTheSameBytes() throws IOException {
        Workspace ws = new Workspace(TestProject.REAL);
        List<String> langs = List.of("en", "ar", "bn", "de", "es", "th", "zh-Hans");
        Path full = dir.resolve("full");
        build(ws, new BuildOptions(langs, List.of(), full));
        Map<String, String> all = org.handout.testing.Outputs.hashes(full);
        assertEquals(7 * org.handout.testing.TestProject.LEAFLET_COUNT, all.size());
        Map<String, String> union = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Path out = dir.resolve("shard" + k);
            build(ws, new BuildOptions(langs, List.of(), out).withShard(new BuildOptions.Shard(k, 3)));
            Map<String, String> part = org.handout.testing.Outputs.hashes(out);
            sizes.add(part.size());
            for (String f : part.keySet()) {
                assertTrue(seen.add(f), f + " is in two shards");
            }
            union.putAll(part);
        }
        assertEquals(all, union, "the shards together are the full build, byte for byte");
        assertTrue(sizes.stream().allMatch(n -> n >= 4), "each shard has a fair part: " + sizes);
        for (int i = 0; i < 500; i++) {
            String tag = "qaa-x-" + i;
            int owners = 0;
            for (int k = 1; k <= 7; k++) {
                owners += new BuildOptions.Shard(k, 7).includes(tag, "overview") ? 1 : 0;
            }
            assertEquals(1, owners, tag + " belongs to exactly one of 7 shards");
        }
        assertEquals(java.util.Optional.empty(), BuildOptions.Shard.parse("4/3"));
    }
}
