package org.handout.layout;

import java.util.List;

/**
 * One set line of a paragraph: its width in points, and its pieces in logical (reading) order,
 * each placed at its visual position.
 */
record Line(float width, List<Piece> pieces) {
    Line {
        pieces = List.copyOf(pieces);
    }
}
