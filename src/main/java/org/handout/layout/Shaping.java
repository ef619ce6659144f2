package org.handout.layout;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.util.VersionInfo;
import java.util.Optional;
import java.util.Set;

/**
 * Who can shape a character correctly. The JDK's shaper finds a run's script in a table of the
 * scripts of Unicode 4.0, and shapes a script it does not know with no script at all: Adlam,
 * Hanifi Rohingya and N'Ko come out unjoined, Syriac, Thaana and Mongolian are not in its
 * complex-text ranges. Such a run goes to the system's HarfBuzz (told the script), which shapes
 * every script of the Unicode version it was built for; a character beyond both (a script newer
 * than the HarfBuzz here, or any of them when there is no HarfBuzz) is refused by name, as a
 * missing glyph is, because a glyph check alone would pass it unjoined.
 */
public final class Shaping {
    /** The scripts of Unicode 4.0 that the JDK's shaper knows and sets correctly (ISO 15924). */
    private static final Set<String> JDK_NAMES = Set.of("Latn", "Grek", "Cyrl", "Armn", "Hebr", "Arab", "Deva", "Beng", "Guru",
            "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh", "Thai", "Laoo", "Tibt", "Mymr", "Geor", "Hang", "Ethi",
            "Cher", "Cans", "Ogam", "Runr", "Khmr", "Hira", "Kana", "Bopo", "Hani", "Yiii", "Brai", "Zyyy", "Zinh", "Zzzz");

    /** The same scripts by ICU's script code, for the per-character test. */
    private static final java.util.BitSet JDK = new java.util.BitSet();

    static {
        JDK_NAMES.forEach(name -> JDK.set(UScript.getCodeFromName(name)));
    }

    private Shaping() {
    }

    /** Whether the JDK's shaper sets {@code codePoint} correctly. */
    public static boolean byJdk(int codePoint) {
        return JDK.get(UScript.getScript(codePoint));
    }

    /** The Unicode version the system's HarfBuzz shapes, if there is one (HarfBuzz 6 and 7: 15.0; 8: 15.1; 10: 16.0). */
    static Optional<VersionInfo> harfBuzzUnicode() {
        return HarfBuzz.get().map(HarfBuzz::unicodeVersion);
    }

    /**
     * Why {@code codePoint} cannot be set correctly here, if it cannot: its script is one the
     * JDK's shaper does not know, and there is no HarfBuzz, or the character is newer than it.
     */
    public static Optional<String> refusal(int codePoint) {
        // a character the JDK shapes needs no HarfBuzz: it is not loaded to be asked about it
        return byJdk(codePoint) ? Optional.empty() : refusal(codePoint, harfBuzzUnicode());
    }

    static Optional<String> refusal(int codePoint, Optional<VersionInfo> harfBuzz) {
        if (byJdk(codePoint)) {
            return Optional.empty();
        }
        String script = UScript.getName(UScript.getScript(codePoint)).replace('_', ' ');
        if (harfBuzz.isEmpty()) {
            return Optional.of(script + " needs a shaper that knows it: the JDK's does not, and there is no HarfBuzz here "
                    + "(Debian: apt-get install libharfbuzz0b)");
        }
        VersionInfo age = UCharacter.getAge(codePoint);
        if (age.compareTo(harfBuzz.get()) > 0) {
            return Optional.of(script + " is newer (Unicode " + age.getMajor() + "." + age.getMinor() + ") than the HarfBuzz here shapes (Unicode "
                    + harfBuzz.get().getMajor() + "." + harfBuzz.get().getMinor() + ")");
        }
        return Optional.empty();
    }
}
