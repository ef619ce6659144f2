package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build killed at any moment (SIGKILL, no chance to clean up) leaves no PDF in the output that
 * a reader cannot open: each is written to a temporary file and renamed into place. The next
 * build takes the lock the dead one held, removes its temporary files and finishes.
 */
class KilledBuildTest {
    @TempDir
    Path dir;

    private static Process start(Path root, Path out) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.handout.cli.Main", "build", "--force", "--root", root.toString(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void everyPdfOpens(Path out, String when) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> s = Files.walk(out)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".pdf")).toList()) {
                try (PDDocument d = Loader.loadPDF(f.toFile())) {
                    assertTrue(d.getNumberOfPages() > 0, f + " has no pages " + when);
                } catch (IOException e) {
                    throw new AssertionError(f + " cannot be opened " + when + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Every PDF the manifest calls current is on disk with the bytes it records; the rest it marks stale. */
    private static void theManifestClaimsOnlyWhatIsThere(Path out, String when) throws IOException {
        if (!Files.exists(out.resolve("manifest.json"))) {
            return;
        }
        for (var e : org.handout.testing.Manifests.entries(out).entrySet()) {
            if (e.getValue().has("stale")) {
                continue;
            }
            Path f = out.resolve(e.getKey());
            assertTrue(Files.isRegularFile(f), e.getKey() + " is claimed but absent " + when);
            assertEquals(e.getValue().get("sha256").asText(), Inputs.sha256(Files.readAllBytes(f)),
                    e.getKey() + " is claimed current but is not the PDF the manifest describes " + when);
        }
    }

    @Test
    void killingABuildAtAnyMomentLeavesNoUnreadablePdfAndAManifestThatClaimsOnlyWhatIsThere() throws Exception {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path out = dir.resolve("out");
        java.util.Random random = new java.util.Random(20261125);
        int killedWhileWriting = 0;
        for (int round = 0; round < 8; round++) {
            Process build = start(p.root(), out);
            long delay = 300 + random.nextInt(2200);
            if (!build.waitFor(delay, TimeUnit.MILLISECONDS)) {
                build.destroyForcibly();
                build.waitFor(30, TimeUnit.SECONDS);
                killedWhileWriting++;
            }
            everyPdfOpens(out, "after a kill at " + delay + " ms");
            theManifestClaimsOnlyWhatIsThere(out, "after a kill at " + delay + " ms");
        }
        assertTrue(killedWhileWriting >= 4, "most builds should have been killed part-way: " + killedWhileWriting);
        Process finish = start(p.root(), out);
        assertTrue(finish.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, finish.exitValue(), "the next build takes the dead one's lock and finishes");
        everyPdfOpens(out, "after a full build");
        try (Stream<Path> s = Files.walk(out)) {
            List<Path> leftovers = s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), leftovers, "temporary files of killed builds are cleaned up");
        }
        try (Stream<Path> s = Files.walk(out)) {
            assertEquals(org.handout.testing.TestProject.PDF_COUNT, s.filter(f -> f.toString().endsWith(".pdf")).count());
        }
    }

    @Test
    void aSecondBuildIntoTheSameFolderWaitsItsTurnWithAClearMessage() throws Exception {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(out.resolve(".handout.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = ch.lock()) {
            String javaBin = ProcessHandle.current().info().command().orElse("java");
            Process second = new ProcessBuilder(javaBin, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    "org.handout.cli.Main", "build", "--lang", "fr", "--root", p.root().toString(), "--out", out.toString())
                    .redirectErrorStream(true).start();
            String said = new String(second.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, second.exitValue(), said);
            assertTrue(said.contains("error: another build is writing to this folder; nothing was written"), said);
            assertTrue(said.contains("hint: wait for it to finish and build again, or build into another folder with --out"), said);
        }
        try (Stream<Path> s = Files.walk(out)) {
            assertEquals(0, s.filter(f -> f.toString().endsWith(".pdf")).count(), "the second build wrote nothing");
        }
    }
}
