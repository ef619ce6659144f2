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
 * need no glyph and U+2800 BRAILLE PATTERN BLANK may be blank ({@link FontChain#drawsInk}).
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
                    if (!g.blank() || g.unicode() == null) {
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
