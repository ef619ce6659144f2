package org.handout.build;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import java.nio.file.Path;
import java.util.List;
import org.handout.report.Problem;

/**
 * The outcome of a build: the PDFs written, the PDFs kept from an earlier build that could not be
 * rebuilt (left untouched, and marked stale in the manifest with the reason), the problems found
 * (sorted), whether the request itself was wrong, and the files that have problems outside what
 * was asked for (other languages, other leaflets: they neither fail the build nor are listed in it).
 */
public record BuildReport(List<Path> written, Map<Path, String> stale, List<Problem> problems, boolean usageError,
                          Map<String, Integer> elsewhere) {
    public BuildReport {
        written = List.copyOf(written);
        stale = Collections.unmodifiableMap(new LinkedHashMap<>(stale));
        problems = List.copyOf(problems);
        elsewhere = Collections.unmodifiableMap(new java.util.TreeMap<>(elsewhere));
    }

    /** A report with no problems outside the request. */
    public BuildReport(List<Path> written, Map<Path, String> stale, List<Problem> problems, boolean usageError) {
        this(written, stale, problems, usageError, Map.of());
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** 0 when everything was built, 1 when content or translations are wrong, 2 for a usage error. */
    public int exitCode() {
        return usageError ? 2 : hasErrors() ? 1 : 0;
    }
}
