package org.handout.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The PDFs an output folder holds, as tests compare them: by path, and by path and SHA-256. */
public final class Outputs {
    private Outputs() {
    }

    /** Every PDF under {@code out}, by its path relative to it ("ar/symptoms.pdf"), sorted; empty when there is no folder. */
    public static List<String> pdfs(Path out) {
        return List.copyOf(hashes(out).keySet());
    }

    /** Every PDF under {@code out}, by its relative path, with the SHA-256 of its bytes. */
    public static Map<String, String> hashes(Path out) {
        Map<String, String> m = new TreeMap<>();
        if (!Files.isDirectory(out)) {
            return m;
        }
        try (Stream<Path> s = Files.walk(out)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".pdf")).toList()) {
                m.put(out.relativize(f).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }
}
