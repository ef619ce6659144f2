package org.handout.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code output/manifest.json}: for each PDF in the output folder, its language, leaflet, pages,
 * bytes, SHA-256 and the fingerprint of its inputs, so a release can be checked and diffed and a
 * rebuild can keep what has not changed. One PDF per line, sorted by path.
 */
public final class Manifest {
    /**
     * One PDF; {@code stale} says why it could not be rebuilt and is kept from an earlier build
     * (empty for a PDF made from the current inputs).
     */
    record Entry(String path, String language, String leaflet, int pages, long bytes, String sha256, String inputs, String stale) {
        Entry(String path, String language, String leaflet, int pages, long bytes, String sha256, String inputs) {
            this(path, language, leaflet, pages, bytes, sha256, inputs, "");
        }

        Entry asStale(String reason) {
            return new Entry(path, language, leaflet, pages, bytes, sha256, inputs, reason);
        }

        String json() {
            return String.format(java.util.Locale.ROOT,
                    "{\"path\": \"%s\", \"language\": \"%s\", \"leaflet\": \"%s\", \"pages\": %d, \"bytes\": %d, \"sha256\": \"%s\", \"inputs\": \"%s\"%s}",
                    path, language, leaflet, pages, bytes, sha256, inputs,
                    stale.isEmpty() ? "" : ", \"stale\": \"" + stale.replace("\\", "\\\\").replace("\"", "'") + "\"");
        }
    }

    private static final Pattern LINE = Pattern.compile("\\s*\\{\"path\": \"([^\"]+)\", \"language\": \"([^\"]+)\", \"leaflet\": \"([^\"]+)\", "
            + "\"pages\": (\\d+), \"bytes\": (\\d+), \"sha256\": \"([0-9a-f]{64})\", \"inputs\": \"([0-9a-f]{64})\"(?:, \"stale\": \"((?:[^\"\\\\]|\\\\.)*)\")?}[,]?\\s*");

    private final Map<String, Entry> entries = new TreeMap<>();

    /** The manifest of an output folder; empty if it has none or it cannot be read. */
    static Manifest read(Path output) {
        Manifest m = new Manifest();
        Path file = output.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            return m;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher x = LINE.matcher(line);
                if (x.matches()) {
                    m.entries.put(x.group(1), new Entry(x.group(1), x.group(2), x.group(3), Integer.parseInt(x.group(4)),
                            Long.parseLong(x.group(5)), x.group(6), x.group(7), x.group(8) == null ? "" : x.group(8).replace("\\\\", "\\")));
                }
            }
        } catch (IOException e) {
            m.entries.clear();
        }
        return m;
    }

    /** The PDFs of an output folder that are kept from an earlier build, with why each could not be rebuilt. */
    public static Map<String, String> staleIn(Path output) {
        Map<String, String> out = new TreeMap<>();
        read(output).entries.values().stream().filter(e -> !e.stale().isEmpty()).forEach(e -> out.put(e.path(), e.stale()));
        return out;
    }

    Optional<Entry> get(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    void put(Entry e) {
        entries.put(e.path(), e);
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    /** Whether the PDF at {@code output/path} is the one this manifest recorded, made from {@code inputs}. */
    boolean current(Path output, String path, String inputs) {
        Entry e = entries.get(path);
        if (e == null || !e.inputs().equals(inputs) || !e.stale().isEmpty()) {
            return false;
        }
        Path f = output.resolve(path);
        try {
            return Files.isRegularFile(f) && Files.size(f) == e.bytes() && Inputs.sha256(Files.readAllBytes(f)).equals(e.sha256());
        } catch (IOException ex) {
            return false;
        }
    }

    /**
     * Marks the PDF at {@code output/path}, if there is one, as kept from an earlier build: it is
     * left as it was, and the manifest says why it could not be rebuilt. Returns whether there was one.
     */
    boolean markStale(Path output, String path, String reason) {
        Path f = output.resolve(path);
        if (!Files.isRegularFile(f)) {
            entries.remove(path);
            return false;
        }
        Entry e = entries.get(path);
        if (e == null) {
            String[] parts = path.split("/");
            try {
                byte[] bytes = Files.readAllBytes(f);
                e = new Entry(path, parts[0], parts[1].replaceFirst("\\.pdf$", ""), 0, bytes.length, Inputs.sha256(bytes), "0".repeat(64));
            } catch (IOException ex) {
                return false;
            }
        }
        entries.put(path, e.asStale(reason));
        return true;
    }

    /** Writes the manifest (through a temporary file renamed into place). */
    void write(Path output, String tool) throws IOException {
        StringBuilder b = new StringBuilder("{\n  \"tool\": \"").append(tool.replace("\"", "")).append("\",\n  \"pdfs\": [\n");
        int i = 0;
        for (Entry e : entries.values()) {
            b.append("    ").append(e.json()).append(++i < entries.size() ? ",\n" : "\n");
        }
        b.append("  ]\n}\n");
        Files.createDirectories(output);
        Path tmp = output.resolve(".manifest.json.tmp");
        Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, output.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
