package org.handout.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handout.i18n.Bundle;
import org.handout.i18n.BundleChecker;
import org.handout.report.Problem;
import org.handout.report.Problems;

/**
 * One import of a translator's file (XLIFF or PO) into a bundle: what it works on, and the keys
 * it finds updated, unchanged, stale or rejected (and, for XLIFF, marked reviewed by the tool).
 */
record ImportRun(String tag, String shown, Bundle bundle, BundleChecker checker, Problems problems,
                 Map<String, BundleWriter.Entry> entries, List<String> updated, List<String> unchanged, List<String> stale,
                 List<String> rejected, List<String> toolReviewed) {

    ImportRun(String tag, String shown, Bundle bundle, BundleChecker checker, Problems problems, Map<String, BundleWriter.Entry> entries) {
        this(tag, shown, bundle, checker, problems, entries, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
    }

    /** Records an entry as the file gives it: updated when it differs from the bundle's, else unchanged. */
    void record(String key, BundleWriter.Entry fresh) {
        if (fresh.equals(entries.get(key))) {
            unchanged.add(key);
        } else {
            entries.put(key, fresh);
            updated.add(key);
        }
    }

    /** What the import did. */
    Xliff.Imported imported() {
        return new Xliff.Imported(tag, updated, unchanged, stale, rejected);
    }

    /**
     * Whether {@code file} is over {@link ImportLimits#MAX_FILE_BYTES}; if so it is reported (as
     * {@code what}, e.g. "a PO file") and nothing of it is read.
     */
    static boolean tooLarge(Path file, String shown, String what, String export, Problems problems) throws IOException {
        long size = Files.size(file);
        if (size <= ImportLimits.MAX_FILE_BYTES) {
            return false;
        }
        problems.add(Problem.error(shown, 0, 0, "", "the file is " + size + " bytes, more than the " + ImportLimits.MAX_FILE_BYTES
                + " (8 MB) " + what + " of handout's may have; nothing was read").withHint("export again (handout " + export + ") and import that file"));
        return true;
    }
}
