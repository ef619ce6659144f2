package org.handout.report;

/** How bad a problem is: an error stops the affected output, a warning only informs. */
public enum Severity {
    ERROR,
    WARNING;

    /** The lower-case word used in messages ("error", "warning"). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
