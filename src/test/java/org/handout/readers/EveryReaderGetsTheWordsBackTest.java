package org.handout.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handout.build.BuildOptions;
import org.handout.build.Pipeline;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.doc.Block;
import org.handout.doc.Leaflet;
import org.handout.doc.Text;
import org.handout.report.Problems;
import org.handout.readers.Readers.Extracted;
import org.handout.readers.Readers.Reader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every composed string of every leaflet in every language comes back exact from each of the five
 * readers users have (see {@link Readers}), and pdf.js's and PDFium's own find locate the disease's
 * name, every phone number and every stage name. Locally it is skipped when a reader is missing; in CI
 * ({@code HANDOUT_REQUIRE_READERS=1}) it must run. {@code -Dhandout.readersReport=READERS.md}
 * rewrites the report of reader × language.
 */
class EveryReaderGetsTheWordsBackTest {
    /** Scripts written without spaces between words, where a reader's line break stands for nothing. */
    private static final Set<String> NO_SPACES = Set.of("zh", "ja", "th", "lo", "km", "my");

    @TempDir
    static Path out;

    /** Per file: its language, its leaflet and its composed strings. */
    record Leaf(String lang, String leaflet, List<String> strings) {
    }

    static final Map<Path, Leaf> LEAVES = new LinkedHashMap<>();
    static Map<Path, List<Extracted>> extracted;

    @BeforeAll
    static void buildAndRead() throws IOException, InterruptedException {
        Optional<String> missing = Readers.missing();
        if (System.getenv("HANDOUT_REQUIRE_READERS") == null) {
            Assumptions.assumeTrue(missing.isEmpty(), () -> "not installed: " + missing.get());
        } else if (missing.isPresent()) {
            throw new IllegalStateException("HANDOUT_REQUIRE_READERS is set but this is not installed: " + missing.get());
        }
        Workspace ws = new Workspace(Path.of(""), Optional.empty());
        new Pipeline(ws, new PrintStream(OutputStream.nullOutputStream())).build(new BuildOptions(List.of(), List.of(), out));
        Project project = Project.load(ws);
        Map<String, String> disease = new TreeMap<>();
        Map<Path, List<String>> terms = new LinkedHashMap<>();
        for (String lang : project.languageTags()) {
            for (String leaflet : project.content().leafletIds()) {
                Leaflet doc = project.compose(leaflet, project.languages().resolve(lang), new Problems()).orElseThrow();
                if (leaflet.equals("overview")) {
                    disease.put(lang, doc.title().split("[:：]")[0].replaceFirst("^Le ", "").strip());
                }
                Path pdf = out.resolve(lang).resolve(leaflet + ".pdf");
                LEAVES.put(pdf, new Leaf(lang, leaflet, doc.strings()));
                terms.put(pdf, terms(doc, leaflet.equals("staging")));
            }
        }
        // the disease's name, where the leaflet names it (each language's overview title begins with it)
        terms.replaceAll((pdf, t) -> {
            String name = disease.get(LEAVES.get(pdf).lang());
            List<String> all = new ArrayList<>();
            if (String.join(" ", LEAVES.get(pdf).strings()).contains(name)) {
                all.add(name);
            }
            all.addAll(t);
            return all;
        });
        extracted = Readers.read(terms);
        String report = System.getProperty("handout.readersReport");
        if (report != null && !report.isBlank()) {
            Files.writeString(Path.of(report), report(), StandardCharsets.UTF_8);
        }
    }

    private static final Pattern PHONE = Pattern.compile("\\d[\\d\\-]{5,}\\d");

    /** Every phone number of the cards and, in the staging leaflet, the name of every stage (the first column of its table). */
    private static List<String> terms(Leaflet doc, boolean stages) {
        Set<String> t = new LinkedHashSet<>();
        for (Block b : doc.blocks()) {
            if (b instanceof Block.Card c) {
                for (Text phone : c.phones()) {
                    Matcher m = PHONE.matcher(phone.plainText());
                    while (m.find()) {
                        t.add(m.group());
                    }
                }
            } else if (b instanceof Block.Table table && stages) {
                table.rows().forEach(r -> t.add(Readers.words(Block.walk(r.get(0)).get(0).plainText())));
            }
        }
        return List.copyOf(t);
    }

