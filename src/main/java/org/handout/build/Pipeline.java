package org.handout.build;

import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.handout.doc.Leaflet;
import org.handout.i18n.Languages;
import org.handout.layout.LaidOut;
import org.handout.i18n.Bundle;
import org.handout.i18n.BundleChecker;
import org.handout.layout.Paper;
import org.handout.pdf.PdfExporter;
import org.handout.report.Problem;
import org.handout.report.Problems;

/**
 * The main job: build every requested leaflet in every requested language into
 * {@code <out>/<lang>/<leaflet>.pdf}. Every input is checked first and all problems are reported
 * together; a leaflet that cannot be built is not written, and an older PDF of it is left
 * untouched but marked stale in {@code manifest.json}, with the reason. Each PDF is written to a
 * temporary file and renamed into place, so no reader ever sees half a PDF, and a build holds a
 * lock on the output folder, so two builds never write into one folder at once.
 */
public final class Pipeline {
    private final Workspace workspace;
    private final PrintStream progress;
    private Optional<org.handout.clinic.Clinic> clinic = Optional.empty();

    public Pipeline(Workspace workspace, PrintStream progress) {
        this.workspace = workspace;
        this.progress = progress;
    }

    /**
     * Runs the build, holding the output folder's lock. A clinic's edition is checked first and
     * goes to {@code <out>/<clinic id>/}.
     */
    public BuildReport build(BuildOptions requested) {
        BuildOptions options = requested;
        Optional<org.handout.clinic.Clinic> clinic = Optional.empty();
        if (requested.clinic().isPresent()) {
            Path file = requested.clinic().get().toAbsolutePath();
            Problems problems = new Problems();
            String shown = file.startsWith(workspace.root()) ? workspace.root().relativize(file).toString() : file.toString();
            if (!Files.isRegularFile(file)) {
                problems.error(shown, 0, 0, "", "no clinic profile here (clinics/<id>.yaml)");
                return new BuildReport(List.of(), Map.of(), problems.sorted(), true);
            }
            clinic = org.handout.clinic.ClinicLoader.load(file, shown, problems);
            if (clinic.isEmpty()) {
                progress.println("nothing built: the clinic profile has errors");
                return new BuildReport(List.of(), Map.of(), problems.sorted(), false);
            }
            options = requested.withOutput(requested.output().resolve(clinic.get().id()));
        }
        this.clinic = clinic;
        Path lockFile = options.output().resolve(".handout.lock");
        try {
            Files.createDirectories(options.output());
        } catch (IOException e) {
            return new BuildReport(List.of(), Map.of(), List.of(Problem.error(options.output().toString(), 0, 0, "",
                    "cannot create the output folder: " + e.getMessage())), false);
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return new BuildReport(List.of(), Map.of(), List.of(Problem.error(options.output().toString(), 0, 0, "",
                        "another build is writing to this folder; nothing was written").withHint(
                        "wait for it to finish and build again, or build into another folder with --out")), false);
            }
            cleanUp(options.output());
            return locked(options);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return new BuildReport(List.of(), Map.of(), List.of(Problem.error(options.output().toString(), 0, 0, "",
                    "another build in this process is writing to this folder; nothing was written")), false);
        } catch (IOException e) {
            return new BuildReport(List.of(), Map.of(), List.of(Problem.error(lockFile.toString(), 0, 0, "",
                    "cannot lock the output folder: " + e.getMessage())), false);
        }
    }

    /**
     * Removes what a build killed part-way left behind: temporary files never renamed into place.
     * Only under the lock, so they cannot belong to a build that is still running.
     */
    private static void cleanUp(Path output) {
        try (Stream<Path> s = Files.walk(output, 2)) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith(".") && f.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary file is harmless: it is never read, and never has a .pdf name
        }
    }

    private BuildReport locked(BuildOptions options) {
        if (!options.force()) {
            Optional<BuildReport> nothingToDo = upToDate(options);
            if (nothingToDo.isPresent()) {
                return nothingToDo.get();
            }
        }
        Project project = Project.load(workspace);
        Problems problems = new Problems();
        // a draft build fills the gaps of translations (missing, not translated, out of date), so
        // they are warnings there; anything else wrong stays an error
        project.problems().forEach(p -> problems.add(options.draft() && BundleChecker.isGap(p) ? p.asWarning() : p));
        List<Path> written = new ArrayList<>();
        Map<Path, String> stale = new LinkedHashMap<>();
        Manifest manifest = Manifest.read(options.output());

        if (!regionOk(options)) {
            problems.error("", 0, 0, "", "'" + options.region().get() + "' is not a region code (e.g. US, GB, MX, 419)");
            return new BuildReport(written, stale, problems.sorted(), true);
        }
        for (String tag : options.languages()) {
            if (!Languages.wellFormed(tag)) {
                problems.error("", 0, 0, "", "'" + tag + "' is not a well-formed language tag (e.g. ar, es-MX, zh-Hans)");
                return new BuildReport(written, stale, problems.sorted(), true);
            }
        }
        // canonical spelling, so "zh-hans" and "AR" land in output/zh-Hans and output/ar
        List<String> tags = options.languages().isEmpty() ? project.languageTags()
                : options.languages().stream().map(t -> ULocale.forLanguageTag(t).toLanguageTag()).distinct().toList();
        if (!project.usable()) {
            for (String tag : tags) {
                markAll(manifest, options, tag, "the content or the fonts have errors", stale);
            }
            writeManifest(manifest, options, problems);
            progress.println("nothing built: content or fonts have errors");
            return new BuildReport(written, stale, problems.sorted(), false);
        }
        List<String> known = project.content().leafletIds();
        for (String id : options.leaflets()) {
            if (!known.contains(id)) {
                problems.error("", 0, 0, "", "unknown leaflet '" + id + "'; the leaflets are " + String.join(", ", known));
                return new BuildReport(written, stale, problems.sorted(), true);
            }
        }
        List<String> leaflets = options.leaflets().isEmpty() ? known : options.leaflets();
        Inputs inputs = new Inputs(workspace);
        String tool = "handout " + Workspace.version();
        int threads = options.jobs() > 0 ? options.jobs() : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "handout-build");
            t.setDaemon(true);
            return t;
        }) : null;
        // one exporter (with its OpenPDF fonts) per thread: fonts are parsed once per thread, documents never share them
        ThreadLocal<PdfExporter> exporters = ThreadLocal.withInitial(() -> new PdfExporter(tool));
        Map<String, Language> byTag = new LinkedHashMap<>();
        long begin = System.nanoTime();
        for (String tag : tags) {
            List<String> mine = leaflets.stream().filter(l -> options.shard().includes(tag, l)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Optional<String> broken = project.brokenBundleFor(tag);
            if (broken.isPresent()) {
                for (String leaflet : mine) {
                    mark(manifest, options, tag + "/" + leaflet + ".pdf", "translations/" + broken.get() + ".yaml has errors", stale);
                }
                progress.printf(Locale.ROOT, "%-8s 0 of %d leaflets  HELD BACK: translations/%s.yaml has errors%n", tag, mine.size(),
                        broken.get());
                continue;
            }
            Languages.Resolution r = project.languages().resolve(tag);
            Paper paper = paper(options, r.formatLocale());
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String leaflet : mine) {
                String path = tag + "/" + leaflet + ".pdf";
                String fingerprint = inputs.fingerprint(tag, leaflet, options, paper.label());
                Callable<Outcome> job = () -> build(project, options, r, paper, tag, leaflet, fingerprint, manifest, exporters.get());
                futures.add(pool == null ? completed(job) : pool.submit(job));
            }
            byTag.put(tag, new Language(r, paper, futures));
        }
        for (Map.Entry<String, Language> e : byTag.entrySet()) {
            String tag = e.getKey();
            Language language = e.getValue();
            int pages = 0;
            int built = 0;
            int current = 0;
            long ms = 0;
            List<String> heldBack = new ArrayList<>();
            for (Future<Outcome> f : language.futures()) {
                Outcome o = result(f);
                o.problems().sorted().forEach(problems::add);
                ms += o.millis();
                String path = tag + "/" + o.leaflet() + ".pdf";
                if (o.held().isPresent()) {
                    heldBack.add(o.held().get());
                    mark(manifest, options, path, "held back: " + o.held().get(), stale);
                    continue;
                }
                pages += o.entry().pages();
                manifest.put(o.entry());
                if (o.upToDate()) {
                    current++;
                } else {
                    written.add(options.output().resolve(path));
                    built++;
                }
            }
            int total = language.futures().size();
            String done = current == 0 ? built + " of " + total + " leaflets"
                    : current == total ? total + " of " + total + " leaflets up to date"
                    : (built + current) + " of " + total + " leaflets (" + current + " up to date)";
            String via = language.served().bundle().tag().equals(tag) ? "" : " (text from " + language.served().bundle().tag() + ")";
            progress.printf(Locale.ROOT, "%-8s %s, %d pages (%s), %d ms%s%s%n", tag, done, pages, language.paper().label(), ms, via,
                    heldBack.isEmpty() ? "" : "  HELD BACK: " + String.join(", ", heldBack));
            if (language.served().fellBack()) {
                problems.warning("", 0, 0, "", "no translation for '" + tag + "': built in " + language.served().bundle().tag());
            }
        }
        if (pool != null) {
            pool.shutdown();
        }
        if (options.languages().isEmpty() && options.shard().count() == 1) {
            // PDFs of a language the project no longer has are not left looking current
            for (Manifest.Entry e : List.copyOf(manifest.entries())) {
                if (!tags.contains(e.language()) && e.stale().isEmpty()) {
                    mark(manifest, options, e.path(), "its language is no longer built (no translations/" + e.language() + ".yaml)", stale);
                }
            }
        }
        writeManifest(manifest, options, problems);
        long wall = (System.nanoTime() - begin) / 1_000_000;
        if (threads > 1 && !byTag.isEmpty()) {
            progress.printf(Locale.ROOT, "%d ms on %d threads%n", wall, threads);
        }
        return new BuildReport(written, stale, problems.sorted(), false);
    }

    private static void mark(Manifest manifest, BuildOptions options, String path, String reason, Map<Path, String> stale) {
        if (manifest.markStale(options.output(), path, reason)) {
            stale.put(options.output().resolve(path), reason);
        }
    }

    /** When nothing can be built, every PDF of the language (of the requested leaflets) is stale. */
    private static void markAll(Manifest manifest, BuildOptions options, String tag, String reason, Map<Path, String> stale) {
        Path dir = options.output().resolve(tag);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".pdf")).sorted().toList()) {
                String id = p.getFileName().toString().replaceFirst("\\.pdf$", "");
                if (options.leaflets().isEmpty() || options.leaflets().contains(id)) {
                    mark(manifest, options, tag + "/" + id + ".pdf", reason, stale);
                }
            }
        } catch (IOException e) {
            // an unreadable folder has nothing we could mark
        }
    }

    private static void writeManifest(Manifest manifest, BuildOptions options, Problems problems) {
        try {
            manifest.write(options.output(), "handout " + Workspace.version());
        } catch (IOException ex) {
            problems.error(options.output().resolve("manifest.json").toString(), 0, 0, "", "cannot write: " + ex.getMessage());
        }
    }

    /**
     * The no-op build: when the manifest shows every PDF of the matrix made from the inputs there
     * are now, nothing is loaded, composed or written. Checks only file fingerprints, so a rebuild
     * that changes nothing takes about as long as the JVM takes to start.
     */
    private Optional<BuildReport> upToDate(BuildOptions options) {
        Manifest manifest = Manifest.read(options.output());
        if (manifest.entries().isEmpty() || !regionOk(options)) {
            return Optional.empty();
        }
        List<String> tags = new ArrayList<>();
        if (options.languages().isEmpty()) {
            tags.add(Bundle.SOURCE_TAG);
            try (Stream<Path> s = Files.list(workspace.translations())) {
                s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - 5))
                        .sorted().forEach(tags::add);
            } catch (IOException e) {
                return Optional.empty();
            }
        } else {
            for (String t : options.languages()) {
                if (!Languages.wellFormed(t)) {
                    return Optional.empty();
                }
                tags.add(ULocale.forLanguageTag(t).toLanguageTag());
            }
        }
        List<String> leaflets = options.leaflets().isEmpty() ? leafletIds() : options.leaflets();
        if (leaflets.isEmpty()) {
            return Optional.empty();
        }
        Inputs inputs = new Inputs(workspace);
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> papers = new LinkedHashMap<>();
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (String tag : tags) {
            Paper paper = paper(options, ULocale.forLanguageTag(tag));
            for (String leaflet : leaflets) {
                if (!options.shard().includes(tag, leaflet)) {
                    continue;
                }
                String path = tag + "/" + leaflet + ".pdf";
                expected.add(path);
                if (!manifest.current(options.output(), path, inputs.fingerprint(tag, leaflet, options, paper.label()))) {
                    return Optional.empty();
                }
                int[] c = counts.computeIfAbsent(tag, k -> new int[2]);
                c[0]++;
                c[1] += manifest.get(path).orElseThrow().pages();
                papers.put(tag, paper.label());
            }
        }
        if (options.languages().isEmpty() && options.leaflets().isEmpty() && options.shard().count() == 1
                && manifest.entries().stream().anyMatch(e -> !expected.contains(e.path()) && e.stale().isEmpty())) {
            return Optional.empty(); // the output holds PDFs the project no longer makes: let the full build say so
        }
        counts.forEach((tag, c) -> progress.printf(Locale.ROOT, "%-8s %d of %d leaflets up to date, %d pages (%s)%n", tag, c[0], c[0],
                c[1], papers.get(tag)));
        return Optional.of(new BuildReport(List.of(), Map.of(), List.of(), false));
    }

    /** The leaflet ids listed in {@code content/common.yaml}, read without loading the project; empty if unreadable. */
    private List<String> leafletIds() {
        Problems ignored = new Problems();
        return org.handout.yaml.Yaml.parse(workspace.content().resolve("common.yaml"), "content/common.yaml", ignored)
                .flatMap(n -> org.handout.yaml.YamlMap.of(n, "content/common.yaml", "", "the file", ignored))
                .flatMap(m -> m.list("leaflets"))
                .map(list -> list.stream().map(n -> n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode sn ? sn.getValue() : "")
                        .filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
    }

    /** One language of the build: how it is served, on what paper, and its leaflets being built. */
    private record Language(Languages.Resolution served, Paper paper, List<Future<Outcome>> futures) {
    }

    /** The paper: as asked, or the custom of the locale's country (or of {@code --region}). */
    private static Paper paper(BuildOptions options, ULocale locale) {
        return options.paper().orElseGet(() -> Paper.forLocale(options.region()
                .map(region -> new ULocale.Builder().setLocale(locale).setRegion(region).build()).orElse(locale)));
    }

    /** {@code --region} is absent, or an ISO 3166 country or UN M.49 region code. */
    private static boolean regionOk(BuildOptions options) {
        return options.region().map(r -> r.matches("[A-Za-z]{2}|[0-9]{3}")).orElse(true);
    }

    /** What building one leaflet in one language came to. */
    private record Outcome(String leaflet, Manifest.Entry entry, boolean upToDate, Optional<String> held, Problems problems,
                           long millis) {
    }

    /**
     * Builds {@code tag/leaflet}, or keeps it when the manifest says the file there was made from
     * the same inputs (unless {@code force}); holds it back when its translation has gaps or errors.
     */
    private Outcome build(Project project, BuildOptions options, Languages.Resolution r, Paper paper, String tag, String leaflet,
                          String fingerprint, Manifest manifest, PdfExporter exporter) {
        long start = System.nanoTime();
        Problems problems = new Problems();
        String path = tag + "/" + leaflet + ".pdf";
        Path target = options.output().resolve(path);
        List<Problem> blockers = project.blockers(tag, leaflet);
        boolean gapsOnly = !blockers.isEmpty() && blockers.stream().allMatch(BundleChecker::isGap);
        if (blockers.isEmpty() && !options.force() && manifest.current(options.output(), path, fingerprint)) {
            return new Outcome(leaflet, manifest.get(path).orElseThrow(), true, Optional.empty(), problems, 0);
        }
        Optional<Leaflet> doc = Optional.empty();
        if (blockers.isEmpty()) {
            doc = project.compose(leaflet, r, problems, clinic);
        } else if (options.draft() && gapsOnly) {
            doc = project.compose(leaflet, draft(project, r), problems, clinic).map(d -> d.asDraft(draftMark(blockers)));
        }
        if (doc.isEmpty()) {
            return new Outcome(leaflet, null, false, Optional.of(leaflet + (gapsOnly ? " (" + gaps(blockers) + ")" : "")), problems,
                    (System.nanoTime() - start) / 1_000_000);
        }
        LaidOut laidOut = project.layout(doc.get(), r, paper, options.align());
        byte[] pdf = exporter.export(laidOut, stamp(doc.get(), r));
        try {
            writeAtomically(target, pdf);
        } catch (IOException e) {
            problems.error(target.toString(), 0, 0, "", "cannot write: " + e.getMessage());
            return new Outcome(leaflet, null, false, Optional.of(leaflet + " (not written)"), problems, 0);
        }
        Manifest.Entry entry = new Manifest.Entry(path, tag, leaflet, laidOut.pages().size(), pdf.length, Inputs.sha256(pdf),
                options.draft() && !blockers.isEmpty() ? "0".repeat(64) : fingerprint);
        return new Outcome(leaflet, entry, false, Optional.empty(), problems, (System.nanoTime() - start) / 1_000_000);
    }

    private static Future<Outcome> completed(Callable<Outcome> job) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(job.call());
        } catch (Exception e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private static Outcome result(Future<Outcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The date, English edition and translation status a leaflet's PDF carries. */
    private PdfExporter.Stamp stamp(Leaflet leaflet, Languages.Resolution r) {
        java.time.Instant date = workspace.sourceDate().orElse(leaflet.revised().atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        return r.bundle().translation()
                .map(t -> new PdfExporter.Stamp(date, t.edition().toString(), t.isDraft() ? "draft" : "reviewed"))
                .orElse(new PdfExporter.Stamp(date, leaflet.revised().toString(), "source"));
    }

    /** "2 out of date: staging.x, staging.y; 1 not translated: staging.z" */
    private static String gaps(List<Problem> blockers) {
        java.util.Map<String, List<String>> by = new java.util.LinkedHashMap<>();
        for (Problem p : blockers) {
            String what = p.message().equals(BundleChecker.STALE) ? "out of date" : "not translated";
            by.computeIfAbsent(what, k -> new ArrayList<>()).add(p.key());
        }
        StringBuilder b = new StringBuilder();
        by.forEach((what, keys) -> b.append(b.isEmpty() ? "" : "; ").append(keys.size()).append(' ').append(what).append(": ")
                .append(String.join(", ", keys.subList(0, Math.min(3, keys.size()))))
                .append(keys.size() > 3 ? ", … (handout check lists them)" : ""));
        return b.toString();
    }

    /** The line a draft build's pages carry: what is English, what is out of date. */
    private static String draftMark(List<Problem> gaps) {
        long stale = gaps.stream().filter(p -> p.message().equals(BundleChecker.STALE)).count();
        long english = gaps.size() - stale;
        List<String> parts = new ArrayList<>();
        if (english > 0) {
            parts.add(english + " string" + (english == 1 ? "" : "s") + " not translated (shown in English)");
        }
        if (stale > 0) {
            parts.add(stale + " string" + (stale == 1 ? "" : "s") + " translated from an older English");
        }
        return "DRAFT BUILD, NOT FOR FAMILIES: " + String.join("; ", parts) + ".";
    }

    /** The language with every message it lacks taken from the English, for a draft build. */
    private static Languages.Resolution draft(Project project, Languages.Resolution r) {
        Bundle b = r.bundle();
        java.util.Map<String, org.handout.content.Message> messages = new java.util.LinkedHashMap<>(b.messages());
        Bundle.source(project.content()).messages().forEach(messages::putIfAbsent);
        return new Languages.Resolution(r.requested(), new Bundle(b.tag(), b.file(), b.translation(), messages, b.origins()),
                r.formatLocale());
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().threadId() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true); // on disk before the rename makes it visible
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

}
