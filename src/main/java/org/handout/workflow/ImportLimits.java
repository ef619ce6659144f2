package org.handout.workflow;

/**
 * The sizes an imported translation file ({@code import-xliff}, {@code import-po}) may have,
 * checked before anything is parsed or written: every real export of handout is far below them
 * (the largest, Arabic's XLIFF, is about 0.3 MB; the longest string about 700 characters), and a
 * file or string above them is a tool's mistake or a hostile file, which would otherwise import
 * into a bundle the loader then refuses.
 */
public final class ImportLimits {
    /** A file larger than this is refused before it is read. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
    /** A translation or a note longer than this (in characters) is not imported. */
    public static final int MAX_ENTRY_CHARS = 16 * 1024;

    private ImportLimits() {
    }
}
