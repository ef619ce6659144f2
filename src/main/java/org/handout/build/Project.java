package org.handout.build;

import com.ibm.icu.util.ULocale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handout.compose.Composer;
import org.handout.content.Content;
import org.handout.content.ContentLoader;
import org.handout.content.LeafletSource;
import org.handout.doc.Leaflet;
import org.handout.i18n.Bundle;
import org.handout.i18n.BundleChecker;
import org.handout.i18n.BundleLoader;
import org.handout.i18n.Languages;
import org.handout.i18n.Localizer;
import org.handout.layout.FontBook;
import org.handout.layout.FontChain;
import org.handout.layout.LaidOut;
import org.handout.layout.Align;
import org.handout.layout.Layouter;
import org.handout.layout.Paper;
import org.handout.report.Problem;
import org.handout.report.Problems;

/**
 * Everything a run reads, loaded and checked once: the English content, the bundles and the
 * fonts, with the problems of each kept apart so that a broken bundle or leaflet holds back
 * only what it affects. Composes and lays out one leaflet in one language on request.
 */
public final class Project {
    private final Workspace workspace;
    private final Inputs inputs;
    private final Content content;
    private final FontBook fonts;
    private final Languages languages;
    private final Problems global = new Problems();
    private final Map<String, Problems> bySourceFile = new HashMap<>();
    private final Map<String, Problems> byBundle = new HashMap<>();
    private final Set<String> brokenBundles = new LinkedHashSet<>();

    private Project(Workspace workspace, Inputs inputs) {
        this(workspace, inputs, Optional.empty(), Optional.empty());
    }

