package org.handout.layout;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
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
public record FontChain(String name, List<Face> regular, List<Face> bold, Set<Face> fallback) implements Coverage {

    public FontChain {
        regular = List.copyOf(regular);
        bold = List.copyOf(bold);
        fallback = Set.copyOf(fallback);
    }

    /** A chain whose every face sets the line height. */
    public FontChain(String name, List<Face> regular, List<Face> bold) {
        this(name, regular, bold, Set.of());
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
        Set<String> files = new LinkedHashSet<>();
        regular.forEach(f -> files.add(f.file()));
        bold.forEach(f -> files.add(f.file()));
        return new ArrayList<>(files);
    }
}
