package org.handout.doc;

/** The localized "Page X of Y", known only once layout has counted the pages. */
@FunctionalInterface
public interface PageLabels {
    /** The label for page {@code page} (1-based) of {@code pages}. */
    String label(int page, int pages);
}
