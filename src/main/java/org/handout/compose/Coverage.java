package org.handout.compose;

import java.util.List;
import java.util.OptionalInt;

/** Which characters the fonts of one language can show; asked before any text is laid out. */
public interface Coverage {
    /** The first code point of {@code text} that no font of the chain has, if any. */
    OptionalInt firstMissing(String text);

    /** The font files of the chain that the PDF writer cannot read (each tried once per run, when first asked). */
    List<Damage> unreadable();

    /**
     * The font files of the chain that would draw a character of {@code text} wrongly (its glyph
     * blank, or its advance impossible: the file is damaged), each named with its first bad
     * character (the lowest code point, whichever text found it). Empty when none; a file may be
     * listed more than once.
     */
    List<Damage> damaged(String text);

    /** The font files of the chain, for messages. */
    List<String> fontFiles();

    /** A damaged font file, as problems name it, and what is wrong with it. */
    record Damage(String file, String message) {
    }
}
