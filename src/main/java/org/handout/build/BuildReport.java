package org.handout.build;

import java.nio.file.Path;
import java.util.List;
import org.handout.report.Problem;

/**
 * The outcome of a build: the PDFs written, the stale PDFs removed because they could no longer
 * be built, the problems found (sorted), and whether the request itself was wrong.
 */
public record BuildReport(List<Path> written, List<Path> removed, List<Problem> problems, boolean usageError) {
    public BuildReport {
        written = List.copyOf(written);
        removed = List.copyOf(removed);
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
