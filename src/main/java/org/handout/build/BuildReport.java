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
 * (sorted), and whether the request itself was wrong.
 */
public record BuildReport(List<Path> written, Map<Path, String> stale, List<Problem> problems, boolean usageError) {
    public BuildReport {
        written = List.copyOf(written);
        stale = Collections.unmodifiableMap(new LinkedHashMap<>(stale));
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** 0 when everything was built, 1 when content or translations are wrong, 2 for a usage error. */
    public int exitCode() {
        return usageError ? 2 : hasErrors() ? 1 : 0;
    }
}
