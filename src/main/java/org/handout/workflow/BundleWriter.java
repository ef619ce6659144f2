package org.handout.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.handout.i18n.Origin;

/**
 * Writes the messages of a bundle file, one entry per key in the English order, keeping
 * everything above {@code messages:} (the reviewer's notes, the language and translation header)
 * exactly as it was. Used by {@code init}, {@code accept}, {@code import-xliff} and {@code import-po}.
 */
public final class BundleWriter {
    private BundleWriter() {
    }

    /** One entry to write. */
    /**
     * A bundle's entries as a writer keeps them: those of the English's strings in the English's
     * order, then any others the bundle has (an import reports those; they are not lost).
     */
    public static java.util.Map<String, Entry> entries(org.handout.i18n.Bundle bundle, java.util.Map<String, org.handout.content.Message> english) {
        java.util.Map<String, Entry> entries = new java.util.LinkedHashMap<>();
        for (org.handout.content.Message m : english.values()) {
            bundle.origin(m.key()).ifPresent(o -> entries.put(m.key(), Entry.of(m.key(), o)));
        }
        bundle.origins().forEach((k, o) -> entries.putIfAbsent(k, Entry.of(k, o)));
        return entries;
    }

    public record Entry(String key, String source, String text, Origin.State state, Optional<String> note) {
        /** The entry as a bundle holds it. */
        public static Entry of(String key, Origin o) {
            return new Entry(key, o.source(), o.text(), o.state(), o.note());
        }
    }

    /** The file's text: {@code header} (ending with a newline, without {@code messages:}) then the entries. */
    public static String text(String header, List<Entry> entries) {
        StringBuilder b = new StringBuilder(header);
        b.append("messages:\n");
        for (Entry e : entries) {
            b.append("  ").append(e.key()).append(":\n");
            b.append("    source: ").append(quote(e.source())).append('\n');
            b.append("    text: ").append(quote(e.text())).append('\n');
            // 'translated' is what an entry with text is unless it says otherwise, and 'initial' one without
            boolean implied = e.state() == (e.text().isEmpty() ? Origin.State.INITIAL : Origin.State.TRANSLATED);
            if (!implied || e.state() == Origin.State.INITIAL) {
                b.append("    state: ").append(e.state().word()).append('\n');
            }
            e.note().ifPresent(n -> b.append("    note: ").append(quote(n)).append('\n'));
        }
        return b.toString();
    }

    /** The part of a bundle file above its {@code messages:} line, or empty if it has none. */
    public static Optional<String> header(String file) {
        int at = file.startsWith("messages:") ? 0 : file.indexOf("\nmessages:");
        return at < 0 ? Optional.empty() : Optional.of(file.substring(0, at == 0 ? 0 : at + 1));
    }

    /** A YAML double-quoted scalar: every character as it is, except those YAML escapes. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Writes {@code text} to {@code file} through a temporary file renamed into place. */
    public static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
