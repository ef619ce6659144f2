package org.handout.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.doc.Leaflet;
import org.handout.i18n.Languages;
import org.handout.report.Problems;
import org.junit.jupiter.api.Test;

/**
 * The brief for the English is "the reference's facts, never its sentences": no run of
 * {@value #RUN} or more consecutive words of a shipped leaflet, as composed (data filled in, case
 * and punctuation ignored), appears in {@code ../shared/reference/neuroblastoma-source.txt}. The
 * reference is not copied into the project: its runs are kept as hashes.
 */
class OwnWordsTest {
    static final int RUN = 8;
    /** Where the reference is kept beside the project; it is not ours to copy into it. */
    private static final List<Path> REFERENCE = List.of(Path.of("../shared/reference/neuroblastoma-source.txt"),
            Path.of("/work/shared/reference/neuroblastoma-source.txt"));
    /**
     * Each run of {@value #RUN} words of the reference as a SHA-256 (so the test runs in any clone
     * without a copy of the reference); rewritten from the reference with
     * {@code -Dhandout.updateReferenceRuns=true}, and checked against it wherever it is found.
     */
    private static final Path RUNS = Path.of("src/test/resources/reference-runs.txt");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        // an apostrophe joins ("child's" is one word in both texts)
        Matcher m = WORD.matcher(s.toLowerCase(Locale.ROOT).replace("\u2019", "").replace("'", ""));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The runs of {@code run} words of {@code text} that are in {@code runs}, each merged with those it overlaps. */
    static List<String> shared(String text, Set<List<String>> runs, int run) {
        List<String> w = words(text);
        List<String> out = new ArrayList<>();
        int end = -1;
        int start = -1;
        for (int i = 0; i + run <= w.size(); i++) {
            if (runs.contains(w.subList(i, i + run))) {
                if (i > end) {
                    if (start >= 0) {
                        out.add(String.join(" ", w.subList(start, end)));
                    }
                    start = i;
                }
                end = i + run;
            }
        }
        if (start >= 0) {
            out.add(String.join(" ", w.subList(start, end)));
        }
        return out;
    }

    static Set<List<String>> runs(String text, int run) {
        List<String> w = words(text);
        Set<List<String>> out = new HashSet<>();
        for (int i = 0; i + run <= w.size(); i++) {
            out.add(List.copyOf(w.subList(i, i + run)));
        }
        return out;
    }

    static String hash(List<String> run) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(String.join(" ", run).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference's runs, hashed: from the reference where it is, checked against the kept list; else the kept list. */
    static Set<String> referenceRuns() throws IOException {
        Set<String> kept = new java.util.TreeSet<>(Files.readAllLines(RUNS, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList());
        for (Path p : REFERENCE) {
            if (Files.isRegularFile(p)) {
                Set<String> now = new java.util.TreeSet<>();
                runs(Files.readString(p, StandardCharsets.UTF_8), RUN).forEach(r -> now.add(hash(r)));
                if (Boolean.getBoolean("handout.updateReferenceRuns")) {
                    List<String> lines = new ArrayList<>(List.of("# SHA-256 (first 12 bytes) of each run of " + RUN
                            + " words of ../shared/reference/neuroblastoma-source.txt, lower case, punctuation dropped (OwnWordsTest)"));
                    lines.addAll(now);
                    Files.write(RUNS, lines, StandardCharsets.UTF_8);
                    kept = now;
                }
                assertEquals(now, kept, "src/test/resources/reference-runs.txt is not the reference's: rewrite it with -Dhandout.updateReferenceRuns=true");
                return now;
            }
        }
        return kept;
    }

    /** The runs of {@code text} whose hash is in {@code runs}, merged where they overlap. */
    static List<String> sharedHashed(String text, Set<String> runs, int run) {
        List<String> w = words(text);
        Set<List<String>> found = new HashSet<>();
        for (int i = 0; i + run <= w.size(); i++) {
            if (runs.contains(hash(w.subList(i, i + run)))) {
                found.add(List.copyOf(w.subList(i, i + run)));
            }
        }
        return shared(text, found, run);
    }

    @Test
    void noShippedEnglishStringRepeatsEightWordsOfTheReference() throws IOException {
        Set<String> reference = referenceRuns();
        Project project = Project.load(new Workspace(Path.of("")));
        Languages.Resolution en = project.languages().resolve("en");
        List<String> found = new ArrayList<>();
        for (String id : project.content().leafletIds()) {
            Problems p = new Problems();
            Leaflet leaflet = project.compose(id, en, p).orElseThrow(() -> new AssertionError(p.sorted()));
            for (String s : leaflet.strings()) {
                sharedHashed(s, reference, RUN).forEach(run -> found.add(id + ": «" + run + "» in «" + s + "»"));
            }
        }
        assertEquals(List.of(), found, "runs of " + RUN + " words taken from the reference; say it in other words");
    }

    @Test
    void theCheckFindsARunCopiedFromTheReferenceWhateverItsCaseAndPunctuation() throws IOException {
        Set<String> reference = referenceRuns();
        // the reference's own sentence, re-cased and re-punctuated, is found; a paraphrase is not
        assertEquals(List.of("people have two adrenal glands one on top of each kidney"),
                sharedHashed("PEOPLE have two adrenal glands — one on top of each kidney!", reference, RUN));
        assertEquals(List.of(), sharedHashed("Everyone has 2 adrenal glands. There is one on top of each kidney.", reference, RUN));
    }
}
