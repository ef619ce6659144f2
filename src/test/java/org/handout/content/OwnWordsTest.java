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
 * and punctuation ignored), appears in {@code ../shared/reference/neuroblastoma-source.txt}.
 */
class OwnWordsTest {
    static final int RUN = 8;
    private static final Path REFERENCE = Path.of("../shared/reference/neuroblastoma-source.txt");
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

    @Test
    void noShippedEnglishStringRepeatsEightWordsOfTheReference() throws IOException {
        Set<List<String>> reference = runs(Files.readString(REFERENCE, StandardCharsets.UTF_8), RUN);
        Project project = Project.load(new Workspace(Path.of("")));
        Languages.Resolution en = project.languages().resolve("en");
        List<String> found = new ArrayList<>();
        for (String id : project.content().leafletIds()) {
            Problems p = new Problems();
            Leaflet leaflet = project.compose(id, en, p).orElseThrow(() -> new AssertionError(p.sorted()));
            for (String s : leaflet.strings()) {
                shared(s, reference, RUN).forEach(run -> found.add(id + ": «" + run + "» in «" + s + "»"));
            }
        }
        assertEquals(List.of(), found, "runs of " + RUN + " words taken from the reference; say it in other words");
    }

    @Test
    void theCheckFindsARunCopiedFromTheReferenceWhateverItsCaseAndPunctuation() throws IOException {
        Set<List<String>> reference = runs(Files.readString(REFERENCE, StandardCharsets.UTF_8), RUN);
        // the reference's own sentence, re-cased and re-punctuated, is found; a paraphrase is not
        assertEquals(List.of("people have two adrenal glands one on top of each kidney"),
                shared("PEOPLE have two adrenal glands — one on top of each kidney!", reference, RUN));
        assertEquals(List.of(), shared("Everyone has 2 adrenal glands. There is one on top of each kidney.", reference, RUN));
    }
}
