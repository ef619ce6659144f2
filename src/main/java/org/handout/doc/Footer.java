package org.handout.doc;

import java.util.List;

/**
 * What every page carries at its foot: the notes (the care-team disclaimer, the revision date,
 * and for a translation what it was translated from and whether it has been reviewed), and the
 * page label. {@code warning} marks the note that must stand out (a draft translation).
 */
public record Footer(List<Text> notes, java.util.Optional<Text> warning, PageLabels pageLabels) {
    public Footer {
        notes = List.copyOf(notes);
    }
}
