package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.handout.testing.Cli;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CI matrix as docs/ci/ sets it up: shards built as separate processes (as separate runners
 * would), merged with {@code handout merge}; the merged folder must be what one build writes, every
 * edition's manifest and every PDF's bytes. A tampered or disagreeing shard stops the merge, and the
 * CI examples use only command lines the tool accepts.
 */
class ShardMergeTest {
    @TempDir
    Path dir;

    static final List<String> SUBSET = List.of("--lang", "es,ar,hi,zh-Hans", "--leaflet", "symptoms,contacts,staging");

    /** {@code handout ARGS} in a JVM of its own, as a CI runner would start it. */
    private static void handout(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.handout.cli.Main"));
        command.addAll(args);
        command.addAll(List.of("--root", TestProject.REAL.toString(), "-q"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the process finished");
        assertEquals(0, p.exitValue(), String.join(" ", args) + ": " + said);
    }

    private static void buildEditions(Path out, String shard) throws IOException, InterruptedException {
        List<String> national = new ArrayList<>(List.of("build", "--out", out.toString()));
        national.addAll(SUBSET);
        List<String> clinic = new ArrayList<>(national);
        clinic.addAll(List.of("--clinic", "riverside"));
        if (!shard.isEmpty()) {
            national.addAll(List.of("--shard", shard));
            clinic.addAll(List.of("--shard", shard));
        }
        handout(national);
        handout(clinic);
    }

    /** Every PDF under a folder, by its path in it, with its bytes' SHA-256. */
    private static Map<String, String> pdfs(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(f -> f.toString().endsWith(".pdf")).toList()) {
                out.put(root.relativize(f).toString(), Inputs.sha256(Files.readAllBytes(f)));
            }
        }
        return out;
    }

    private static JsonNode pdfsOf(Path manifest) throws IOException {
        return new ObjectMapper().readTree(manifest.toFile()).get("pdfs");
    }

    @Test
    void shardsBuiltAsSeparateProcessesMergeIntoWhatOneBuildWrites() throws Exception {
        Path single = dir.resolve("single");
        buildEditions(single, "");
        List<String> shards = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Path shard = dir.resolve("shard-" + k);
            buildEditions(shard, k + "/3");
            shards.add(shard.toString());
        }
        // each PDF in exactly one shard
        int inShards = 0;
        for (String s : shards) {
            inShards += pdfs(Path.of(s)).size();
        }
        assertEquals(pdfs(single).size(), inShards, "the shards split the PDFs, none twice");

        Path merged = dir.resolve("merged");
        List<String> args = new ArrayList<>(List.of("merge"));
        args.addAll(shards);
        args.addAll(List.of("--out", merged.toString(), "--root", TestProject.REAL.toString()));
        Cli.Run r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertEquals(24 + " PDFs from 3 shards merged into " + merged + "\n", r.out());
        assertEquals(pdfs(single), pdfs(merged), "the same PDFs, byte for byte");
        assertEquals(pdfsOf(single.resolve("manifest.json")), pdfsOf(merged.resolve("manifest.json")), "the national edition's manifest");
        assertEquals(pdfsOf(single.resolve("clinics/riverside/manifest.json")), pdfsOf(merged.resolve("clinics/riverside/manifest.json")),
                "the clinic edition's manifest");
        // and the merged folder is current: a build there has nothing to do
        Cli.Run again = Cli.run("build", "--root", TestProject.REAL.toString(), "--out", merged.toString(), SUBSET.get(0), SUBSET.get(1),
                SUBSET.get(2), SUBSET.get(3));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 PDFs written"), again.out());

        // a shard whose PDF is not what its manifest says: nothing is merged
        Path tampered = Path.of(shards.get(0)).resolve(pdfs(Path.of(shards.get(0))).keySet().iterator().next());
        byte[] bytes = Files.readAllBytes(tampered);
        bytes[bytes.length / 2] ^= 1;
        Files.write(tampered, bytes);
        Path refused = dir.resolve("refused");
        List<String> again2 = new ArrayList<>(args);
        again2.set(again2.indexOf(merged.toString()), refused.toString());
        Cli.Run bad = Cli.run(again2.toArray(String[]::new));
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("its bytes are not the ones its shard's manifest describes"), bad.err());
        assertTrue(bad.err().contains("handout merge: nothing was merged"), bad.err());
        assertFalse(Files.exists(refused), "nothing written");
    }

    @Test
    void twoShardsThatMadeOnePdfDifferentlyStopTheMerge() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, Cli.run("build", "--root", TestProject.REAL.toString(), "--lang", "es", "--leaflet", "symptoms", "--out", a.toString(), "-q").code());
        assertEquals(0, Cli.run("build", "--root", TestProject.REAL.toString(), "--lang", "es", "--leaflet", "symptoms", "--paper", "letter",
                "--out", b.toString(), "-q").code());
        Cli.Run r = Cli.run("merge", a.toString(), b.toString(), "--out", dir.resolve("m").toString(), "--root", TestProject.REAL.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("two shards made es/symptoms.pdf with different bytes"), r.err());
        assertFalse(Files.exists(dir.resolve("m")));
        assertEquals(2, Cli.run("merge", "--root", TestProject.REAL.toString()).code(), "no shards named");
    }

    @Test
    void theCiExamplesUseOnlyCommandLinesTheToolAccepts() throws Exception {
        int commands = 0;
        for (String file : List.of("docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml")) {
            String text = Files.readString(TestProject.REAL.resolve(file));
            // it is YAML
            new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(text);
            Matcher m = Pattern.compile("\\./handout ([^\\n;]+)").matcher(text);
            while (m.find()) {
                String line = m.group(1).replace("${{ matrix.shard }}", "1").replace("${CI_NODE_INDEX}", "1").replace("${CI_NODE_TOTAL}", "4")
                        .replace("\"$(basename \"$profile\" .yaml)\"", "riverside").strip();
                List<String> words = new ArrayList<>(List.of(line.split("\\s+")));
                String name = words.remove(0);
                org.handout.cli.CommandsForTests.parse(name, words);
                commands++;
            }
        }
        assertTrue(commands >= 10, "the examples were read: " + commands);
    }
}
