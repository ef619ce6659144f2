package org.handout.build;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code manifest.json} of an output folder: for each PDF in it, its language, leaflet, pages,
 * bytes, SHA-256 and the fingerprint of its inputs, whether it is a draft, and, for a PDF kept from
 * an earlier build because it could not be rebuilt, why ({@code stale}). A release can be checked
 * and diffed with it and a rebuild keeps what has not changed. Read and written with Jackson's
 * streaming API; the schema is {@code docs/manifest.schema.json}. It never claims a PDF it does
 * not describe: a build marks what it is about to rewrite as stale before it writes anything
 * ({@link Pipeline}), so a build killed part-way leaves those marked.
 */
public final class Manifest {
    /** The inputs fingerprint of a PDF that is never current (a draft, one found without an entry): no inputs are ever this. */
    static final String NO_INPUTS = "0".repeat(64);
    /** Written in every manifest: the schema its readers can rely on. */
    static final int FORMAT = 1;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(1 << 16).build()).build();
    /** A manifest larger than this is not one of ours (56 PDFs take 12 KB; a thousand, 250 KB). */
    private static final long MAX_BYTES = 16L << 20;

    /**
     * One PDF; {@code stale} says why it could not be rebuilt and is kept from an earlier build
     * (empty for a PDF made from the current inputs); {@code draft} for a {@code --draft} build.
     */
    record Entry(String path, String language, String leaflet, int pages, long bytes, String sha256, String crc32c, String inputs,
                 String stale, boolean draft) {
        /** A PDF made now, from its bytes. */
        Entry(String path, String language, String leaflet, int pages, byte[] pdf, String inputs) {
            this(path, language, leaflet, pages, pdf.length, Inputs.sha256(pdf), Manifest.crc32c(pdf), inputs, "", false);
        }

        Entry asStale(String reason) {
            return new Entry(path, language, leaflet, pages, bytes, sha256, crc32c, inputs, reason, draft);
        }

        Entry asDraft() {
            return new Entry(path, language, leaflet, pages, bytes, sha256, crc32c, inputs, stale, true);
        }
    }

    /**
     * The CRC32C of a PDF's bytes, 8 hex digits: what a rebuild checks to know the file is still
     * the one described (9 ms for the 217 PDFs, where their SHA-256 takes 88 ms in the launcher's
     * short-run mode); the SHA-256 stays for releases and for {@code merge}.
     */
    static String crc32c(byte[] bytes) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(bytes);
        return String.format(java.util.Locale.ROOT, "%08x", c.getValue());
    }

    private final Map<String, Entry> entries = new TreeMap<>();
    private String unreadable = "";

    /** The manifest of an output folder; empty if it has none or it cannot be read ({@link #unreadable()} says why). */
    static Manifest read(Path output) {
        Manifest m = new Manifest();
        Path file = output.resolve("manifest.json");
        if (!Files.exists(file)) {
            return m;
        }
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                m.unreadable = "not a manifest file";
                return m;
            }
            try (JsonParser p = JSON.createParser(Files.readAllBytes(file))) {
                expect(p.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("pdfs")) {
                        expect(p.currentToken() == JsonToken.START_ARRAY, "'pdfs' is not a list");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            Entry e = entry(p);
                            m.entries.put(e.path(), e);
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException | IllegalStateException e) {
            // a damaged manifest describes nothing: every PDF is rebuilt or marked stale afresh
            m.entries.clear();
            m.unreadable = e.getMessage();
        }
        return m;
    }

    private static Entry entry(JsonParser p) throws IOException {
        String path = null, language = null, leaflet = null, sha = null, crc = "", inputs = null, stale = "";
        int pages = -1;
        long bytes = -1;
        boolean draft = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "path" -> path = p.getValueAsString();
                case "language" -> language = p.getValueAsString();
                case "leaflet" -> leaflet = p.getValueAsString();
                case "pages" -> pages = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                case "bytes" -> bytes = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                case "sha256" -> sha = p.getValueAsString();
                case "crc32c" -> crc = p.getValueAsString("");
                case "inputs" -> inputs = p.getValueAsString();
                case "stale" -> stale = p.getValueAsString("");
                case "draft" -> draft = t == JsonToken.VALUE_TRUE;
                default -> p.skipChildren();
            }
        }
        expect(path != null && path.matches("[^/\\\\]+/[^/\\\\]+\\.pdf") && !path.contains(".."), "an entry has no valid 'path'");
        expect(language != null && leaflet != null && pages >= 0 && bytes >= 0, "the entry for " + path + " is incomplete");
        expect(sha != null && sha.matches("[0-9a-f]{64}") && inputs != null && inputs.matches("[0-9a-f]{64}"),
                "the entry for " + path + " has no valid 'sha256' or 'inputs'");
        expect(crc.isEmpty() || crc.matches("[0-9a-f]{8}"), "the entry for " + path + " has no valid 'crc32c'");
        return new Entry(path, language, leaflet, pages, bytes, sha, crc, inputs, stale, draft);
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    /** Why the manifest there could not be read (empty when it could, or there was none). */
    String unreadable() {
        return unreadable;
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
        if (e == null || !e.inputs().equals(inputs) || !e.stale().isEmpty() || e.draft()) {
            return false;
        }
        Path f = output.resolve(path);
        try {
            if (!Files.isRegularFile(f) || Files.size(f) != e.bytes()) {
                return false;
            }
            byte[] bytes = Files.readAllBytes(f);
            // a manifest written before the CRC32C was recorded is checked by its SHA-256
            return e.crc32c().isEmpty() ? Inputs.sha256(bytes).equals(e.sha256()) : crc32c(bytes).equals(e.crc32c());
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
                e = new Entry(path, parts[0], parts[1].replaceFirst("\\.pdf$", ""), 0, bytes, NO_INPUTS);
            } catch (IOException ex) {
                return false;
            }
        }
        entries.put(path, e.asStale(reason));
        return true;
    }

    /** The manifest as JSON: the tool, the format, and one object per PDF sorted by path. */
    byte[] json(String tool) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n")));
            g.writeStartObject();
            g.writeStringField("tool", tool);
            g.writeNumberField("format", FORMAT);
            g.writeArrayFieldStart("pdfs");
            for (Entry e : entries.values()) {
                g.writeStartObject();
                g.writeStringField("path", e.path());
                g.writeStringField("language", e.language());
                g.writeStringField("leaflet", e.leaflet());
                g.writeNumberField("pages", e.pages());
                g.writeNumberField("bytes", e.bytes());
                g.writeStringField("sha256", e.sha256());
                if (!e.crc32c().isEmpty()) {
                    g.writeStringField("crc32c", e.crc32c());
                }
                g.writeStringField("inputs", e.inputs());
                if (e.draft()) {
                    g.writeBooleanField("draft", true);
                }
                if (!e.stale().isEmpty()) {
                    g.writeStringField("stale", e.stale());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Writes the manifest through a temporary file renamed into place: a reader sees the old one or the new one, whole. */
    void write(Path output, String tool) throws IOException {
        Files.createDirectories(output);
        Path tmp = output.resolve(".manifest.json." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.write(tmp, json(tool));
            Files.move(tmp, output.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
