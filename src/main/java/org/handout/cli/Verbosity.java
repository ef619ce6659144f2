package org.handout.cli;

/** How much a command prints: errors only ({@code -q}), a line per language and a summary, or each leaflet with timings ({@code -v}). */
enum Verbosity {
    QUIET, NORMAL, VERBOSE
}
