package org.handout.build;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.handout.report.Problem;

/**
 * The build's output folder as a place to write safely: one build at a time holds its lock, what
 * a killed build left there is removed under that lock, and every file is written whole or not at
 * all (no reader ever sees half a PDF).
 */
final class OutputFolder {
    private OutputFolder() {
    }

    /** Runs {@code work} holding the lock of an output folder, after removing what a killed build left there. */
    static BuildReport locked(Path output, Supplier<BuildReport> work) {
        Path lockFile = output.resolve(".handout.lock");
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            return new BuildReport(List.of(), Map.of(), List.of(Problem.error(output.toString(), 0, 0, "",
                    "cannot create the output folder: " + e.getMessage())), false);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             java.nio.channels.FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return new BuildReport(List.of(), Map.of(), List.of(Problem.error(output.toString(), 0, 0, "",
                        "another build is writing to this folder; nothing was written").withHint(
                        "wait for it to finish and build again, or build into another folder with --out")), false);
            }
            cleanUp(output);
            return work.get();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return new BuildReport(List.of(), Map.of(), List.of(Problem.error(output.toString(), 0, 0, "",
                    "another build in this process is writing to this folder; nothing was written")), false);
        } catch (IOException e) {
            return new BuildReport(List.of(), Map.of(), List.of(Problem.error(lockFile.toString(), 0, 0, "",
                    "cannot lock the output folder: " + e.getMessage())), false);
        }
    }

    /**
     * Removes what a build killed part-way left behind: temporary files never renamed into place.
     * Only under the lock, so they cannot belong to a build that is still running.
     */
    private static void cleanUp(Path output) {
        try (Stream<Path> s = Files.walk(output, 2)) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith(".") && f.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary file is harmless: it is never read, and never has a .pdf name
        }
    }

    /** Writes a file whole or not at all: to a temporary file on disk first, then renamed into place. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().threadId() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true); // on disk before the rename makes it visible
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
