package org.handout.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.handout.report.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is read whole, byte for byte, once per run when cached, and never past its limit. */
class FileWorldTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsReadByteForByteWhateverItsSize() throws IOException {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 8191, 8192, 8193, 1 << 20, (6 << 20) + 3}) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Path f = dir.resolve("f" + size);
            Files.write(f, bytes);
            Problems p = new Problems();
            Optional<byte[]> got = new FileWorld(false).read(f, f.toString(), 64L << 20, Optional.empty(), p);
            assertTrue(got.isPresent(), p.sorted().toString());
            assertArrayEquals(bytes, got.get(), "size " + size);
        }
    }

    @Test
    void aFileOverItsLimitIsRefusedNamingTheLimit() throws IOException {
        Path f = dir.resolve("big.yaml");
        Files.write(f, new byte[(2 << 20) + 1]);
        Problems p = new Problems();
        assertTrue(new FileWorld(false).read(f, "translations/big.yaml", 2 << 20, Optional.empty(), p).isEmpty());
        assertEquals("translations/big.yaml: error: is larger than 2 MiB", p.sorted().get(0).toString());
    }

    @Test
    void aCachedWorldGivesEveryReaderTheBytesItReadFirst() throws IOException {
        Path f = dir.resolve("bundle.yaml");
        Files.writeString(f, "title: one\n");
        FileWorld world = new FileWorld(true);
        byte[] first = world.read(f, "bundle.yaml", 1 << 20, Optional.empty(), new Problems()).orElseThrow();
        Files.writeString(f, "title: two, longer\n");
        byte[] second = world.read(f, "bundle.yaml", 1 << 20, Optional.empty(), new Problems()).orElseThrow();
        assertArrayEquals(first, second);
        assertArrayEquals("title: two, longer\n".getBytes(), new FileWorld(false).read(f, "bundle.yaml", 1 << 20, Optional.empty(),
                new Problems()).orElseThrow());
    }
}
