package org.handout.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handout.clinic.Clinic;
import org.handout.doc.Leaflet;
import org.handout.i18n.Bundle;
import org.handout.i18n.BundleChecker;
import org.handout.i18n.Languages;
import org.handout.layout.LaidOut;
import org.handout.layout.Paper;
import org.handout.pdf.PdfExporter;
import org.handout.report.Problem;
import org.handout.report.Problems;

/**
 * One leaflet in one language to a PDF file: composed (as a marked draft when asked for and only
 * gaps stand in the way), laid out, refused when something does not fit the page, written whole
 * and described for the manifest. The build plan makes the {@link Job}s; this makes each one, on
 * whichever thread the pipeline gives it.
 */
final class LeafletMaker {
    private final Workspace workspace;
    private final Project project;
    private final BuildOptions options;
    private final Optional<Clinic> clinic;

    LeafletMaker(Workspace workspace, Project project, BuildOptions options, Optional<Clinic> clinic) {
        this.workspace = workspace;
        this.project = project;
        this.options = options;
        this.clinic = clinic;
    }

    /**
     * One PDF to make: where, in which language and on what paper, from what, what stops it, and
     * the manifest's entry for it when the file there is kept as it is (decided once, before any
     * job runs, so no job reads the manifest while the build updates it).
     */
    record Job(String tag, String leaflet, Languages.Resolution served, Paper paper, String fingerprint, boolean english,
                       List<Problem> blockers, Optional<Manifest.Entry> kept) {
        String path() {
            return tag + "/" + leaflet + ".pdf";
        }
    }

    /** What building one leaflet in one language came to. */
    record Outcome(Job job, Manifest.Entry entry, boolean upToDate, Optional<String> held, Problems problems, long millis) {
    }


    /**
     * Builds one PDF, or keeps it when the plan found the file there made from the same inputs;
     * holds it back when its translation has gaps or errors.
     */
    Outcome make(Job j, PdfExporter exporter) {
        long start = System.nanoTime();
        Problems problems = new Problems();
        Path target = options.output().resolve(j.path());
        List<Problem> blockers = j.blockers();
        boolean gapsOnly = !blockers.isEmpty() && blockers.stream().allMatch(BundleChecker::isGap);
        if (j.kept().isPresent()) {
            return new Outcome(j, j.kept().get(), true, Optional.empty(), problems, 0);
        }
        Optional<Leaflet> doc = Optional.empty();
        boolean marked = false;
        if (blockers.isEmpty() && j.english()) {
            String language = Pipeline.english(j.tag());
            doc = project.compose(j.leaflet(), j.served(), problems, clinic).map(d -> d.asDraft(
                    "DRAFT BUILD, NOT FOR FAMILIES: there is no " + Pipeline.name(j.tag()) + " translation; this is the English text.",
                    "DRAFT: English, not translated into " + language + ": "));
            marked = true;
        } else if (blockers.isEmpty()) {
            doc = project.compose(j.leaflet(), j.served(), problems, clinic);
        } else if (options.draft() && gapsOnly) {
            doc = project.compose(j.leaflet(), project.filled(j.served()), problems, clinic).map(d -> d.asDraft(draftMark(blockers)));
            marked = true;
        }
        if (doc.isEmpty()) {
            return new Outcome(j, null, false, Optional.of(j.leaflet() + (gapsOnly ? " (" + gaps(blockers) + ")" : "")), problems,
                    (System.nanoTime() - start) / 1_000_000);
        }
        LaidOut laidOut = project.layout(doc.get(), j.served(), j.paper(), options.align());
        List<LaidOut.Overrun> outside = laidOut.overruns();
        if (!outside.isEmpty()) {
            // what cannot fit the page is refused, never printed into the margin or the footer
            for (LaidOut.Overrun o : outside.subList(0, Math.min(5, outside.size()))) {
                Optional<org.handout.content.Message> at = writtenIn(j.served().bundle(), o.text());
                String file = at.map(org.handout.content.Message::file)
                        .orElse(j.served().bundle().isSource() ? "content/" + j.leaflet() + ".yaml" : j.served().bundle().file());
                problems.add(Problem.error(file, at.map(org.handout.content.Message::line).orElse(0), at.map(org.handout.content.Message::column).orElse(0),
                                at.map(org.handout.content.Message::key).orElse(""), "layout: " + j.path() + ": " + o.description())
                        .withKind(Problem.Kind.LAYOUT)
                        .withHint("a table row, box or card is never split across pages: say the text that runs out more briefly"));
            }
            return new Outcome(j, null, false, Optional.of(j.leaflet() + " (does not fit the page)"), problems,
                    (System.nanoTime() - start) / 1_000_000);
        }
        byte[] pdf = exporter.export(laidOut, stamp(doc.get(), j.served()));
        try {
            OutputFolder.writeAtomically(target, pdf);
        } catch (IOException e) {
            problems.error(target.toString(), 0, 0, "", "cannot write: " + e.getMessage());
            return new Outcome(j, null, false, Optional.of(j.leaflet() + " (not written)"), problems, 0);
        }
        Manifest.Entry entry = new Manifest.Entry(j.path(), j.tag(), j.leaflet(), laidOut.pages().size(), pdf, marked ? Manifest.NO_INPUTS : j.fingerprint());
        return new Outcome(j, marked ? entry.asDraft() : entry, false, Optional.empty(), problems, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The one message of a bundle whose text holds a run that was laid out (the words of a line,
     * which a message writes as they are), if exactly one does: where a translator shortens it.
     */
    private static Optional<org.handout.content.Message> writtenIn(Bundle bundle, String run) {
        String words = run.strip();
        if (words.length() < 4) {
            return Optional.empty();
        }
        List<org.handout.content.Message> found = bundle.messages().values().stream().filter(m -> m.pattern().contains(words)).toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
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
        Map<String, List<String>> by = new LinkedHashMap<>();
        for (Problem p : blockers) {
            String what = p.kind() == Problem.Kind.STALE ? "out of date" : "not translated";
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
        long stale = gaps.stream().filter(p -> p.kind() == Problem.Kind.STALE).count();
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
}
