package org.handout.readers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The PDF readers families and clinics use, run on our files as they ship: pdf.js (Firefox) and
 * PDFium (Chrome, Edge) and MuPDF (its own viewers and many phone apps) through Node
 * ({@code readers/extract.mjs}, packages from the committed lock file), poppler's {@code pdftotext}
 * (Evince, Okular) and PDFBox. MuPDF is the current release (mupdf.js), not Debian 12's mutool 1.21,
 * which predates MuPDF's reordering of right-to-left text drawn in visual order (1.24.0). Each gives the text a copy, a search or a screen reader would get; pdf.js and PDFium
 * also count the matches of their own find for a few terms.
 */
public final class Readers {
    /** The five readers, in the order of the report. */
    public enum Reader {
        PDFBOX("PDFBox"), PDFIUM("PDFium (Chrome, Edge)"), POPPLER("poppler (Evince, Okular, pdftotext)"),
        PDFJS("pdf.js (Firefox)"), MUPDF("MuPDF (mupdf.js, mobile viewers)");

        public final String label;

        Reader(String label) {
            this.label = label;
        }
    }

    /** What one reader gave for one file: its text (pages joined by a newline) and its find's counts. */
    public record Extracted(Reader reader, String text, Map<String, Integer> found, Optional<String> error) {
    }

    public static final Path DIR = Path.of("readers").toAbsolutePath();

    private Readers() {
    }

    /** Whether every reader can run here: node with the locked packages, and pdftotext. */
    public static Optional<String> missing() {
        if (!Files.isDirectory(DIR.resolve("node_modules/pdfjs-dist")) || !Files.isDirectory(DIR.resolve("node_modules/@embedpdf/pdfium"))) {
            return Optional.of("the Node packages of readers/ (npm ci --prefix readers)");
        }
        for (String tool : List.of("node", "pdftotext")) {
            if (!onPath(tool)) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Every reader's text of every file; {@code terms} per file are counted by pdf.js's and PDFium's find. */
    public static Map<Path, List<Extracted>> read(Map<Path, List<String>> terms) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode job = json.createObjectNode();
        ArrayNode files = job.putArray("files");
        terms.forEach((pdf, t) -> {
            ObjectNode f = files.addObject();
            f.put("pdf", pdf.toAbsolutePath().toString());
            t.forEach(f.putArray("terms")::add);
        });
        Path jobFile = Files.createTempFile("readers", ".json");
        Path outFile = Files.createTempFile("readers-out", ".json");
        try {
            json.writeValue(jobFile.toFile(), job);
            run(List.of("node", DIR.resolve("extract.mjs").toString(), jobFile.toString(), outFile.toString()), Path.of("/dev/null"));
            JsonNode browsers = json.readTree(outFile.toFile());
            Map<Path, List<Extracted>> out = new LinkedHashMap<>();
            int i = 0;
            for (Path pdf : terms.keySet()) {
                JsonNode b = browsers.get(i++);
                List<Extracted> all = new ArrayList<>();
                all.add(pdfbox(pdf));
                all.add(browser(Reader.PDFIUM, b.get("pdfium")));
                all.add(tool(Reader.POPPLER, pdf, List.of("pdftotext", "-enc", "UTF-8", pdf.toString(), "-")));
                all.add(browser(Reader.PDFJS, b.get("pdfjs")));
                all.add(browser(Reader.MUPDF, b.get("mupdf")));
                out.put(pdf, all);
            }
            return out;
        } finally {
            Files.deleteIfExists(jobFile);
            Files.deleteIfExists(outFile);
        }
    }

    private static Extracted browser(Reader r, JsonNode node) {
        if (node.has("error")) {
            return new Extracted(r, "", Map.of(), Optional.of(node.get("error").asText()));
        }
        StringBuilder text = new StringBuilder();
        node.get("pages").forEach(p -> text.append(p.asText()).append('\n'));
        Map<String, Integer> found = new LinkedHashMap<>();
        node.get("found").fields().forEachRemaining(e -> found.put(e.getKey(), e.getValue().asInt()));
        return new Extracted(r, text.toString(), found, Optional.empty());
    }

    private static Extracted pdfbox(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new Extracted(Reader.PDFBOX, new PDFTextStripper().getText(doc), Map.of(), Optional.empty());
        }
    }

