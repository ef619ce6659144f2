package org.handout.verify;

import com.ibm.icu.lang.UCharacter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.handout.layout.FontChain;

/**
 * Glyphs that draw nothing where their text (ToUnicode) is a letter, digit, punctuation mark or
 * symbol: the embedded font is damaged, and the page shows a gap where a reader expects a word.
 * Spaces, non-spacing marks (Devanagari's anusvara is an empty glyph once shaped), characters that
 * need no glyph and U+2800 BRAILLE PATTERN BLANK may be blank ({@link FontChain#drawsInk}); so may
 * an empty glyph that carries the text of a shape the same span fills where it stands (a mark, or
 * in a right-to-left line a glyph of another face: see pdf/PdfExporter).
 */
public final class BlankGlyphs {
    private BlankGlyphs() {
    }

    /** One failure per font with such a glyph, at its first, in page order. */
    public static List<String> failures(PdfReadBack pdf) {
        List<String> out = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (PdfReadBack.PageText page : pdf.pages()) {
            for (PdfReadBack.Span span : page.spans()) {
                for (PdfReadBack.Glyph g : span.glyphs()) {
                    if (!g.blank() || g.unicode() == null || carries(span, g) || continues(g)) {
                        continue;
                    }
                    OptionalInt ink = g.unicode().codePoints().filter(FontChain::drawsInk).findFirst();
                    String font = g.font().substring(g.font().indexOf('+') + 1);
                    if (ink.isPresent() && named.add(font)) {
                        out.add("fonts: the glyph for «" + g.unicode() + "» (" + font + ") is blank: the embedded font draws nothing for "
                                + kind(ink.getAsInt()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether a glyph without width carries the rest of the text of the glyph before it, which draws
     * it (the part of a conjunct after its virama, as pdf.js needs it: see pdf/GlyphTexts).
     */
    static boolean continues(PdfReadBack.Glyph g) {
        return g.width() == 0 && !g.unicode().isEmpty()
                && UCharacter.getType(g.unicode().codePointAt(0)) == UCharacter.NON_SPACING_MARK;
    }

    /** Whether the span fills a shape where the glyph stands: within an em of it, on its line. */
    static boolean carries(PdfReadBack.Span span, PdfReadBack.Glyph g) {
        float em = Math.max(g.size(), 1);
        for (float[] b : span.shapes()) {
            boolean across = b[0] <= g.x() + Math.max(g.width(), 0) + em * 0.2f && b[2] >= g.x() - em;
            boolean line = b[1] <= g.y() + em * 1.5f && b[3] >= g.y() - em * 0.8f;
            if (across && line) {
                return true;
            }
        }
        return false;
    }

    private static String kind(int cp) {
        if (UCharacter.isLetter(cp)) {
            return "a letter";
        }
        if (UCharacter.isDigit(cp)) {
            return "a digit";
        }
        return switch (UCharacter.getType(cp)) {
            case UCharacter.MATH_SYMBOL, UCharacter.CURRENCY_SYMBOL, UCharacter.MODIFIER_SYMBOL, UCharacter.OTHER_SYMBOL -> "a symbol";
            case UCharacter.COMBINING_SPACING_MARK -> "a vowel sign";
            case UCharacter.LETTER_NUMBER, UCharacter.OTHER_NUMBER -> "a number";
            default -> "punctuation";
        };
    }
}
