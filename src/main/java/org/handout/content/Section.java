package org.handout.content;

import java.util.List;

/** A section of a leaflet: a heading and its blocks. */
public record Section(String id, Message heading, List<SourceBlock> blocks) {
    public Section {
        blocks = List.copyOf(blocks);
    }
}
