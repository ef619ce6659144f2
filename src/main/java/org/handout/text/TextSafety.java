package org.handout.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterEnums.ECharacterDirection;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handout.report.Problem;
import org.handout.report.Problems;

/**
 * The characters a leaflet must never print, found in the text before anything is built (and in
 * a built PDF's text by {@code verify}). Every rule below is judged with ICU4J's character
 * properties; each is refused for the reason given:
 * <ul>
 * <li>bidi embeddings, overrides and isolates, U+202A–U+202E and U+2066–U+2069: they reorder the
 * text around them (an RLO prints the words reversed); layout sets the direction of every run
 * itself and inserts its own isolates around phone numbers and foreign names;</li>
 * <li>C0 and C1 control characters and DEL (U+0000–U+001F, U+007F–U+009F), tab and line feed
 * included: they print as nothing or as a box, and a line break inside a string is no line break
 * on the page;</li>
 * <li>ZERO WIDTH JOINER and NON-JOINER except beside a letter that joins its neighbours (ICU's
 * Joining_Type: Arabic script for Arabic, Persian, Urdu…, Syriac, N'Ko, Mongolian, Adlam…) or
 * builds syllables (ICU's Indic_Syllabic_Category: Devanagari, Bengali, the other Indic scripts,
 * Sinhala, Khmer, Myanmar…), or a ZWJ inside an emoji sequence: only there does a shaper use
 * them; elsewhere (German, English) they are invisible and break search and copying;</li>
 * <li>ZERO WIDTH SPACE except in a language, or beside a letter, whose script is written without
 * spaces between words (ICU's {@code UScript.breaksBetweenLetters}: Thai, Lao, Khmer, Myanmar,
 * Han, kana; and Tibetan, whose words ICU does not count as spaceless because it breaks at the
 * tsheg): elsewhere it is a hidden break in the middle of a word;</li>
 * <li>U+FEFF inside text: a byte-order mark left by an editor (the reader removes one at the start
 * of a file), invisible, it breaks search;</li>
 * <li>U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: a string is one run of text, and
 * layout makes the lines and paragraphs;</li>
 * <li>U+FFF9–U+FFFB, the interlinear annotation controls: meant for use inside one program only,
 * a reader runs the annotation into the text;</li>
 * <li>U+FFFC OBJECT REPLACEMENT CHARACTER: it stands for a picture or object that is not there;</li>
 * <li>U+FFFD REPLACEMENT CHARACTER: the mark of text damaged by a wrong encoding; the letter it
 * replaced is lost;</li>
 * <li>noncharacters (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF): never text, by definition;</li>
 * <li>unpaired surrogates: half a character; the text was cut inside one;</li>
 * <li>the deprecated format characters (U+206A–U+206F, U+E0001): no shaper follows them;</li>
 * <li>the tag characters U+E0000–U+E007F: invisible; their one use, flags of regions, has no glyph
 * in any leaflet font, and anywhere else they hide text;</li>
 * <li>unassigned code points that would be default-ignorable: no font draws them, and the font
 * coverage check passes over them as it does over every invisible character.</li>
 * </ul>
 * Left alone, because text needs them: LRM, RLM and ALM (ICU itself puts them in Arabic and
 * Hebrew dates and numbers), variation selectors, the combining grapheme joiner, U+00A0, U+202F,
 * U+2060 WORD JOINER, U+00AD SOFT HYPHEN, U+180E, combining marks, private-use and other visible
 * characters (a character no font has is the font check's to report).
 */
public final class TextSafety {
    private static final int ZWSP = 0x200B;
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    /** At most this many further occurrences are named in a problem; the rest are counted. */
    private static final int NAMED = 3;

    private TextSafety() {
    }

    /** What kind of trouble a character is; a string gets at most one problem per kind. */
    public enum Kind {
        /** An embedding, override or isolate that reorders the text. */
        BIDI_CONTROL,
        /** A C0 or C1 control character, DEL, tab or line feed. */
        CONTROL,
        /** A ZWJ or ZWNJ where no script uses it. */
        JOINER,
        /** A ZWSP in a language that separates words with spaces. */
        ZERO_WIDTH_SPACE,
        /** An invisible character that hides or breaks up text. */
        INVISIBLE,
        /** What is left of damaged text: U+FFFD, U+FFFC, a noncharacter, half a surrogate pair. */
        DAMAGED
    }

