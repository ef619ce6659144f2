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
import java.util.Optional;
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
 * together; a leaflet that cannot be built is not written, and an older PDF of it is removed so
 * nothing stale is left looking current. Each PDF is written to a temporary file and renamed into
 * place, so no reader ever sees half a PDF.
 */
public final class Pipeline {
    private final Workspace workspace;
    private final PrintStream progress;

    public Pipeline(Workspace workspace, PrintStream progress) {
        this.workspace = workspace;
        this.progress = progress;
    }

    /** Runs the build. */
    public BuildReport build(BuildOptions options) {
        Project project = Project.load(workspace);
        Problems problems = new Problems();
        // a draft build fills the gaps of translations (missing, not translated, out of date), so
        // they are warnings there; anything else wrong stays an error
        project.problems().forEach(p -> problems.add(options.draft() && BundleChecker.isGap(p) ? p.asWarning() : p));
        List<Path> written = new ArrayList<>();
        List<Path> removed = new ArrayList<>();

        if (options.region().isPresent() && !options.region().get().matches("[A-Za-z]{2}|[0-9]{3}")) {
            problems.error("", 0, 0, "", "'" + options.region().get() + "' is not a region code (e.g. US, GB, MX, 419)");
            return new BuildReport(written, removed, problems.sorted(), true);
        }
        for (String tag : options.languages()) {
            if (!Languages.wellFormed(tag)) {
                problems.error("", 0, 0, "", "'" + tag + "' is not a well-formed language tag (e.g. ar, es-MX, zh-Hans)");
                return new BuildReport(written, removed, problems.sorted(), true);
            }
        }
        // canonical spelling, so "zh-hans" and "AR" land in output/zh-Hans and output/ar
        List<String> tags = options.languages().isEmpty() ? project.languageTags()
                : options.languages().stream().map(t -> ULocale.forLanguageTag(t).toLanguageTag()).distinct().toList();
        if (!project.usable()) {
            for (String tag : tags) {
                removed.addAll(removeStale(options.output().resolve(tag), options.leaflets()));
            }
            progress.println("nothing built: content or fonts have errors");
            return new BuildReport(written, removed, problems.sorted(), false);
        }
        List<String> known = project.content().leafletIds();
        for (String id : options.leaflets()) {
            if (!known.contains(id)) {
                problems.error("", 0, 0, "", "unknown leaflet '" + id + "'; the leaflets are " + String.join(", ", known));
                return new BuildReport(written, removed, problems.sorted(), true);
            }
        }
        List<String> leaflets = options.leaflets().isEmpty() ? known : options.leaflets();
        PdfExporter exporter = new PdfExporter("handout " + Workspace.version());

        for (String tag : tags) {
            Optional<String> broken = project.brokenBundleFor(tag);
            if (broken.isPresent()) {
                for (String leaflet : leaflets) {
                    remove(options.output().resolve(tag).resolve(leaflet + ".pdf")).ifPresent(removed::add);
                }
                progress.printf(Locale.ROOT, "%-8s 0 of %d leaflets  HELD BACK: translations/%s.yaml has errors%n", tag, leaflets.size(),
                        broken.get());
                continue;
            }
            long start = System.nanoTime();
            Languages.Resolution r = project.languages().resolve(tag);
            Paper paper = options.paper().orElseGet(() -> Paper.forLocale(options.region()
                    .map(region -> new ULocale.Builder().setLocale(r.formatLocale()).setRegion(region).build())
                    .orElse(r.formatLocale())));
            int pages = 0;
            int built = 0;
            List<String> heldBack = new ArrayList<>();
            for (String leaflet : leaflets) {
                Path target = options.output().resolve(tag).resolve(leaflet + ".pdf");
                List<Problem> blockers = project.blockers(tag, leaflet);
                boolean gapsOnly = !blockers.isEmpty() && blockers.stream().allMatch(BundleChecker::isGap);
                Optional<Leaflet> doc = Optional.empty();
                if (blockers.isEmpty()) {
                    doc = project.compose(leaflet, r, problems);
                } else if (options.draft() && gapsOnly) {
                    doc = project.compose(leaflet, draft(project, r), problems).map(d -> d.asDraft(draftMark(blockers)));
                }
                if (doc.isEmpty()) {
                    heldBack.add(leaflet + (gapsOnly ? " (" + gaps(blockers) + ")" : ""));
                    remove(target).ifPresent(removed::add);
                    continue;
                }
                LaidOut laidOut = project.layout(doc.get(), r, paper, options.align());
                byte[] pdf = exporter.export(laidOut, stamp(doc.get(), r));
                try {
                    writeAtomically(target, pdf);
                } catch (IOException e) {
                    problems.error(target.toString(), 0, 0, "", "cannot write: " + e.getMessage());
                    heldBack.add(leaflet + " (not written)");
                    continue;
                }
                written.add(target);
                pages += laidOut.pages().size();
                built++;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            String via = r.bundle().tag().equals(tag) ? "" : " (text from " + r.bundle().tag() + ")";
            progress.printf(Locale.ROOT, "%-8s %d of %d leaflets, %d pages (%s), %d ms%s%s%n", tag, built, leaflets.size(), pages,
                    paper.label(), ms, via, heldBack.isEmpty() ? "" : "  HELD BACK: " + String.join(", ", heldBack));
            if (r.fellBack()) {
                problems.warning("", 0, 0, "", "no translation for '" + tag + "': built in " + r.bundle().tag());
            }
        }
        return new BuildReport(written, removed, problems.sorted(), false);
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

    private static Optional<Path> remove(Path target) {
        try {
            return Files.deleteIfExists(target) ? Optional.of(target) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** When nothing can be built, the PDFs of the requested leaflets (all, if none named) are stale. */
    private static List<Path> removeStale(Path dir, List<String> leaflets) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".pdf")).sorted().toList()) {
                String id = p.getFileName().toString().replaceFirst("\\.pdf$", "");
                if (leaflets.isEmpty() || leaflets.contains(id)) {
                    remove(p).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
