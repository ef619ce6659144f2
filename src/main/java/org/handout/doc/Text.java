package org.handout.doc;

import java.util.List;
import java.util.stream.Collectors;

/** A paragraph's worth of inline runs, in logical (reading) order. */
public record Text(List<Inline> parts) {

    public Text {
        parts = List.copyOf(parts);
    }

    /** A text of one plain run. */
    public static Text plain(String s) {
        return new Text(List.of(new Inline.Plain(s)));
    }

    /** A text of one bold run. */
    public static Text strong(String s) {
        return new Text(List.of(new Inline.Strong(s)));
    }

    /** All runs joined, as a reader would copy them. */
    public String plainText() {
        return parts.stream().map(Inline::text).collect(Collectors.joining());
    }
}