    /**
     * One character a leaflet must not print: where it is ({@code index}, a char offset into the
     * text), what it is, why it is refused ({@code message}, starting with the character's code and
     * name), what to do ({@code hint}), and its {@link Kind}.
     */
    public record Finding(int index, int codePoint, String message, String hint, Kind kind) {
        /** The character's code and name, e.g. "U+202E RIGHT-TO-LEFT OVERRIDE". */
        public String character() {
            return name(codePoint);
        }
    }

    /** Every character of {@code text} that a leaflet in {@code languageTag} must not print, in order. */
    public static List<Finding> check(String text, String languageTag) {
        List<Finding> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        boolean spaceless = languageWritesWithoutSpaces(languageTag);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            Finding f = judge(text, i, cp, languageTag, spaceless);
            if (f != null) {
                out.add(f);
            }
            i += Character.charCount(cp);
        }
        return out;
    }

    /**
     * Adds one error per kind of refused character in {@code text} to {@code problems}, located at
     * {@code file}, {@code line}, {@code column} (where the string starts) and {@code key} (empty for
     * data that has no key), e.g. {@code translations/de.yaml:104:11: error: [overview.where.adrenal]
     * character 16 is U+202E RIGHT-TO-LEFT OVERRIDE, a bidi control that reorders the text around
     * it: the words would print reversed}, with a hint. Further characters of the same kind are named
     * in the same problem. Returns whether anything was refused.
     */
    public static boolean report(String text, String languageTag, String file, int line, int column, String key,
                                 Problems problems) {
        List<Finding> findings = check(text, languageTag);
        Map<Kind, List<Finding>> byKind = new LinkedHashMap<>();
        for (Finding f : findings) {
            byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f);
        }
        for (List<Finding> same : byKind.values()) {
            Finding first = same.get(0);
            StringBuilder m = new StringBuilder("character ").append(position(text, first.index())).append(" is ")
                    .append(first.message());
            if (same.size() > 1) {
                List<String> others = new ArrayList<>();
                for (Finding f : same.subList(1, Math.min(same.size(), NAMED + 1))) {
                    others.add(f.character() + " at character " + position(text, f.index()));
                }
                int rest = same.size() - 1 - others.size();
                m.append(" (also ").append(String.join(", ", others)).append(rest > 0 ? " and " + rest + " more" : "").append(')');
            }
            problems.add(Problem.error(file, line, column, key, m.toString()).withHint(first.hint()));
        }
        return !findings.isEmpty();
    }

    /**
     * The text with every character that does not show (controls, format characters, separators,
     * noncharacters, surrogates) written as {@code <U+202E>}, so a message can quote it safely:
     * quoted as it is, an override would reverse the terminal's line.
     */
    public static String shown(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            int type = UCharacter.getType(cp);
            if (type == UCharacter.CONTROL || type == UCharacter.FORMAT || type == UCharacter.LINE_SEPARATOR
                    || type == UCharacter.PARAGRAPH_SEPARATOR || type == UCharacter.SURROGATE || type == UCharacter.UNASSIGNED
                    || type == UCharacter.PRIVATE_USE) {
                b.append(String.format(Locale.ROOT, "<U+%04X>", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /** "U+202E RIGHT-TO-LEFT OVERRIDE"; a character without a name is described: "U+0009 (a tab)". */
    public static String name(int cp) {
        String code = String.format(Locale.ROOT, "U+%04X", cp);
        String name = UCharacter.getName(cp);
        if (name != null) {
            return code + " " + name;
        }
        return switch (cp) {
            case 0x09 -> code + " (a tab)";
            case 0x0A -> code + " (a line feed)";
            case 0x0D -> code + " (a carriage return)";
            case 0x00 -> code + " (NUL)";
            default -> {
                int type = UCharacter.getType(cp);
                if (type == UCharacter.CONTROL) {
                    yield code + " (a control character)";
                } else if (type == UCharacter.SURROGATE) {
                    yield code + " (half of a surrogate pair)";
                } else if (UCharacter.hasBinaryProperty(cp, UProperty.NONCHARACTER_CODE_POINT)) {
                    yield code + " (a noncharacter)";
                }
                yield code + " (unassigned)";
            }
        };
    }

    private static Finding judge(String text, int i, int cp, String languageTag, boolean spaceless) {
        int type = UCharacter.getType(cp);
        int direction = UCharacter.getDirection(cp);
        if (isExplicitDirection(direction)) {
            boolean override = direction == ECharacterDirection.LEFT_TO_RIGHT_OVERRIDE
                    || direction == ECharacterDirection.RIGHT_TO_LEFT_OVERRIDE;
            return new Finding(i, cp, name(cp) + ", a bidi control that reorders the text around it: "
                    + (override ? "the words would print reversed" : "words and numbers would print out of order"),
                    "delete it; handout sets the direction of every run itself; to mark direction use U+200F RIGHT-TO-LEFT MARK"
                            + " or U+200E LEFT-TO-RIGHT MARK", Kind.BIDI_CONTROL);
        }
        if (type == UCharacter.CONTROL) {
            if (cp == 0x0A || cp == 0x0D || cp == 0x85) {
                return new Finding(i, cp, name(cp) + ", a line break: a leaflet string is one run of text, and handout breaks"
                        + " the lines itself", "write the string on one line (a \\n or a |-block in YAML keeps a line break; a"
                        + " quoted string folds its line breaks into spaces); a new paragraph is a new block", Kind.CONTROL);
            }
            return new Finding(i, cp, name(cp) + ", a control character: it prints as nothing or as a box",
                    cp == 0x09 ? "replace it with a space" : "delete it (copying from another program often leaves one behind)",
                    Kind.CONTROL);
        }
        if (cp == ZWJ || cp == ZWNJ) {
            if (joinerBelongs(text, i, cp)) {
                return null;
            }
            return new Finding(i, cp, name(cp) + ", which only scripts that join their letters or build conjuncts use"
                    + " (Arabic, Devanagari, Sinhala, Khmer…): " + between(text, i) + " it is invisible and breaks search and copying",
                    "delete it; in Arabic-script or Indic text it is kept between the letters it joins or separates", Kind.JOINER);
        }
        if (cp == ZWSP) {
            if (spaceless || spacelessScript(neighbour(text, i, -1)) || spacelessScript(neighbour(text, i, 1))) {
                return null;
            }
            return new Finding(i, cp, name(cp) + ", a hidden break: " + languageName(languageTag)
                    + " separates its words with spaces, and a break no one sees splits a word for search and copying",
                    "delete it, or write a space; handout finds the line breaks itself", Kind.ZERO_WIDTH_SPACE);
        }
        if (type == UCharacter.SURROGATE) {
            return new Finding(i, cp, name(cp) + ": the text was cut or damaged inside a character",
                    "retype the character; check that the file is saved as UTF-8", Kind.DAMAGED);
        }
        if (UCharacter.hasBinaryProperty(cp, UProperty.NONCHARACTER_CODE_POINT)) {
            return new Finding(i, cp, name(cp) + ", which is never text", "delete it; the file may be damaged", Kind.DAMAGED);
        }
        if (cp == 0xFFFD) {
            return new Finding(i, cp, name(cp) + ": the text was damaged by a wrong encoding before it got here, and the"
                    + " letter it stands for is lost", "retype the letter it replaced; check that the text was copied from a"
                    + " file saved as UTF-8", Kind.DAMAGED);
        }
        if (cp == 0xFFFC) {
            return new Finding(i, cp, name(cp) + ", a placeholder for a picture or object that is not there",
                    "delete it (it comes from copying out of a word processor)", Kind.DAMAGED);
        }
        if (cp == 0xFEFF) {
            return new Finding(i, cp, name(cp) + ", a byte-order mark inside the text (an editor's leftover): invisible,"
                    + " it breaks search and copying", "delete it", Kind.INVISIBLE);
        }
        if (type == UCharacter.LINE_SEPARATOR || type == UCharacter.PARAGRAPH_SEPARATOR) {
            return new Finding(i, cp, name(cp) + ": a leaflet string is one run of text, and handout makes the lines and"
                    + " paragraphs itself", "delete it, or write a space; a new paragraph is a new block", Kind.INVISIBLE);
        }
        if (cp >= 0xFFF9 && cp <= 0xFFFB) {
            return new Finding(i, cp, name(cp) + ", an interlinear annotation control, meant for use inside one program:"
                    + " a reader runs the annotation into the text", "delete it and write the annotation in brackets",
                    Kind.INVISIBLE);
        }
        if (type == UCharacter.FORMAT && UCharacter.hasBinaryProperty(cp, UProperty.DEPRECATED)) {
            return new Finding(i, cp, name(cp) + ", a deprecated format character that no shaper follows", "delete it",
                    Kind.INVISIBLE);
        }
        if (UCharacter.UnicodeBlock.of(cp) == UCharacter.UnicodeBlock.TAGS) {
            return new Finding(i, cp, name(cp) + ", an invisible tag character: no leaflet font has the flags they"
                    + " make, and anywhere else they hide text", "delete it", Kind.INVISIBLE);
        }
        if (type == UCharacter.UNASSIGNED && UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            return new Finding(i, cp, name(cp) + ", which no font draws", "delete it", Kind.DAMAGED);
        }
        return null;
    }

    /** The bidi classes of the explicit formatting characters: embeddings, overrides, isolates and their ends. */
    private static boolean isExplicitDirection(int direction) {
        return switch (direction) {
            case ECharacterDirection.LEFT_TO_RIGHT_EMBEDDING, ECharacterDirection.RIGHT_TO_LEFT_EMBEDDING,
                 ECharacterDirection.LEFT_TO_RIGHT_OVERRIDE, ECharacterDirection.RIGHT_TO_LEFT_OVERRIDE,
                 ECharacterDirection.POP_DIRECTIONAL_FORMAT, ECharacterDirection.LEFT_TO_RIGHT_ISOLATE,
                 ECharacterDirection.RIGHT_TO_LEFT_ISOLATE, ECharacterDirection.FIRST_STRONG_ISOLATE,
                 ECharacterDirection.POP_DIRECTIONAL_ISOLATE -> true;
            default -> false;
        };
    }

    /**
     * Whether a joiner at {@code i} stands where a shaper uses it: beside a letter that joins or
     * builds syllables (see {@link #shapes}), or a ZWJ between two emoji (a family, a rainbow flag).
     */
    private static boolean joinerBelongs(String text, int i, int cp) {
        int before = neighbour(text, i, -1);
        int after = neighbour(text, i, 1);
        if (shapes(before) || shapes(after)) {
            return true;
        }
        return cp == ZWJ && before >= 0 && after >= 0
                && (UCharacter.hasBinaryProperty(before, UProperty.EXTENDED_PICTOGRAPHIC)
                || UCharacter.hasBinaryProperty(before, UProperty.EMOJI_MODIFIER))
                && UCharacter.hasBinaryProperty(after, UProperty.EXTENDED_PICTOGRAPHIC);
    }

    /**
     * A letter whose form a joiner changes: one of a cursive script that joins its neighbours
     * (Joining_Type dual, right, left or join-causing) or of a script that builds syllables
     * (any Indic_Syllabic_Category); never a character shared by all scripts (a hyphen or a
     * no-break space has an Indic category too, as a placeholder).
     */
    private static boolean shapes(int cp) {
        if (cp < 0) {
            return false;
        }
        int script = UScript.getScript(cp);
        if (script == UScript.COMMON || script == UScript.INHERITED || script == UScript.UNKNOWN) {
            return false;
        }
        int joining = UCharacter.getIntPropertyValue(cp, UProperty.JOINING_TYPE);
        return joining == UCharacter.JoiningType.DUAL_JOINING || joining == UCharacter.JoiningType.RIGHT_JOINING
                || joining == UCharacter.JoiningType.LEFT_JOINING || joining == UCharacter.JoiningType.JOIN_CAUSING
                || UCharacter.getIntPropertyValue(cp, UProperty.INDIC_SYLLABIC_CATEGORY) != UCharacter.IndicSyllabicCategory.OTHER;
    }

    /**
     * The nearest character before ({@code step} -1) or after (+1) the one at {@code i}, passing
     * over marks that are transparent to joining (harakat, viramas, variation selectors) and
     * other joiners; -1 at either end of the text.
     */
    private static int neighbour(String text, int i, int step) {
        int j = step < 0 ? i : i + Character.charCount(text.codePointAt(i));
        while (step < 0 ? j > 0 : j < text.length()) {
            int cp = step < 0 ? text.codePointBefore(j) : text.codePointAt(j);
            boolean transparent = UCharacter.getIntPropertyValue(cp, UProperty.JOINING_TYPE) == UCharacter.JoiningType.TRANSPARENT;
            if (!transparent && cp != ZWJ && cp != ZWNJ) {
                return cp;
            }
            j += step * Character.charCount(cp);
        }
        return -1;
    }

    /** "between Latin letters", "after a Latin letter", "between a space and a Latin letter": for a message. */
    private static String between(String text, int i) {
        String before = what(neighbour(text, i, -1));
        String after = what(neighbour(text, i, 1));
        if (before == null && after == null) {
            return "alone";
        }
        if (before == null) {
            return "before " + after;
        }
        if (after == null) {
            return "after " + before;
        }
        if (before.equals(after)) {
            return "between " + before.replaceFirst("^an? ", "") + "s";
        }
        return "between " + before + " and " + after;
    }

    private static String what(int cp) {
        if (cp < 0) {
            return null;
        }
        if (UCharacter.isUWhiteSpace(cp)) {
            return "a space";
        }
        int script = UScript.getScript(cp);
        if (script == UScript.COMMON || script == UScript.INHERITED || script == UScript.UNKNOWN) {
            return Character.isDigit(cp) ? "a digit" : "a sign";
        }
        String name = UScript.getName(script).replace('_', ' ');
        return (name.matches("(?i)[aeiou].*") ? "an " : "a ") + name + " letter";
    }

    /** Per language tag, whether it writes without spaces: ICU's likely-subtags lookup is not cheap, and every string asks. */
    private static final java.util.Map<String, Boolean> SPACELESS = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean languageWritesWithoutSpaces(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return false;
        }
        return SPACELESS.computeIfAbsent(languageTag, TextSafety::writesWithoutSpaces);
    }

    /** Whether the language's usual script is written without spaces between words (Thai, Japanese, Chinese…). */
    private static boolean writesWithoutSpaces(String languageTag) {
        String script = ULocale.addLikelySubtags(ULocale.forLanguageTag(languageTag)).getScript();
        if (script.isEmpty()) {
            return false;
        }
        int code = UScript.getCodeFromName(script);
        return code != UScript.INVALID_CODE && (UScript.breaksBetweenLetters(code) || code == UScript.TIBETAN);
    }

    private static boolean spacelessScript(int cp) {
        if (cp < 0) {
            return false;
        }
        int script = UScript.getScript(cp);
        return UScript.breaksBetweenLetters(script) || script == UScript.TIBETAN;
    }

    /** "German", for a message; the tag itself when ICU has no English name for it. */
    private static String languageName(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return "this text";
        }
        ULocale l = ULocale.forLanguageTag(languageTag);
        String name = l.getDisplayLanguage(ULocale.ENGLISH);
        return name.isEmpty() || name.equals(l.getLanguage()) ? languageTag : name;
    }

    /** The 1-based position of the character at char offset {@code index}, counted in characters (code points). */
    private static int position(String text, int index) {
        return text.codePointCount(0, index) + 1;
    }
}
