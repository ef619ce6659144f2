package org.handout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.handout.build.BuildOptions;
import org.handout.build.Workspace;

/**
 * {@code handout watch}: builds as {@code build} does, then again each time a file under
 * {@code content/}, {@code translations/}, {@code clinics/} or {@code fonts/} is saved, printing the
 * located problems of each round. The builds are incremental (what did not change is kept), and a
 * leaflet that a broken save stops keeps its last good PDF, marked stale in the manifest, until the
 * file is fixed. Saves that come together (an editor writes a file in two steps) make one round.
 * It runs until interrupted (Ctrl-C).
 */
final class Watch {
    /** How long after a save it waits for the saves that come with it. */
    static final long SETTLE_MILLIS = 80;

    private final Workspace ws;
    private final BuildOptions options;
    private final Verbosity verbosity;
    private final PrintStream out;
    private final PrintStream err;

    Watch(Workspace ws, BuildOptions options, Verbosity verbosity, PrintStream out, PrintStream err) {
        this.ws = ws;
        this.options = options;
        this.verbosity = verbosity;
        this.out = out;
        this.err = err;
    }

    int run() {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            List<Path> watched = new ArrayList<>();
            for (Path dir : List.of(ws.content(), ws.translations(), ws.clinics(), ws.fonts())) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> s = Files.walk(dir, 4)) {
                    for (Path d : s.filter(Files::isDirectory).toList()) {
                        d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                                StandardWatchEventKinds.ENTRY_DELETE);
                        watched.add(d);
                    }
                }
            }
            round("started");
            out.println("watching " + watched.size() + " folders under content/, translations/, clinics/ and fonts/ (Ctrl-C to stop)");
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watcher.take();
                List<String> changed = new ArrayList<>();
                collect(key, changed);
                // the saves that come with this one make one round
                for (WatchKey more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS); more != null;
                        more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) {
                    collect(more, changed);
                }
                if (!changed.isEmpty()) {
                    round(String.join(", ", changed.stream().distinct().limit(5).toList()) + (changed.size() > 5 ? " ..." : "") + " saved");
                }
            }
            return 0;
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (IOException e) {
            err.println("handout watch: cannot watch the project's folders: " + e.getMessage());
            return 1;
        }
    }

    private void collect(WatchKey key, List<String> changed) {
        Path dir = (Path) key.watchable();
        key.pollEvents().forEach(e -> {
            if (e.context() instanceof Path p && !p.getFileName().toString().startsWith(".")) {
                changed.add(ws.root().toAbsolutePath().relativize(dir.resolve(p).toAbsolutePath()).toString());
            }
        });
        key.reset();
    }

    private void round(String why) {
        long start = System.nanoTime();
        if (verbosity != Verbosity.QUIET) {
            out.println("--- " + why);
        }
        int code = Main.build(ws, options, verbosity, false, false, out, err);
        if (verbosity != Verbosity.QUIET) {
            out.printf(Locale.ROOT, "--- %s in %d ms; watching%n", code == 0 ? "built" : "not everything built (see above)",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
