package org.handout.layout;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.util.ULocale;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Arrays;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a word may be hyphenated, by Liang's patterns from the TeX hyphenation project
 * (hyph-utf8, {@code resources/org/handout/layout/hyphenation/<language>.pat.txt}, MIT licence,
 * maintained by the German hyphenation team). Only languages that need it have patterns: German,
 * whose compounds ("Knochenmarkuntersuchung") would otherwise leave lines a third empty. Scripts
 * whose words are short or that break between syllables anyway (CJK, Thai, Korean, Vietnamese)
 * have none.
 *
 * <p>The matcher is Liang's algorithm as TeX runs it, a few lines over a hash map. OpenPDF ships a
 * pattern tree (FOP's), but it recursed without end loading these 35,000 patterns (measured with
 * OpenPDF 3.0.5, even with a 512 MB stack), so it is not used.
 */
final class Hyphenator {
    /** Letters kept together at the start and end of a word: "Un-ter-su-chung", never "U-" or "-g". */
    static final int LEFT_MIN = 3;
    static final int RIGHT_MIN = 3;
    /** Words shorter than this are never hyphenated. */
    static final int MIN_WORD = 7;

    private static final Map<String, Optional<Hyphenator>> LOADED = new ConcurrentHashMap<>();

    /** Pattern letters (with "." at a word edge) to the values between and around them. */
    private final Map<String, byte[]> patterns;
    private final int longest;

    private Hyphenator(Map<String, byte[]> patterns) {
        this.patterns = patterns;
        this.longest = patterns.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    /** The hyphenator for a locale's language, if we have its patterns. */
    static Optional<Hyphenator> forLocale(ULocale locale) {
        return LOADED.computeIfAbsent(locale.getLanguage(), Hyphenator::load);
    }

    private static Optional<Hyphenator> load(String language) {
        String resource = "hyphenation/" + language + ".pat.txt";
        try (InputStream in = Hyphenator.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new Hyphenator(read(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** One pattern per line in hyph-utf8's plain form: letters with digits between them, "." at a word edge. */
    private static Map<String, byte[]> read(InputStream in) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            String p = line.strip();
            if (p.isEmpty() || p.startsWith("%")) {
                continue;
            }
            StringBuilder letters = new StringBuilder();
            byte[] values = new byte[p.length() + 1];
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c >= '0' && c <= '9') {
                    values[letters.length()] = (byte) (c - '0');
                } else {
                    letters.append(c);
                }
            }
            out.put(letters.toString(), Arrays.copyOf(values, letters.length() + 1));
        }
        return out;
    }

    /**
     * The offsets inside {@code word} (a run of letters) before which a hyphen may break it, in
     * increasing order; none for a short word or one the patterns do not split.
     */
    int[] points(String word) {
        if (word.length() < MIN_WORD || !word.chars().allMatch(Character::isLetter)) {
            return new int[0];
        }
        String w = "." + UCharacter.toLowerCase(ULocale.ROOT, word) + ".";
        if (w.length() != word.length() + 2) {
            return new int[0]; // lower-casing changed the length (İ): offsets would no longer match
        }
        // values[k] is the value between w[k-1] and w[k]; odd means a hyphen may go there
        byte[] values = new byte[w.length() + 1];
        for (int start = 0; start < w.length(); start++) {
            for (int end = start + 1; end <= Math.min(w.length(), start + longest); end++) {
                byte[] v = patterns.get(w.substring(start, end));
                if (v != null) {
                    for (int k = 0; k < v.length; k++) {
                        values[start + k] = (byte) Math.max(values[start + k], v[k]);
                    }
                }
            }
        }
        int[] out = new int[word.length()];
        int n = 0;
        for (int i = LEFT_MIN; i <= word.length() - RIGHT_MIN; i++) {
            // a break before word[i] is between w[i] and w[i+1]
            if (values[i + 1] % 2 == 1) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
