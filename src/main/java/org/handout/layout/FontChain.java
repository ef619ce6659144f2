package org.handout.layout;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.handout.compose.Coverage;

/**
 * The faces that set one language, in order of preference, in regular and bold. For each
 * character the first face that has it is used; a character that no face has is a problem the
 * composer reports before layout.
 */
public record FontChain(String name, List<Face> regular, List<Face> bold, Set<Face> fallback,
                        java.util.Map<Face, Face> italics) implements Coverage {

    public FontChain {
        regular = List.copyOf(regular);
        bold = List.copyOf(bold);
        fallback = Set.copyOf(fallback);
        italics = java.util.Map.copyOf(italics);
    }

    /** A chain with no italic faces. */
    public FontChain(String name, List<Face> regular, List<Face> bold, Set<Face> fallback) {
        this(name, regular, bold, fallback, java.util.Map.of());
    }

    /** A chain whose every face sets the line height. */
    public FontChain(String name, List<Face> regular, List<Face> bold) {
        this(name, regular, bold, Set.of());
    }

    /** The italic of a face (regular or bold), or the face itself where it has none. */
    public Face italic(Face f) {
        return italics.getOrDefault(f, f);
    }

    /** Whether a face is an italic, or has one: emphasis is then set in italic rather than in colour. */
    public boolean hasItalic(Face f) {
        return italics.containsKey(f) || italics.containsValue(f);
    }

    /** The faces of one style. */
    public List<Face> faces(boolean strong) {
        return strong ? bold : regular;
    }

    /**
     * The faces of one style whose ascent and descent set the line height: not a fallback face
     * (symbols), whose tall metrics would open every line for a character that is rarely there.
     */
    public List<Face> lineFaces(boolean strong) {
        return faces(strong).stream().filter(f -> !fallback.contains(f)).toList();
    }

    /** Characters with no glyph of their own: controls, bidi marks, joiners, variation selectors. */
    static boolean needsNoGlyph(int cp) {
        return UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                || UCharacter.getType(cp) == UCharacter.CONTROL;
    }

    /**
     * A character with no glyph of its own that still belongs to the text the shaper sees, and to
     * the text a reader gets back: a joiner (ZWJ after a virama asks for a half form, ZWNJ keeps two
     * Arabic letters apart), a direction mark, a variation selector, the grapheme joiner. Not a
     * control character, nor a bidi embedding, override or isolate: ICU's Bidi has already used
     * those (layout inserts its own isolates around phone numbers and foreign names), and they are
     * never drawn or written into the text.
     */
    static boolean shapedWithNeighbours(int cp) {
        if (!needsNoGlyph(cp) || UCharacter.getType(cp) == UCharacter.CONTROL) {
            return false;
        }
        if (!UCharacter.hasBinaryProperty(cp, UProperty.BIDI_CONTROL)) {
            return true;
        }
        // of the bidi controls, only the marks (LRM, RLM, ALM) are strong characters in their own right
        int direction = UCharacter.getDirection(cp);
        return direction == UCharacter.LEFT_TO_RIGHT || direction == UCharacter.RIGHT_TO_LEFT
                || direction == UCharacter.RIGHT_TO_LEFT_ARABIC;
    }

    /** U+2800 BRAILLE PATTERN BLANK: a symbol whose glyph is blank by design. */
    private static final int BRAILLE_BLANK = 0x2800;

    /**
     * Whether a character must leave ink where it is drawn: a letter, number, punctuation mark,
     * symbol or spacing mark (Mc: a vowel sign such as U+093E DEVANAGARI VOWEL SIGN AA has a glyph
     * and an advance of its own). Not white space, not a non-spacing or enclosing mark (drawn on
     * another glyph, and sometimes as an empty glyph by design once shaped), not a character that
     * needs no glyph, not U+2800 BRAILLE PATTERN BLANK.
     */
    public static boolean drawsInk(int cp) {
        if (needsNoGlyph(cp) || UCharacter.isUWhiteSpace(cp) || cp == BRAILLE_BLANK) {
            return false;
        }
        return switch (UCharacter.getType(cp)) {
            case UCharacter.UPPERCASE_LETTER, UCharacter.LOWERCASE_LETTER, UCharacter.TITLECASE_LETTER, UCharacter.MODIFIER_LETTER,
                 UCharacter.OTHER_LETTER, UCharacter.DECIMAL_DIGIT_NUMBER, UCharacter.LETTER_NUMBER, UCharacter.OTHER_NUMBER,
                 UCharacter.CONNECTOR_PUNCTUATION, UCharacter.DASH_PUNCTUATION, UCharacter.START_PUNCTUATION,
                 UCharacter.END_PUNCTUATION, UCharacter.INITIAL_PUNCTUATION, UCharacter.FINAL_PUNCTUATION,
                 UCharacter.OTHER_PUNCTUATION, UCharacter.MATH_SYMBOL, UCharacter.CURRENCY_SYMBOL, UCharacter.MODIFIER_SYMBOL,
                 UCharacter.OTHER_SYMBOL, UCharacter.COMBINING_SPACING_MARK -> true;
            default -> false;
        };
    }

    /**
     * Whether a character's glyph must have an advance between nothing and {@link Face#WIDEST}:
     * a letter or decimal digit that is not a compatibility character. Punctuation, symbols and
     * presentation forms are left out, since fonts give some of them no width or several ems by
     * design (in ours: U+2E3C STENOGRAPHIC FULL STOP and U+A8FA DEVANAGARI CARET have none,
     * U+2E3B THREE-EM DASH is 2.8 em, U+FDFD, the Bismillah ligature, 6.3 em).
     */
    static boolean hasOwnWidth(int cp) {
        int decomposition = UCharacter.getIntPropertyValue(cp, UProperty.DECOMPOSITION_TYPE);
        return (UCharacter.isLetter(cp) || UCharacter.getType(cp) == UCharacter.DECIMAL_DIGIT_NUMBER)
                && (decomposition == UCharacter.DecompositionType.NONE || decomposition == UCharacter.DecompositionType.CANONICAL);
    }

    @Override
    public OptionalInt firstMissing(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!needsNoGlyph(cp) && (first(regular, cp) == null || first(bold, cp) == null)) {
                return OptionalInt.of(cp);
            }
            i += Character.charCount(cp);
        }
        return OptionalInt.empty();
    }

    @Override
    public List<Damage> unreadable() {
        List<Damage> out = new ArrayList<>();
        for (Face f : fontFaces()) {
            f.unreadable().ifPresent(why -> out.add(new Damage(f.shown(), why + ": the font file is damaged; replace it")));
        }
        return out;
    }

    private Set<Face> fontFaces() {
        Set<Face> all = new java.util.LinkedHashSet<>(regular);
        all.addAll(bold);
        return all;
    }

    /**
     * Checks each character in every face that may draw it: the first face that has it, or for a
     * character of no script of its own (digits, punctuation, combining marks) any face that has
     * it, since the typesetter keeps such characters in the face of their neighbours.
     */
    @Override
    public List<Damage> damaged(String text) {
        List<Damage> out = List.of();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!drawsInk(cp)) {
                continue;
            }
            int script = UScript.getScript(cp);
            boolean neutral = script == UScript.COMMON || script == UScript.INHERITED;
            for (int style = 0; style < 2; style++) {
                for (Face f : style == 0 ? regular : bold) {
                    if (!f.covers(cp)) {
                        continue;
                    }
                    if (f.fault(cp).isPresent()) {
                        if (out.isEmpty()) {
                            out = new ArrayList<>();
                        }
                        int first = f.firstFault(cp);
                        out.add(new Damage(f.shown(), String.format(java.util.Locale.ROOT,
                                "the glyph for U+%04X %s (%s) %s: the font file is damaged; replace it", first, UCharacter.getName(first),
                                new String(Character.toChars(first)), f.fault(first).orElseThrow())));
                    }
                    if (!neutral) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    static Face first(List<Face> faces, int cp) {
        for (Face f : faces) {
            if (f.covers(cp)) {
                return f;
            }
        }
        return null;
    }

    @Override
    public List<String> fontFiles() {
        return fontFaces().stream().map(Face::file).toList();
    }
}
