package org.handout.i18n;

import java.time.LocalDate;
import java.util.Optional;

/**
 * How a bundle was made: the language and English edition it was translated from, how, whether
 * a qualified medical reviewer has checked it, and if so who and when.
 */
public record Translation(String from, LocalDate edition, String method, Status status,
                          Optional<String> reviewer, Optional<LocalDate> reviewed) {

    /** Review state of a translation. */
    public enum Status {
        /** Not yet checked by a qualified medical reviewer; every page says so. */
        DRAFT,
        /** Checked by the named reviewer on the given date. */
        REVIEWED
    }

    public boolean isDraft() {
        return status == Status.DRAFT;
    }
}
