package org.handout.layout;

import java.util.List;

/** One laid-out page: its size in points and what is drawn on it, in reading order. */
public record Page(float width, float height, List<Item> items) {
    public Page {
        items = List.copyOf(items);
    }
}
