package org.handout.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of a whole run so they can be reported together (a loader records a
 * problem and goes on instead of throwing at the first one). Not thread-safe.
 */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void add(Problem problem) {
        list.add(problem);
    }

    public void error(String file, int line, int column, String key, String message) {
        add(Problem.error(file, line, column, key, message));
    }

    public void warning(String file, int line, int column, String key, String message) {
        add(Problem.warning(file, line, column, key, message));
    }

    public void addAll(Problems other) {
        list.addAll(other.list);
    }

    public boolean hasErrors() {
        return list.stream().anyMatch(Problem::isError);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int errorCount() {
        return (int) list.stream().filter(Problem::isError).count();
    }

    /** The problems so far, sorted by file and position, without duplicates. */
    public List<Problem> sorted() {
        return list.stream().distinct().sorted(Problem.ORDER).toList();
    }
}
