package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.handout.i18n.Languages;
import org.handout.report.Problems;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input comes in through one door, once: what a build fingerprints is the bytes it built
 * from, so a file edited while a build runs is never recorded under the wrong fingerprint; the next
 * build reads it afresh.
 */
class OneDoorTest {
    @TempDir
    Path dir;

    @Test
    void whatIsFingerprintedIsWhatWasReadNotWhatIsOnDiskLater() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Workspace ws = new Workspace(p.root(), Optional.empty());
        BuildOptions options = new BuildOptions(List.of("fr"), List.of("overview"), dir.resolve("out"));
        String fingerprint = new Inputs(ws).fingerprint("fr", "overview", options, "A4");
        Inputs run = new Inputs(ws);
        Project project = Project.load(ws, run);
        // someone saves the bundle after the build has read it, before it records what it built
        p.setText("translations/fr.yaml", "overview.what.children", "Il touche les bébés et les enfants, presque toujours.");
        assertEquals(fingerprint, run.fingerprint("fr", "overview", options, "A4"), "the run records the bytes it read");
        Languages.Resolution fr = project.languages().resolve("fr");
        String composed = project.compose("overview", fr, new Problems()).orElseThrow().outline();
        assertTrue(!composed.contains("presque toujours"), "and builds what it fingerprinted");
        assertNotEquals(fingerprint, new Inputs(ws).fingerprint("fr", "overview", options, "A4"), "the next run reads the edit");
    }

    @Test
    void eachFileIsReadOncePerRun() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Workspace ws = new Workspace(p.root(), Optional.empty());
        Inputs run = new Inputs(ws);
        Path file = p.root().resolve("content/overview.yaml");
        byte[] first = run.read(file, "content/overview.yaml", 1 << 20, new Problems()).orElseThrow();
        Files.writeString(file, "leaflet: overview\n");
        byte[] second = run.read(file, "content/overview.yaml", 1 << 20, new Problems()).orElseThrow();
        assertEquals(new String(first), new String(second));
    }
}
