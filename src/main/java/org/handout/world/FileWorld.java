package org.handout.world;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.handout.report.Problem;
import org.handout.report.Problems;

/**
 * A {@link World} over the file system. With {@code cached}, each file is read at most once and
 * every later reader (a loader, the fingerprint of the build) gets those same bytes; a failed read
 * is remembered too, so it is reported the same way to everyone who asks.
 */
public final class FileWorld implements World {
    private final boolean cached;
    private final Map<Path, Read> reads = new ConcurrentHashMap<>();

    /** The outcome of reading one file: its bytes, or the problem that stopped it. */
    private record Read(byte[] bytes, String message, String hint) {
    }

    public FileWorld(boolean cached) {
        this.cached = cached;
    }

    @Override
    public Optional<byte[]> read(Path file, String shown, long maxBytes, Optional<Path> confinedTo, Problems problems) {
        Path key = file.toAbsolutePath().normalize();
        // the folder a file must stay in is checked on every call: a file read once unconfined (for a
        // fingerprint) is still refused to a reader that needs it inside its folder
        Read r = confinedTo.flatMap(dir -> outside(key, dir))
                .orElseGet(() -> cached ? reads.computeIfAbsent(key, k -> load(k, maxBytes)) : load(key, maxBytes));
        if (r.bytes() == null) {
            Problem p = Problem.error(shown, 0, 0, "", r.message());
            problems.add(r.hint().isEmpty() ? p : p.withHint(r.hint()));
            return Optional.empty();
        }
        if (r.bytes().length > maxBytes) {
            problems.error(shown, 0, 0, "", "is larger than " + size(maxBytes));
            return Optional.empty();
        }
        return Optional.of(r.bytes());
    }

    /**
     * The length and CRC32C of a file ("12345:89abcdef"), as {@link #read} would give its bytes: from
     * the bytes read already when there are some, else read through a buffer and not kept
     * (a fingerprint of the 31 MB of fonts need not hold them in memory). Empty when it cannot be
     * read, is outside {@code confinedTo}, or is larger than {@code maxBytes}.
     */
    public Optional<String> crc(Path file, long maxBytes, Optional<Path> confinedTo) {
        Path key = file.toAbsolutePath().normalize();
        if (confinedTo.flatMap(dir -> outside(key, dir)).isPresent()) {
            return Optional.empty();
        }
        Read known = reads.get(key);
        if (known != null) {
            return known.bytes() == null || known.bytes().length > maxBytes ? Optional.empty() : Optional.of(crc(known.bytes()));
        }
        try {
            BasicFileAttributes a = Files.readAttributes(key, BasicFileAttributes.class);
            if (!a.isRegularFile() || a.size() > maxBytes) {
                return Optional.empty();
            }
            java.util.zip.CRC32C c = new java.util.zip.CRC32C();
            long length = 0;
            // a direct buffer: the channel reads into it without a copy, and CRC32C sums it in place
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect((int) Math.max(1, Math.min(a.size(), 256 << 10)));
            try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(key)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    buffer.flip();
                    c.update(buffer);
                    buffer.clear();
                    length += n;
                    if (length > maxBytes) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(length + ":" + Long.toHexString(c.getValue()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The length and CRC32C of {@code bytes}, as {@link #crc(Path, long, Optional)} gives them for a file. */
    public static String crc(byte[] bytes) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(bytes);
        return bytes.length + ":" + Long.toHexString(c.getValue());
    }

    /** A refusal when the file, links followed, lies outside {@code dir}; empty when it is inside, or does not exist. */
    private static Optional<Read> outside(Path file, Path dir) {
        if (!Files.exists(file)) {
            return Optional.empty(); // load says so
        }
        try {
            Path real = file.toRealPath();
            if (real.startsWith(dir.toRealPath())) {
                return Optional.empty();
            }
            return Optional.of(new Read(null, "is a link to " + real + ", outside " + dir.getFileName() + "/",
                    "put the file itself in " + dir.getFileName() + "/ instead of a link to elsewhere"));
        } catch (IOException e) {
            return Optional.of(new Read(null, "cannot be resolved: " + e.getMessage(), ""));
        }
    }

    private static Read load(Path file, long maxBytes) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new Read(null, Files.isSymbolicLink(file) ? "is a link to a file that does not exist" : "does not exist", "");
        } catch (IOException e) {
            return new Read(null, "cannot be read: " + e.getMessage(), "");
        }
        if (a.isDirectory()) {
            return new Read(null, "is a folder where a file belongs", "");
        }
        if (!a.isRegularFile()) {
            // a FIFO would block the read for ever, a device could be endless
            return new Read(null, "is a FIFO, device or socket where a file belongs; nothing was read from it", "put a plain file there");
        }
        if (a.size() > maxBytes) {
            return new Read(null, "is larger than " + size(maxBytes), "");
        }
        try (InputStream in = Files.newInputStream(file)) {
            // the size it had a moment ago, read into an array of that size (a 6 MB font is not copied
            // through growing buffers); then whatever it has grown by since, still bounded by the limit
            byte[] bytes = new byte[(int) a.size()];
            int got = in.readNBytes(bytes, 0, bytes.length);
            if (got < bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, got); // it shrank meanwhile
            } else {
                byte[] more = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8 - bytes.length, maxBytes + 1 - bytes.length));
                if (more.length > 0) {
                    byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + more.length);
                    System.arraycopy(more, 0, all, bytes.length, more.length);
                    bytes = all;
                }
            }
            return bytes.length > maxBytes ? new Read(null, "is larger than " + size(maxBytes), "") : new Read(bytes, "", "");
        } catch (IOException e) {
            return new Read(null, "cannot be read: " + e.getMessage(), "");
        }
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    @Override
    public List<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