    private static Extracted tool(Reader r, Path pdf, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("reader", ".txt");
        try {
            run(command, out);
            return new Extracted(r, Files.readString(out, StandardCharsets.UTF_8), Map.of(), Optional.empty());
        } catch (IOException e) {
            return new Extracted(r, "", Map.of(), Optional.of(e.getMessage()));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void run(List<String> command, Path stdout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 300 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": "
                    + new String(err, StandardCharsets.UTF_8).strip());
        }
    }

    /**
     * Whether {@code want} comes back exact in a reader's {@code text}: both in NFC, whitespace runs
     * collapsed to one space, a soft hyphen ignored (it is invisible in logical text, and a line
     * break after it continues the word), and a line break standing for the space the reader
     * replaced, or, in scripts written without spaces
     * between words ({@code noSpaces}: Chinese, Japanese, Thai), for nothing.
     */
    public static boolean exact(String want, String text, boolean noSpaces) {
        return indexOf(normalize(text), words(want), noSpaces) >= 0;
    }

    /** A line break in normalized reader text. */
    static final char BREAK = '\n';

    /** Reader text in NFC with soft hyphens dropped, whitespace runs one space, or one BREAK where they hold a line end. */
    static String normalize(String text) {
        // poppler wraps each right-to-left line in embedding controls (U+202B ... U+202C) of its own;
        // PDFium gives U+FFFE where it joined a word hyphenated at a line end (the soft hyphen it drew)
        String nfc = Normalizer.normalize(text.replaceAll("[\u202A-\u202E\u2066-\u2069\u200E\u200F]", "").replace('\uFFFE', '\u00AD'),
                Normalizer.Form.NFC);
        StringBuilder b = new StringBuilder(nfc.length());
        int i = 0;
        while (i < nfc.length()) {
            char c = nfc.charAt(i);
            if (c == '\u00AD') {
                // a soft hyphen is invisible in logical text; at a line end the word goes on after the break
                i++;
                while (i < nfc.length() && (isSpace(nfc.charAt(i)) || nfc.charAt(i) == '\u00AD')) {
                    i++;
                }
                continue;
            }
            if (isSpace(c)) {
                boolean lineEnd = false;
                while (i < nfc.length() && (isSpace(nfc.charAt(i)) || nfc.charAt(i) == '\u00AD')) {
                    char d = nfc.charAt(i++);
                    lineEnd |= d == '\n' || d == '\r' || d == '\f' || d == '\u2028' || d == '\u2029';
                }
                b.append(lineEnd ? BREAK : ' ');
                continue;
            }
            b.append(c);
            i++;
        }
        return b.toString();
    }

    /** Composed text in NFC with whitespace runs collapsed to one space and soft hyphens dropped. */
    static String words(String want) {
        return Normalizer.normalize(want, Normalizer.Form.NFC).replace("\u00AD", "").replaceAll("[\u200E\u200F]", "")
                .replaceAll("[\\s\\u00A0\\u202F\\u2007]+", " ").strip();
    }

    /** Whether a line may end between {@code before} and {@code after} with no space there (ICU line breaking allows it). */
    static boolean breaksWithoutSpace(char before, char after) {
        int b = Character.getType(before);
        int a = Character.getType(after);
        return b == Character.DASH_PUNCTUATION || before == '/' || a == Character.START_PUNCTUATION
                || a == Character.INITIAL_QUOTE_PUNCTUATION || b == Character.END_PUNCTUATION
                || b == Character.FINAL_QUOTE_PUNCTUATION;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u202F' || c == '\u2007';
    }

    private static int indexOf(String text, String want, boolean noSpaces) {
        if (want.isEmpty()) {
            return 0;
        }
        for (int start = 0; start < text.length(); start++) {
            if (matchesAt(text, start, want, noSpaces)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean matchesAt(String text, int start, String want, boolean noSpaces) {
        int i = start;
        int j = 0;
        while (j < want.length()) {
            if (i >= text.length()) {
                return false;
            }
            char t = text.charAt(i);
            char w = want.charAt(j);
            if (t == BREAK) {
                if (w == ' ') {
                    i++;
                    j++;
                } else if (j > 0 && (noSpaces || breaksWithoutSpace(want.charAt(j - 1), w))) {
                    // the line broke where the text has no space: after a hyphen or dash, before
                    // an opening bracket or quote, or between any two characters in Chinese,
                    // Japanese and Thai
                    i++;
                } else {
                    return false;
                }
            } else if (t == w || t == ' ' && w == ' ') {
                i++;
                j++;
            } else {
                return false;
            }
        }
        return true;
    }
}