    /**
     * The project with the bundles and faces of {@code only} languages (by their primary language:
     * asked for es-MX, the es bundles; for zh, zh-Hans and zh-Hant), or of every language when
     * empty; and the sources of {@code onlyLeaflets}, or of every leaflet when empty.
     */
    private Project(Workspace workspace, Inputs inputs, Optional<Set<String>> only, Optional<Set<String>> onlyLeaflets) {
        this.workspace = workspace;
        this.inputs = inputs;
        Problems read = new Problems();
        this.content = (onlyLeaflets.isPresent() ? ContentLoader.loadOnly(inputs, workspace.content(), "content", onlyLeaflets.get(), read)
                : ContentLoader.load(inputs, workspace.content(), "content", read)).orElse(null);
        for (Problem p : read.sorted()) {
            // a leaflet's own file's problems hold back only that leaflet; the rest concern every leaflet
            boolean own = content != null && content.leafletIds().stream().anyMatch(id -> p.file().equals("content/" + id + ".yaml"));
            (own ? bySourceFile.computeIfAbsent(p.file(), f -> new Problems()) : global).add(p);
        }
        // the fonts, and each bundle (read, then checked against the English), are independent of one
        // another: read side by side, each into problems of its own, merged in a fixed order after
        Problems fontProblems = new Problems();
        java.util.concurrent.CompletableFuture<Optional<FontBook>> fontBook = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> FontBook.load(inputs, workspace.fonts(), "fonts", only, fontProblems), LOADERS);
        BundleChecker checker = content == null ? null : new BundleChecker(content);
        // by tag, in the order of the files
        Map<String, java.util.concurrent.CompletableFuture<Optional<Bundle>>> loading = new java.util.LinkedHashMap<>();
        for (Path file : bundleFiles()) {
            String tag = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (only.isPresent() && !only.get().contains(language(tag))) {
                continue; // a build of some languages reads only their bundles
            }
            Problems p = byBundle.computeIfAbsent(tag, t -> new Problems());
            loading.put(tag, java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                Optional<Bundle> b = BundleLoader.load(inputs, file, "translations/" + file.getFileName(), p);
                if (b.isPresent() && checker != null) {
                    checker.check(b.get(), p);
                }
                return b;
            }, LOADERS));
        }
        if (checker != null) {
            Problems source = new Problems();
            checker.checkSource(source);
            for (Problem problem : source.sorted()) {
                bySourceFile.computeIfAbsent(problem.file(), f -> new Problems()).add(problem);
            }
        }
        List<Bundle> bundles = new ArrayList<>();
        loading.forEach((tag, task) -> join(task).ifPresentOrElse(bundles::add, () -> brokenBundles.add(tag)));
        this.fonts = join(fontBook).orElse(null);
        global.addAll(fontProblems);
        this.languages = content == null ? null : new Languages(Bundle.source(content), bundles);
    }

    /**
     * The threads that read the fonts and bundles beside the one that checks the English: one per
     * processor, daemons (a run ends when its work does), idle ones gone after a second.
     */
    private static final java.util.concurrent.ExecutorService LOADERS = loaders();

    private static java.util.concurrent.ExecutorService loaders() {
        int n = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(n, n, 1, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "handout-load");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The value of a loading task; what it threw, thrown here (a bug, never a problem in the input). */
    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Loads and checks the whole workspace, read afresh. */
    public static Project load(Workspace workspace) {
        return new Project(workspace, new Inputs(workspace));
    }

    /** Loads and checks the workspace as this run's {@code inputs} read it (the bytes its fingerprints are made of). */
    public static Project load(Workspace workspace, Inputs inputs) {
        return new Project(workspace, inputs);
    }

    /**
     * Loads the content, the fonts and only the bundles of the languages {@code tags} (canonical
     * tags; a bundle is read when its primary language is one of theirs, so the bundle that serves
     * each, and a broken one of the same language, are among them): what a build of some languages
     * needs, without reading and checking every other bundle. {@link #languageTags()} and
     * {@link #problems()} then speak of those bundles only.
     */
    public static Project loadFor(Workspace workspace, Inputs inputs, java.util.Collection<String> tags) {
        return loadFor(workspace, inputs, tags, List.of());
    }

    /**
     * As {@link #loadFor(Workspace, Inputs, java.util.Collection)}, reading only the leaflets
     * {@code leaflets} too (empty: all): a one-leaflet build reads one leaflet's file. The others
     * stay listed ({@code content().leafletIds()}), but have no source and no problems here.
     */
    public static Project loadFor(Workspace workspace, Inputs inputs, java.util.Collection<String> tags, java.util.Collection<String> leaflets) {
        Set<String> languages = new java.util.HashSet<>();
        tags.forEach(t -> languages.add(language(t)));
        return new Project(workspace, inputs, Optional.of(languages), leaflets.isEmpty() ? Optional.empty() : Optional.of(Set.copyOf(leaflets)));
    }

    private List<Path> bundleFiles() {
        return inputs.list(workspace.translations(), ".yaml");
    }

    /** Whether content and fonts loaded: without them nothing can be built. */
    public boolean usable() {
        return content != null && fonts != null && !global.hasErrors();
    }

    public Content content() {
        return content;
    }

    public Languages languages() {
        return languages;
    }

    /** Tags of every language the project has: English, the bundles that loaded and those that did not. */
    public List<String> languageTags() {
        java.util.TreeSet<String> translated = new java.util.TreeSet<>(byBundle.keySet());
        translated.remove(Bundle.SOURCE_TAG);
        List<String> tags = new ArrayList<>();
        tags.add(Bundle.SOURCE_TAG);
        tags.addAll(translated);
        return tags;
    }

    /**
     * The tag of the bundle that should serve {@code tag} but could not be loaded (same language),
     * if any: that language is then held back, never silently built from another language.
     */
    public Optional<String> brokenBundleFor(String tag) {
        String language = language(tag);
        return brokenBundles.stream().filter(t -> t.equals(tag) || language(t).equals(language)).findFirst();
    }

    /** The language of a tag, canonical ("iw" and "he" are one language); the tag itself when it is not one. */
    private static String language(String tag) {
        return Languages.canonical(tag).map(c -> ULocale.forLanguageTag(c).getLanguage()).orElse(tag);
    }

    /** Every problem found while loading and checking, sorted. */
    public List<Problem> problems() {
        Problems all = new Problems();
        all.addAll(global);
        bySourceFile.values().forEach(all::addAll);
        byBundle.values().forEach(all::addAll);
        return all.sorted();
    }

    /**
     * The errors that stop leaflet {@code leaflet} being built in the language served by bundle
     * {@code tag}: anything global, anything in that leaflet's source, and in the bundle anything
     * structural or about a shared string or one of that leaflet's strings.
     */
    public List<Problem> blockers(String tag, String leaflet) {
        List<Problem> out = new ArrayList<>();
        global.sorted().stream().filter(Problem::isError).forEach(out::add);
        if (content != null) {
            out.addAll(errors(bySourceFile.get("content/" + leaflet + ".yaml")));
            out.addAll(errors(bySourceFile.get("content/common.yaml")));
        }
        if (languages != null) {
            String served = brokenBundleFor(tag).orElse(languages.resolve(tag).bundle().tag());
            for (Problem p : errors(byBundle.get(served))) {
                if (p.concernsLeaflet(leaflet)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static List<Problem> errors(Problems p) {
        return p == null ? List.of() : p.sorted().stream().filter(Problem::isError).toList();
    }

    /** The font chain for the text of a resolved language. */
    public FontChain chain(Languages.Resolution r) {
        return fonts.chain(r.bundle().tag());
    }

    /** Composes one leaflet in a resolved language; problems go to {@code problems}. */
    public Optional<Leaflet> compose(String leaflet, Languages.Resolution r, Problems problems) {
        return compose(leaflet, r, problems, Optional.empty());
    }

    /** Composes one leaflet in a resolved language, for a clinic's edition if one is given. */
    public Optional<Leaflet> compose(String leaflet, Languages.Resolution r, Problems problems,
                                     Optional<org.handout.clinic.Clinic> clinic) {
        LeafletSource source = content.leaflet(leaflet).orElseThrow();
        Localizer loc = new Localizer(r.bundle(), r.formatLocale());
        return Composer.compose(source, content, loc, chain(r), r.requested(), problems, clinic);
    }

    /** The language with every message it lacks taken from the English (what a draft build prints). */
    public Languages.Resolution filled(Languages.Resolution r) {
        Bundle b = r.bundle();
        java.util.Map<String, org.handout.content.Message> messages = new java.util.LinkedHashMap<>(b.messages());
        Bundle.source(content).messages().forEach(messages::putIfAbsent);
        return new Languages.Resolution(r.requested(), new Bundle(b.tag(), b.file(), b.translation(), messages, b.origins()), r.formatLocale());
    }

    /**
     * The keys of the messages a leaflet uses in a language: its own and the shared ones its
     * composition asks for (a leaflet without phone numbers never asks for the phone labels; a
     * translation's footer asks for the "translated from" line English does not). Composed with
     * every gap filled from English, so what a translation lacks is counted as used.
     */
    public java.util.Set<String> usedKeys(String leaflet, Languages.Resolution r) {
        java.util.Set<String> used = new java.util.TreeSet<>();
        Localizer loc = new Localizer(filled(r).bundle(), r.formatLocale(), used::add);
        Composer.compose(content.leaflet(leaflet).orElseThrow(), content, loc, chain(r), r.requested(), new Problems(), Optional.empty());
        used.retainAll(content.texts().keySet());
        return used;
    }

    /** Lays out a composed leaflet with the fonts and line-breaking rules of its language. */
    public LaidOut layout(Leaflet leaflet, Languages.Resolution r, Paper paper, Align align) {
        return new Layouter(chain(r), r.formatLocale(), paper, align).layout(leaflet);
    }
}
