package org.handout.i18n;

import com.ibm.icu.text.Normalizer2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of a translation as written: the English it was translated from (so a change to the
 * English makes it stale), its text (empty while not translated), its review state and a
 * translator's note, with the place of the entry.
 */
public record Origin(String source, String text, State state, Optional<String> note, int line, int column) {

    /** The review state of one message, as in XLIFF 2.0. */
    public enum State {
        /** Not translated yet (a skeleton from {@code init}): never built into a leaflet. */
        INITIAL,
        /** Translated, not reviewed. */
        TRANSLATED,
        /** Checked by a reviewer. */
        REVIEWED,
        /** Signed off. */
        FINAL;

        /** The word used in bundles and XLIFF: initial, translated, reviewed, final. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state a word names, if it names one. */
        public static Optional<State> of(String word) {
            for (State s : values()) {
                if (s.word().equals(word)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A short fingerprint of an English text: the first 8 bytes of the SHA-256 of its NFC form, in
     * hex. Two editions of a string have the same fingerprint exactly when their text is the same.
     */
    public static String fingerprint(String english) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(Normalizer2.getNFCInstance().normalize(english).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The fingerprint of the English this message was translated from. */
    public String fingerprint() {
        return fingerprint(source);
    }
}
