package org.handout.build;

import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.handout.clinic.Clinic;
import org.handout.i18n.Bundle;
import org.handout.i18n.BundleChecker;
import org.handout.i18n.Languages;
import org.handout.layout.Paper;
import org.handout.pdf.PdfExporter;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.handout.world.Defaults;

/**
 * The main job: build every requested leaflet in every requested language into
 * {@code <out>/<lang>/<leaflet>.pdf} (a clinic's edition into {@code <out>/clinics/<id>/}). Every
 * input is read once and checked first, and the problems that concern what was asked for are
 * reported together (those of other languages and leaflets are only counted). A leaflet that cannot
 * be built is not written, and an older PDF of it is left untouched but marked stale in
 * {@code manifest.json}, with the reason. Each PDF is written to a temporary file and renamed into
 * place, so no reader ever sees half a PDF; what a build is about to rewrite is marked stale in the
 * manifest before it starts, so a build killed part-way never leaves the manifest claiming a PDF it
 * does not describe; and a build holds a lock on the output folder, so two builds never write into
 * one folder at once. The machine's locale and time zone are pinned for the whole run, so the
 * bytes do not depend on them.
 */
public final class Pipeline {

    private final Workspace workspace;
    private final Progress progress;

    /** A pipeline that prints its account (a line per language) to {@code progress}. */
    public Pipeline(Workspace workspace, PrintStream progress) {
        this(workspace, Progress.to(progress));
    }

    public Pipeline(Workspace workspace, Progress progress) {
        this.workspace = workspace;
        this.progress = progress;
    }

    /**
     * The folder of a clinic's edition: {@code <out>/clinics/<id>/}. Language folders are named by
     * language tags, whose first subtag has two or three letters, so this never is one of them.
     */
    public static Path clinicOutput(Path output, String clinicId) {
        return output.resolve("clinics").resolve(clinicId);
    }

    /** The languages there are bundles for (by file name) and English, without loading anything: the no-op check and "did you mean". */
    private static List<String> bundleTags(Inputs inputs, Workspace workspace) {
        List<String> tags = new ArrayList<>(List.of(Bundle.SOURCE_TAG));
        inputs.list(workspace.translations(), ".yaml").stream().map(f -> f.getFileName().toString())
                .map(n -> n.substring(0, n.length() - 5)).sorted().forEach(tags::add);
        return tags;
    }

    /** Runs the build, with the machine's locale and time zone pinned, holding the output folder's lock. */
    public BuildReport build(BuildOptions requested) {
        return Defaults.pinned(() -> run(requested));
    }

