package org.handout.content;

/**
 * A located ICU MessageFormat pattern: its stable key (e.g. {@code overview.who.age}), its ICU
 * pattern, and the file, line and column where it is written (English source or translation).
 */
public record Message(String key, String pattern, String file, int line, int column) {
}