    /** The strings of a file a reader does not give back exact. */
    static List<String> lost(Path pdf, Extracted e) {
        Leaf leaf = LEAVES.get(pdf);
        List<String> lost = new ArrayList<>();
        for (String s : leaf.strings()) {
            if (!Readers.exact(s, e.text(), NO_SPACES.contains(com.ibm.icu.util.ULocale.forLanguageTag(leaf.lang()).getLanguage()))) {
                lost.add(s);
            }
        }
        return lost;
    }

    /**
     * The reader defects we know of and cannot work around: per reader and language, how many
     * strings (or, for {@code pdfjs-find} and {@code pdfium-find}, terms) the reader does not give
     * back, and why. {@code readers/known-defects.tsv}: reader, language, count, reason.
     */
    record Known(String reader, String lang, int count, String why) {
    }

    static Map<String, Known> known() throws IOException {
        Map<String, Known> out = new TreeMap<>();
        for (String line : Files.readAllLines(Readers.DIR.resolve("known-defects.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 4) {
                throw new IllegalStateException("readers/known-defects.tsv: expected reader, language, count, reason: " + line);
            }
            out.put(f[0] + " " + f[1], new Known(f[0], f[1], Integer.parseInt(f[2]), f[3]));
        }
        return out;
    }

    /** Per "reader language", the strings it does not give back exact (or the terms its find misses). */
    static Map<String, List<String>> lostByReaderAndLanguage() {
        Map<String, List<String>> out = new TreeMap<>();
        extracted.forEach((pdf, all) -> {
            Leaf leaf = LEAVES.get(pdf);
            for (Extracted e : all) {
                String key = e.reader().name().toLowerCase(java.util.Locale.ROOT) + " " + leaf.lang();
                e.error().ifPresent(err -> out.computeIfAbsent(key, k -> new ArrayList<>()).add(leaf.leaflet() + ": cannot read: " + err));
                for (String s : lost(pdf, e)) {
                    out.computeIfAbsent(key, k -> new ArrayList<>()).add(leaf.leaflet() + ": «" + s + "»");
                }
                e.found().forEach((term, n) -> {
                    if (n == 0) {
                        out.computeIfAbsent(e.reader().name().toLowerCase(java.util.Locale.ROOT) + "-find " + leaf.lang(),
                                k -> new ArrayList<>()).add(leaf.leaflet() + ": finds no «" + term + "»");
                    }
                });
            }
        });
        return out;
    }

    /**
     * Every composed string comes back exact from every reader, but for the reader defects of the
     * ledger, which must be exactly as many as it says: more is a regression of ours, fewer means
     * the ledger is out of date (lower it).
     */
    @Test
    void everyComposedStringComesBackExactFromEveryReaderButForItsKnownDefects() throws IOException {
        List<String> failures = new ArrayList<>();
        Map<String, Known> known = known();
        Map<String, List<String>> lost = lostByReaderAndLanguage();
        lost.forEach((key, strings) -> {
            if (key.contains("-find ")) {
                return;
            }
            int allowed = known.containsKey(key) ? known.get(key).count() : 0;
            if (strings.size() > allowed) {
                failures.add(key + ": " + strings.size() + " strings not back exact, the ledger allows " + allowed + ": " + strings);
            }
        });
        known.forEach((key, k) -> {
            int now = lost.getOrDefault(key, List.of()).size();
            if (!k.reader().endsWith("-find") && now < k.count()) {
                failures.add(key + ": the ledger allows " + k.count() + " strings, only " + now + " are lost now: lower it in readers/known-defects.tsv");
            }
        });
        assertEquals(List.of(), failures);
    }

    @Test
    void theFindOfPdfJsAndPdfiumLocatesTheDiseasePhoneNumbersAndStages() throws IOException {
        List<String> failures = new ArrayList<>();
        Map<String, Known> known = known();
        Map<String, List<String>> lost = lostByReaderAndLanguage();
        lost.forEach((key, terms) -> {
            if (!key.contains("-find ")) {
                return;
            }
            int allowed = known.containsKey(key) ? known.get(key).count() : 0;
            if (terms.size() != allowed) {
                failures.add(key + ": " + terms.size() + " terms not found, the ledger says " + allowed + ": " + terms);
            }
        });
        known.forEach((key, k) -> {
            if (k.reader().endsWith("-find") && !lost.containsKey(key)) {
                failures.add(key + ": the ledger says " + k.count() + " terms are not found, all are now: remove the line");
            }
        });
        assertEquals(List.of(), failures);
    }

    /** READERS.md: strings back exact, reader × language, and the find of each browser engine. */
    static String report() {
        Map<String, Map<Reader, int[]>> byLang = new TreeMap<>();
        Map<String, Map<Reader, int[]>> finds = new TreeMap<>();
        extracted.forEach((pdf, all) -> {
            Leaf leaf = LEAVES.get(pdf);
            for (Extracted e : all) {
                int[] c = byLang.computeIfAbsent(leaf.lang(), k -> new TreeMap<>()).computeIfAbsent(e.reader(), k -> new int[2]);
                c[0] += leaf.strings().size() - lost(pdf, e).size();
                c[1] += leaf.strings().size();
                for (int n : e.found().values()) {
                    int[] f = finds.computeIfAbsent(leaf.lang(), k -> new TreeMap<>()).computeIfAbsent(e.reader(), k -> new int[2]);
                    f[0] += n > 0 ? 1 : 0;
                    f[1]++;
                }
            }
        });
        StringBuilder b = new StringBuilder();
        b.append("# What PDF readers give back of our leaflets\n\n")
                .append("Generated by `./readers/report` (the test `EveryReaderGetsTheWordsBackTest`); do not edit by hand.\n")
                .append("How the PDF is written for these readers, and what we measured of each: `docs/readers.md`.\n\n")
                .append("Each cell: composed strings (headings, paragraphs, list items, table cells, card lines, footers) of the\n")
                .append("leaflets that the reader gives back exact (NFC, whitespace runs as one space, a line break standing\n")
                .append("for a space, or for nothing where the line broke without one: after a hyphen, at a bracket, in Chinese,\n")
                .append("Japanese and Thai).\n\n| language |");
        for (Reader r : Reader.values()) {
            b.append(' ').append(r.label).append(" |");
        }
        b.append("\n|---|");
        b.append("---|".repeat(Reader.values().length)).append('\n');
        int[][] total = new int[Reader.values().length][2];
        byLang.forEach((lang, m) -> {
            b.append("| ").append(lang).append(" |");
            for (Reader r : Reader.values()) {
                int[] c = m.get(r);
                b.append(' ').append(c[0]).append('/').append(c[1]).append(" |");
                total[r.ordinal()][0] += c[0];
                total[r.ordinal()][1] += c[1];
            }
            b.append('\n');
        });
        b.append("| **all** |");
        for (Reader r : Reader.values()) {
            int[] c = total[r.ordinal()];
            b.append(String.format(java.util.Locale.ROOT, " **%.1f %%** |", 100.0 * c[0] / c[1]));
        }
        b.append("\n\nFind in page (the disease's name, every phone number, every stage name), terms found / searched:\n\n")
                .append("| language | pdf.js find (Firefox) | PDFium find |\n|---|---|---|\n");
        finds.forEach((lang, m) -> b.append("| ").append(lang).append(" | ")
                .append(m.get(Reader.PDFJS)[0]).append('/').append(m.get(Reader.PDFJS)[1]).append(" | ")
                .append(m.get(Reader.PDFIUM)[0]).append('/').append(m.get(Reader.PDFIUM)[1]).append(" |\n"));
        b.append("\nWhy (`readers/known-defects.tsv`, which the test holds to these counts):\n\n| reader | language | lost | why |\n|---|---|---|---|\n");
        try {
            known().values().forEach(k -> b.append("| ").append(k.reader()).append(" | ").append(k.lang()).append(" | ")
                    .append(k.count()).append(" | ").append(k.why().replace("|", "\\|")).append(" |\n"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        b.append("\nStrings a reader does not give back exact:\n\n");
        extracted.forEach((pdf, all) -> {
            Leaf leaf = LEAVES.get(pdf);
            for (Extracted e : all) {
                for (String s : lost(pdf, e)) {
                    b.append("- ").append(e.reader().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                            .append(leaf.lang()).append('/').append(leaf.leaflet()).append(": ").append(s).append('\n');
                }
            }
        });
        return b.toString();
    }
}
