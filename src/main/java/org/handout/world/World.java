package org.handout.world;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.handout.report.Problems;

/**
 * The one door through which a run reads its inputs (in the manner of Typst's {@code World}): every
 * loader asks it for a file's bytes instead of reading the file system itself, so each input is
 * read once per run, what is fingerprinted is exactly what was used, and a file that is not a
 * plain file (a folder, a FIFO, a device) or a link leading out of its folder is a located
 * problem, never a hang or a leak.
 */
public interface World {
    /**
     * The bytes of an input file, read once: later calls for the same file give the same bytes.
     * A file that is missing, is not a regular file, is larger than {@code maxBytes}, or (when
     * {@code confinedTo} is given) resolves through a link to somewhere outside that folder is
     * reported as a problem at {@code shown}, and gives empty.
     */
    Optional<byte[]> read(Path file, String shown, long maxBytes, Optional<Path> confinedTo, Problems problems);

    /** {@link #read(Path, String, long, Optional, Problems)} with no folder to stay in. */
    default Optional<byte[]> read(Path file, String shown, long maxBytes, Problems problems) {
        return read(file, shown, maxBytes, Optional.empty(), problems);
    }

    /** The entries of a folder whose names end with {@code suffix}, sorted by name; empty when it is not a folder. */
    List<Path> list(Path dir, String suffix);

    /** A world that reads the file system as it is, each call afresh, with no cache: for tests and one-off tools. */
    static World plain() {
        return new FileWorld(false);
    }
}
