package org.handout.layout;

import java.util.List;

/**
 * One laid-out page: its size in points, the lowest the baselines of its body may reach (the
 * footer is below), and what is drawn on it, in reading order.
 */
public record Page(float width, float height, float bodyBottom, List<Item> items) {
    public Page {
        items = List.copyOf(items);
    }
}
