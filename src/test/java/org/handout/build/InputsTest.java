package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.handout.report.Problems;
import org.handout.world.FileWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A font is fingerprinted without being held in memory when nothing reads it (a no-op build, a
 * language that does not use it), and by the bytes a build reads when one does: a font changed in
 * between is never recorded under its old fingerprint.
 */
class InputsTest {
    @TempDir
    Path root;

    private Path font(String name, int size, int seed) throws IOException {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        Path f = root.resolve("fonts").resolve(name);
        Files.createDirectories(f.getParent());
        Files.write(f, bytes);
        return f;
    }

    @Test
    void aLargeFileIsFingerprintedByItsLengthAndCrcWhetherStreamedOrRead() throws IOException {
        Path f = font("Big.ttf", 300_000, 1);
        String streamed = new Inputs(new Workspace(root)).hash(f);
        Inputs reading = new Inputs(new Workspace(root));
        byte[] bytes = reading.read(f, "fonts/Big.ttf", 1 << 20, Optional.empty(), new Problems()).orElseThrow();
        assertEquals(FileWorld.crc(bytes), streamed);
        assertEquals(streamed, reading.hash(f));
    }

    @Test
    void aFontChangedAfterItWasFingerprintedIsFingerprintedAgainByTheBytesTheBuildRead() throws IOException {
        Path f = font("Big.ttf", 300_000, 1);
        Inputs inputs = new Inputs(new Workspace(root));
        BuildOptions options = new BuildOptions(java.util.List.of(), java.util.List.of(), root.resolve("out"));
        String before = inputs.hash(f);
        String printBefore = inputs.fingerprint("en", "symptoms", options, "A4");
        font("Big.ttf", 300_001, 2); // saved again between the no-op check and the build's read
        byte[] read = inputs.read(f, "fonts/Big.ttf", 1 << 20, Optional.empty(), new Problems()).orElseThrow();
        assertArrayEquals(Files.readAllBytes(f), read);
        assertEquals(FileWorld.crc(read), inputs.hash(f));
        assertNotEquals(before, inputs.hash(f));
        assertNotEquals(printBefore, inputs.fingerprint("en", "symptoms", options, "A4"), "the PDF's fingerprint follows the bytes read");
        assertEquals(new Inputs(new Workspace(root)).fingerprint("en", "symptoms", options, "A4"), inputs.fingerprint("en", "symptoms", options, "A4"));
    }

    @Test
    void aSmallFontIsFingerprintedByItsCrcFromAStreamAndASmallTextFileByItsSha256() throws IOException {
        Path small = font("NotoSansHebrew-Regular.ttf", 17_000, 3);
        Path text = root.resolve("fonts").resolve("fonts.yaml");
        Files.writeString(text, "chains: {}\n");
        Inputs inputs = new Inputs(new Workspace(root));
        assertEquals(FileWorld.crc(Files.readAllBytes(small)), inputs.hash(small), "a 17 KB font: length and CRC32C");
        assertEquals(Inputs.sha256(Files.readAllBytes(text)), inputs.hash(text), "a small text file: SHA-256");
        // streamed, not read: a change before the build reads it is followed, as for a large font
        font("NotoSansHebrew-Regular.ttf", 17_001, 4);
        byte[] read = inputs.read(small, "fonts/NotoSansHebrew-Regular.ttf", 1 << 20, Optional.empty(), new Problems()).orElseThrow();
        assertEquals(FileWorld.crc(read), inputs.hash(small));
    }
}