    private BuildReport run(BuildOptions requested) {
        // the request first: every tag in ICU's canonical form before anything uses it
        List<String> tags = new ArrayList<>();
        for (String t : requested.languages()) {
            Optional<String> c = Languages.canonical(t);
            if (c.isEmpty()) {
                return usage("'" + t + "' is not a well-formed language tag (e.g. ar, es-MX, zh-Hans)"
                        + org.handout.i18n.Suggestions.didYouMean(org.handout.i18n.Suggestions.language(t, bundleTags(new Inputs(workspace), workspace))), "");
            }
            if (!tags.contains(c.get())) {
                tags.add(c.get());
            }
        }
        if (!regionOk(requested)) {
            return usage("'" + requested.region().get() + "' is not a region code (e.g. US, GB, MX, 419)", "");
        }
        BuildOptions options = requested.withLanguages(tags);
        Inputs inputs = new Inputs(workspace);
        if (options.clinic().isEmpty()) {
            return OutputFolder.locked(options.output(), () -> build(options, inputs, Optional.empty()));
        }
        Path file = options.clinic().get().toAbsolutePath().normalize();
        String shown = file.startsWith(workspace.root()) ? workspace.root().relativize(file).toString() : file.toString();
        String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!Files.exists(file)) {
            return usage("no clinic profile " + shown, "a clinic's edition is built from clinics/<id>.yaml: --clinic <id>, or --clinic <file>");
        }
        if (!id.matches(Clinic.ID) || !file.getFileName().toString().endsWith(".yaml")) {
            return usage(shown + ": a clinic profile is named <id>.yaml, its id lower-case letters, digits and hyphens", "");
        }
        BuildOptions edition = options.withOutput(clinicOutput(options.output(), id));
        Problems problems = new Problems();
        Optional<Clinic> clinic = org.handout.clinic.ClinicLoader.load(inputs, file, shown, problems);
        if (clinic.isEmpty()) {
            // the edition cannot be made now: its PDFs stay as they were, marked stale, never looking current
            return OutputFolder.locked(edition.output(), () -> {
                Manifest manifest = Manifest.read(edition.output());
                Map<Path, String> stale = new LinkedHashMap<>();
                for (Manifest.Entry e : List.copyOf(manifest.entries())) {
                    if (e.stale().isEmpty()) {
                        mark(manifest, edition, e.path(), shown + " has errors", stale);
                    }
                }
                writeManifest(manifest, edition, problems);
                progress.line("nothing built: the clinic profile has errors");
                return new BuildReport(List.of(), stale, problems.sorted(), false);
            });
        }
        // a clinic's edition is printed on its country's paper in every language (a US clinic: Letter
        // throughout), unless --paper or --region says otherwise
        BuildOptions onItsPaper = edition.paper().isEmpty() && edition.region().isEmpty()
                ? edition.withRegion(clinic.get().country()) : edition;
        return OutputFolder.locked(onItsPaper.output(), () -> build(onItsPaper, inputs, clinic));
    }

    private static BuildReport usage(String message, String hint) {
        Problem p = Problem.error("", 0, 0, "", message);
        return new BuildReport(List.of(), Map.of(), List.of(hint.isEmpty() ? p : p.withHint(hint)), true);
    }

    private BuildReport build(BuildOptions options, Inputs inputs, Optional<Clinic> clinic) {
        Manifest manifest = Manifest.read(options.output());
        Problems problems = new Problems();
        if (!manifest.unreadable().isEmpty()) {
            problems.warning(options.output().resolve("manifest.json").toString(), 0, 0, "", "cannot be read (" + manifest.unreadable()
                    + "); every PDF is built again");
        }
        if (!options.force() && manifest.unreadable().isEmpty()) {
            Optional<BuildReport> nothingToDo = upToDate(options, inputs, manifest);
            if (nothingToDo.isPresent()) {
                return nothingToDo.get();
            }
        }
        // a build of some languages reads only their bundles (and the content and fonts), not every one
        Project project = options.languages().isEmpty() ? Project.load(workspace, inputs)
                : Project.loadFor(workspace, inputs, options.languages(), options.leaflets());
        List<Path> written = new ArrayList<>();
        Map<Path, String> stale = new LinkedHashMap<>();
        List<String> tags = options.languages().isEmpty() ? project.languageTags() : options.languages();
        if (!project.usable()) {
            project.problems().stream().filter(p -> !p.file().startsWith("translations/")).forEach(problems::add);
            for (String tag : tags) {
                markAll(manifest, options, tag, "the content or the fonts have errors", stale);
            }
            writeManifest(manifest, options, problems);
            progress.line("nothing built: content or fonts have errors");
            return new BuildReport(written, stale, problems.sorted(), false, elsewhere(project, problems));
        }
        List<String> known = project.content().leafletIds();
        for (String id : options.leaflets()) {
            if (!known.contains(id)) {
                return usage("unknown leaflet '" + id + "'" + org.handout.i18n.Suggestions.didYouMean(org.handout.i18n.Suggestions.nearest(id, known))
                        + " (the leaflets are " + String.join(", ", known) + ")", "");
            }
        }
        List<String> leaflets = options.leaflets().isEmpty() ? known : options.leaflets();
        // a language is built in its own language or not at all: English text under another language's
        // name would be read aloud in that language's voice
        List<String> untranslated = tags.stream()
                .filter(t -> project.brokenBundleFor(t).isEmpty() && project.languages().resolve(t).fellBack()).toList();
        if (!untranslated.isEmpty() && !options.draft()) {
            List<Problem> refused = new ArrayList<>();
            for (String t : untranslated) {
                Optional<String> meant = org.handout.i18n.Suggestions.language(t, bundleTags(inputs, workspace));
                refused.add(Problem.error("", 0, 0, "", "there is no " + name(t) + " translation (translations/" + t + ".yaml)"
                                + org.handout.i18n.Suggestions.didYouMean(meant))
                        .withHint("handout init " + t + " starts one; build --draft --lang " + t
                                + " makes an English draft for it, marked as such on every page"));
            }
            return new BuildReport(List.of(), Map.of(), refused, true);
        }
        Set<String> bundleFiles = new LinkedHashSet<>();
        for (String t : tags) {
            if (!untranslated.contains(t)) {
                bundleFiles.add("translations/" + project.brokenBundleFor(t).orElse(project.languages().resolve(t).bundle().tag()) + ".yaml");
            }
        }
        for (Problem p : project.problems()) {
            if (concerns(p, bundleFiles, leaflets, known)) {
                // a draft build fills the gaps of translations (missing, not translated, out of date), so
                // they are warnings there; anything else wrong stays an error
                problems.add(options.draft() && BundleChecker.isGap(p) ? p.asWarning() : p);
            }
        }
        Map<String, Integer> elsewhere = elsewhere(project, problems);

        // the plan: every PDF of the request, with what it is made from and what stops it
        Map<String, List<LeafletMaker.Job>> plan = new LinkedHashMap<>();
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
                progress.line(Progress.format("%-8s 0 of %d leaflets  HELD BACK: translations/%s.yaml has errors", tag, mine.size(),
                        broken.get()));
                continue;
            }
            boolean english = untranslated.contains(tag);
            Languages.Resolution r = english
                    ? new Languages.Resolution(Bundle.SOURCE_TAG, project.languages().bundle(Bundle.SOURCE_TAG).orElseThrow(), ULocale.ENGLISH)
                    : project.languages().resolve(tag);
            Paper paper = paper(options, english ? ULocale.forLanguageTag(tag) : r.formatLocale());
            List<LeafletMaker.Job> jobs = new ArrayList<>();
            for (String leaflet : mine) {
                List<Problem> blockers = english ? project.blockers(Bundle.SOURCE_TAG, leaflet) : project.blockers(tag, leaflet);
                String fingerprint = english ? Manifest.NO_INPUTS : inputs.fingerprint(tag, leaflet, options, paper.label());
                String path = tag + "/" + leaflet + ".pdf";
                boolean keep = blockers.isEmpty() && !options.force() && !english && manifest.current(options.output(), path, fingerprint);
                jobs.add(new LeafletMaker.Job(tag, leaflet, r, paper, fingerprint, english, blockers, keep ? manifest.get(path) : Optional.empty()));
            }
            plan.put(tag, jobs);
        }
        // before anything is written: what is about to be rewritten is no longer claimed current, so a
        // build killed part-way leaves it marked stale rather than described by an old entry
        boolean rewriting = false;
        for (List<LeafletMaker.Job> jobs : plan.values()) {
            for (LeafletMaker.Job j : jobs) {
                if (j.kept().isEmpty() && manifest.get(j.path()).isPresent()) {
                    manifest.markStale(options.output(), j.path(), "a build started rebuilding it and did not finish");
                    rewriting = true;
                }
            }
        }
        if (rewriting) {
            writeManifest(manifest, options, problems);
        }
        String tool = "handout " + Workspace.version();
        int threads = options.jobs() > 0 ? options.jobs() : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "handout-build");
            t.setDaemon(true);
            return t;
        }) : null;
        // one exporter (with its OpenPDF fonts) per thread: fonts are parsed once per thread, documents never share them
        ThreadLocal<PdfExporter> exporters = ThreadLocal.withInitial(() -> new PdfExporter(tool));
        LeafletMaker maker = new LeafletMaker(workspace, project, options, clinic);
        long begin = System.nanoTime();
        try {
            Map<String, List<Future<LeafletMaker.Outcome>>> futures = new LinkedHashMap<>();
            int leafletCount = plan.values().stream().mapToInt(List::size).sum();
            java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
            for (Map.Entry<String, List<LeafletMaker.Job>> e : plan.entrySet()) {
                List<Future<LeafletMaker.Outcome>> fs = new ArrayList<>();
                for (LeafletMaker.Job j : e.getValue()) {
                    Callable<LeafletMaker.Outcome> call = () -> {
                        try {
                            return guarded(j, () -> maker.make(j, exporters.get()));
                        } finally {
                            progress.leaflets(finished.incrementAndGet(), leafletCount);
                        }
                    };
                    fs.add(pool == null ? completed(call) : pool.submit(call));
                }
                futures.put(e.getKey(), fs);
            }
            for (Map.Entry<String, List<Future<LeafletMaker.Outcome>>> e : futures.entrySet()) {
                String tag = e.getKey();
                int pages = 0;
                int built = 0;
                int current = 0;
                long ms = 0;
                List<String> heldBack = new ArrayList<>();
                List<LeafletMaker.Job> jobs = plan.get(tag);
                for (Future<LeafletMaker.Outcome> f : e.getValue()) {
                    LeafletMaker.Outcome o = result(f);
                    o.problems().sorted().forEach(problems::add);
                    ms += o.millis();
                    if (o.held().isPresent()) {
                        heldBack.add(o.held().get());
                        mark(manifest, options, o.job().path(), "held back: " + o.held().get(), stale);
                        progress.detail(Progress.format("  %-28s HELD BACK: %s", o.job().path(), o.held().get()));
                        continue;
                    }
                    progress.detail(Progress.format("  %-28s %s, %d page%s, %d ms", o.job().path(), o.upToDate() ? "up to date" : "built",
                            o.entry().pages(), o.entry().pages() == 1 ? "" : "s", o.millis()));
                    pages += o.entry().pages();
                    manifest.put(o.entry());
                    if (o.upToDate()) {
                        current++;
                    } else {
                        written.add(options.output().resolve(o.job().path()));
                        built++;
                    }
                }
                int total = e.getValue().size();
                String done = current == 0 ? built + " of " + total + " leaflets"
                        : current == total ? total + " of " + total + " leaflets up to date"
                        : (built + current) + " of " + total + " leaflets (" + current + " up to date)";
                LeafletMaker.Job first = jobs.get(0);
                String via = first.english() ? " (an English draft: there is no " + name(tag) + " translation)"
                        : first.served().bundle().tag().equals(tag) ? "" : " (text from " + first.served().bundle().tag() + ")";
                progress.line(Progress.format("%-8s %s, %d pages (%s), %d ms%s%s", tag, done, pages, first.paper().label(), ms, via,
                        heldBack.isEmpty() ? "" : "  HELD BACK: " + String.join(", ", heldBack)));
            }
            if (options.languages().isEmpty() && options.leaflets().isEmpty() && options.shard().count() == 1) {
                // PDFs of a language or leaflet the project no longer has are not left looking current
                for (Manifest.Entry e : List.copyOf(manifest.entries())) {
                    if (!tags.contains(e.language()) && e.stale().isEmpty()) {
                        mark(manifest, options, e.path(), "its language is no longer built (no translations/" + e.language() + ".yaml)", stale);
                    } else if (!known.contains(e.leaflet()) && e.stale().isEmpty()) {
                        mark(manifest, options, e.path(), "its leaflet is no longer built (content/common.yaml does not list it)", stale);
                    }
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
            writeManifest(manifest, options, problems);
        }
        long wall = (System.nanoTime() - begin) / 1_000_000;
        if (threads > 1 && !plan.isEmpty()) {
            progress.detail(Progress.format("%d ms on %d threads", wall, threads));
        }
        return new BuildReport(written, stale, problems.sorted(), false, elsewhere);
    }

    /** A language's English name with its tag, for messages: "Portuguese (pt)", "Dari (fa-AF)". */
    static String name(String tag) {
        return english(tag) + " (" + tag + ")";
    }

    /** A language's English name, as CLDR has it (dialect names: fa-AF is Dari). */
    static String english(String tag) {
        return com.ibm.icu.text.LocaleDisplayNames.getInstance(ULocale.ENGLISH, com.ibm.icu.text.LocaleDisplayNames.DialectHandling.DIALECT_NAMES)
                .localeDisplayName(ULocale.forLanguageTag(tag));
    }

    /**
     * Whether a problem concerns what was asked for: anything about the content as a whole, the fonts
     * or the clinic; a requested leaflet's own file; and in a bundle that serves a requested language,
     * anything structural, shared, about a requested leaflet or about no leaflet the project has.
     */
    private static boolean concerns(Problem p, Set<String> bundleFiles, List<String> leaflets, List<String> known) {
        String f = p.file();
        if (f.startsWith("translations/")) {
            if (!bundleFiles.contains(f)) {
                return false;
            }
            String k = p.key();
            int dot = k.indexOf('.');
            String of = dot < 0 ? "" : k.substring(0, dot);
            return k.isEmpty() || of.equals("common") || leaflets.contains(of) || !known.contains(of);
        }
        if (f.startsWith("content/") && !f.equals("content/common.yaml")) {
            return leaflets.stream().anyMatch(l -> f.equals("content/" + l + ".yaml"));
        }
        return true;
    }

    /** How many problems each file has outside what was asked for (and so not reported). */
    private static Map<String, Integer> elsewhere(Project project, Problems reported) {
        Set<Problem> in = new java.util.HashSet<>(reported.sorted());
        Map<String, Integer> out = new TreeMap<>();
        for (Problem p : project.problems()) {
            if (p.isError() && !in.contains(p) && !in.contains(p.asWarning())) {
                out.merge(p.file(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Runs one job; a failure of the tool itself holds back that PDF alone, with the error, instead of stopping the build. */
    private static LeafletMaker.Outcome guarded(LeafletMaker.Job j, Supplier<LeafletMaker.Outcome> work) {
        try {
            return work.get();
        } catch (RuntimeException | StackOverflowError e) {
            Problems p = new Problems();
            p.add(Problem.error(j.path(), 0, 0, "", "internal error: " + e).withHint("this is a bug in handout: report it, with the input"));
            return new LeafletMaker.Outcome(j, null, false, Optional.of(j.leaflet() + " (internal error)"), p, 0);
        }
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
    private Optional<BuildReport> upToDate(BuildOptions options, Inputs inputs, Manifest manifest) {
        if (manifest.entries().isEmpty()) {
            return Optional.empty();
        }
        List<String> tags = options.languages().isEmpty() ? bundleTags(inputs, workspace) : options.languages();
        List<String> leaflets = options.leaflets().isEmpty() ? leafletIds(inputs) : options.leaflets();
        if (leaflets.isEmpty()) {
            return Optional.empty();
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> papers = new LinkedHashMap<>();
        Set<String> expected = new java.util.HashSet<>();
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
        counts.forEach((tag, c) -> progress.line(Progress.format("%-8s %d of %d leaflets up to date, %d pages (%s)", tag, c[0], c[0],
                c[1], papers.get(tag))));
        return Optional.of(new BuildReport(List.of(), Map.of(), List.of(), false));
    }

    /** The leaflet ids listed in {@code content/common.yaml}, read without loading the project; empty if unreadable. */
    private List<String> leafletIds(Inputs inputs) {
        Problems ignored = new Problems();
        return org.handout.yaml.Yaml.parse(inputs, workspace.content().resolve("common.yaml"), "content/common.yaml", ignored)
                .flatMap(n -> org.handout.yaml.YamlMap.of(n, "content/common.yaml", "", "the file", ignored))
                .flatMap(m -> m.list("leaflets"))
                .map(list -> list.stream().map(n -> n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode sn ? sn.getValue() : "")
                        .filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
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

    private static Future<LeafletMaker.Outcome> completed(Callable<LeafletMaker.Outcome> job) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(job.call());
        } catch (Exception e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private static LeafletMaker.Outcome result(Future<LeafletMaker.Outcome> f) {
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
}
