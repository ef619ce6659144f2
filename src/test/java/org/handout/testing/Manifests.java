package org.handout.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** An output folder's {@code manifest.json} as a tool would read it: with a JSON library, by path. */
public final class Manifests {
    private Manifests() {
    }

    /** Each PDF's entry by its path ("ru/symptoms.pdf"). */
    public static Map<String, JsonNode> entries(Path output) {
        try {
            JsonNode root = new ObjectMapper().readTree(output.resolve("manifest.json").toFile());
            Map<String, JsonNode> out = new TreeMap<>();
            root.get("pdfs").forEach(e -> out.put(e.get("path").asText(), e));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why the PDF at {@code path} is stale, or "" when the manifest says it is current (or has no such PDF). */
    public static String stale(Path output, String path) {
        JsonNode e = entries(output).get(path);
        return e == null || !e.has("stale") ? "" : e.get("stale").asText();
    }
}
