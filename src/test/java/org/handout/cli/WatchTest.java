package org.handout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.handout.build.BuildOptions;
import org.handout.build.Manifest;
import org.handout.build.Workspace;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handout watch} as a translator uses it: a saved bundle is rebuilt; a broken
 * save prints its located problem and keeps the last good PDF, marked stale; the fix rebuilds it.
 */
class WatchTest {
    @TempDir
    Path dir;

    /** Output that two threads write and the test reads. */
    private static final class Sink {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            synchronized (stream) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static long waitFor(Supplier<Boolean> done, long millis) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.get()) {
            if ((System.nanoTime() - start) / 1_000_000 > millis) {
                return -1;
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aSavedBundleIsRebuiltWithinASecondAndABrokenOneShowsItsProblemAndKeepsTheLastGoodPdfStale() throws Exception {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path out = dir.resolve("out");
        Sink o = new Sink();
        Sink e = new Sink();
        BuildOptions options = new BuildOptions(List.of("fr"), List.of("symptoms"), out);
        Thread watching = new Thread(() -> new Watch(new Workspace(p.root()), options, Verbosity.NORMAL, o.stream, e.stream).run());
        watching.start();
        try {
            assertTrue(waitFor(() -> o.text().contains("(Ctrl-C to stop)"), 60_000) >= 0, o.text() + e.text());
            Path pdf = out.resolve("fr/symptoms.pdf");
            assertTrue(Files.isRegularFile(pdf));
            long before = Files.getLastModifiedTime(pdf).toMillis();
            int rounds = o.text().split("--- built", -1).length;

            // a translator saves a change
            Thread.sleep(20);
            p.setText("translations/fr.yaml", "symptoms.title", "Les signes et symptômes du neuroblastome (révisé)");
            // how soon is measured by tools/watch-latency.sh (BENCHMARKS.md), not here: a timed unit test proves nothing
            assertTrue(waitFor(() -> o.text().split("--- built", -1).length > rounds, 10_000) >= 0, "rebuilt: " + o.text() + e.text());
            assertTrue(Files.getLastModifiedTime(pdf).toMillis() >= before);

            // a broken save: the problem, located; the last good PDF kept and marked stale
            int line = p.setText("translations/fr.yaml", "symptoms.title", "Les signes {oops");
            assertTrue(waitFor(() -> e.text().contains("translations/fr.yaml:" + line), 10_000) >= 0, e.text());
            assertTrue(waitFor(() -> o.text().contains("not everything built"), 10_000) >= 0, o.text());
            assertTrue(Files.isRegularFile(pdf), "the last good PDF is kept");
            assertTrue(Manifest.staleIn(out).containsKey("fr/symptoms.pdf"), "and marked stale");

            // fixed: built again, no longer stale
            int built = o.text().split("--- built", -1).length;
            p.setText("translations/fr.yaml", "symptoms.title", "Les signes et symptômes du neuroblastome");
            assertTrue(waitFor(() -> o.text().split("--- built", -1).length > built, 10_000) >= 0, o.text() + e.text());
            assertTrue(waitFor(() -> !Manifest.staleIn(out).containsKey("fr/symptoms.pdf"), 2_000) >= 0, "no longer stale");
        } finally {
            watching.interrupt();
            watching.join(10_000);
        }
        assertEquals(false, watching.isAlive(), "Ctrl-C (an interrupt) stops it");
    }
}
