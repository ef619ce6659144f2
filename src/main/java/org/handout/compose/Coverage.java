package org.handout.compose;

import java.util.List;
import java.util.OptionalInt;

/** Which characters the fonts of one language can show; asked before any text is laid out. */
public interface Coverage {
    /** The first code point of {@code text} that no font of the chain has, if any. */
    OptionalInt firstMissing(String text);

    /** The font files of the chain, for messages. */
    List<String> fontFiles();
}
