package org.handout.layout;

import java.util.List;
import org.handout.doc.Leaflet;

/** A leaflet laid out into pages, with its logical structure ({@code tags}), ready to be written as PDF. */
public record LaidOut(Leaflet leaflet, List<Page> pages, Tag tags) {
    public LaidOut {
        pages = List.copyOf(pages);
    }
}
