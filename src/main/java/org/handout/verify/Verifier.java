package org.handout.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.handout.build.Project;
import org.handout.doc.Leaflet;
import org.handout.i18n.Languages;
import org.handout.report.Problems;
import org.handout.text.TextSafety;

/**
 * Checks built leaflets the way a release should before they go out: the text reads back as
 * composed, in order, from the page body and from the tag tree, and holds nothing a build refuses
 * ({@link SafeText}); every font is an embedded subset and no glyph is missing, blank where its
 * text is not, or outside a span; every glyph lies inside the page's text area; and veraPDF finds
 * the file PDF/UA-1 and PDF/A-2u.
 */
public final class Verifier {
    private final Project project;

    private final java.util.Optional<org.handout.clinic.Clinic> clinic;

    public Verifier(Project project) {
        this(project, java.util.Optional.empty());
    }

    /** A verifier for a clinic's edition: the leaflets are compared with what that edition composes. */
    public Verifier(Project project, java.util.Optional<org.handout.clinic.Clinic> clinic) {
        this.project = project;
        this.clinic = clinic;
    }

    /** What was found for one file: its pages, the checks passed, and every failure. */
    public record Verdict(Path file, int pages, List<String> passed, List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    /** The PDFs of {@code output}: {@code <lang>/<leaflet>.pdf} for the project's leaflets, sorted. */
    public List<Path> builtFiles(Path output) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(output)) {
            return out;
        }
        try (var dirs = Files.list(output)) {
            for (Path dir : dirs.sorted().toList()) {
                for (String leaflet : project.content().leafletIds()) {
                    Path f = dir.resolve(leaflet + ".pdf");
                    if (Files.isRegularFile(f)) {
                        out.add(f);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Checks one leaflet file, whatever it is called and wherever it is: its language is the one its
     * catalogue declares ({@code /Lang}) and its leaflet the one its XMP metadata names
     * ({@code handout:leaflet}); a file that names neither is not a leaflet this tool made.
     */
    public Verdict verify(Path file) throws IOException {
        return verify(file, Optional.empty());
    }

    /**
     * Checks one leaflet file of an output folder, where its place ({@code <lang>/<leaflet>.pdf})
     * says what it should be: a file that is another language's or leaflet's fails.
     */
    public Verdict verify(Path file, Optional<String> expected) throws IOException {
        List<String> passed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        PdfReadBack pdf = PdfReadBack.read(file);
        String lang = pdf.lang();
        String leaflet = pdf.leaflet();
        if (lang == null || lang.isBlank() || leaflet == null) {
            failures.add("it does not say which leaflet it is (no /Lang, or no handout:leaflet in its XMP metadata): not a leaflet handout made");
            return new Verdict(file, pdf.pageCount(), passed, failures);
        }
        if (expected.isPresent() && !expected.get().equals(lang + "/" + leaflet)) {
            failures.add("it is " + lang + "/" + leaflet + " (its own metadata says so), not " + expected.get() + " as its place in the folder says");
        }
        failures.addAll(SafeText.failures(pdf));
        Problems composing = new Problems();
        Optional<Leaflet> doc = compose(lang, leaflet, composing);
        Optional<org.handout.report.Problem> font = composing.sorted().stream()
                .filter(p -> p.isError() && p.file().startsWith("fonts/")).findFirst();
        if (pdf.title() != null && pdf.title().startsWith("DRAFT")) {
            failures.add("a draft build (build --draft): not for families");
        } else if (font.isPresent()) {
            failures.add("fonts: the leaflet no longer composes: " + font.get().format());
        } else if (doc.isEmpty()) {
            failures.add("its translation no longer composes (missing, stale or broken strings): the file is stale; handout check --lang " + lang);
        } else {
            text(doc.get(), pdf, passed, failures);
        }
        fonts(pdf, passed, failures);
        List<String> outside = new ArrayList<>(InsideTextArea.failures(pdf));
        outside.addAll(LinesApart.failures(pdf));
        failures.addAll(outside);
        if (outside.isEmpty()) {
            passed.add("layout");
        }
        for (Conformance.Standard s : Conformance.Standard.values()) {
            List<Conformance.Failure> f = Conformance.check(file, s);
            if (f.isEmpty()) {
                passed.add(s.label());
            } else {
                f.forEach(x -> failures.add(s.label() + " " + x));
            }
        }
        return new Verdict(file, pdf.pageCount(), passed, failures);
    }

    private Optional<Leaflet> compose(String lang, String leaflet, Problems problems) {
        if (project.languages() == null || !project.content().leafletIds().contains(leaflet)
                || !project.blockers(lang, leaflet).isEmpty()) {
            return Optional.empty();
        }
        Languages.Resolution r = project.languages().resolve(lang);
        return project.compose(leaflet, r, problems, clinic);
    }

    /** Every string in reading order in the body and in the tag tree; the footer and page label on every page. */
    private static void text(Leaflet doc, PdfReadBack pdf, List<String> passed, List<String> failures) {
        List<String> strings = doc.strings();
        int footer = doc.footer().notes().size() + (doc.footer().warning().isPresent() ? 1 : 0);
        List<String> body = strings.subList(0, strings.size() - footer);
        String page = PdfReadBack.comparable(pdf.body());
        StringBuilder tagText = new StringBuilder();
        pdf.tags().forEach(n -> tagText.append(n.text()));
        String tags = PdfReadBack.comparable(tagText.toString());
        Optional<String> lost = inOrder(body, page);
        Optional<String> unread = inOrder(body, tags);
        lost.ifPresent(s -> failures.add("text: not on the pages in reading order: «" + TextSafety.shown(s) + "»"));
        unread.ifPresent(s -> failures.add("tags: not in the tag tree in reading order: «" + TextSafety.shown(s) + "»"));
        for (int p = 1; p <= pdf.pageCount(); p++) {
            String furniture = PdfReadBack.comparable(pdf.pages().get(p - 1).furniture());
            for (String s : strings.subList(strings.size() - footer, strings.size())) {
                if (!furniture.contains(PdfReadBack.comparable(s))) {
                    failures.add("footer: page " + p + " lacks «" + TextSafety.shown(s) + "»");
                }
            }
            String label = doc.footer().pageLabels().label(p, pdf.pageCount());
            if (!furniture.contains(PdfReadBack.comparable(label))) {
                failures.add("footer: page " + p + " lacks «" + label + "»");
            }
        }
        if (!doc.title().equals(pdf.title())) {
            failures.add("title: «" + TextSafety.shown(String.valueOf(pdf.title())) + "» instead of «" + TextSafety.shown(doc.title()) + "»");
        }
        if (!doc.lang().equals(pdf.lang())) {
            failures.add("language: " + pdf.lang() + " instead of " + doc.lang());
        }
        if (lost.isEmpty()) {
            passed.add("text");
        }
        if (unread.isEmpty()) {
            passed.add("tags");
        }
    }

    /** The first string not found after the previous one, if any. */
    private static Optional<String> inOrder(List<String> strings, String text) {
        int from = 0;
        for (String s : strings) {
            String want = PdfReadBack.comparable(s);
            int at = text.indexOf(want, from);
            if (at < 0) {
                return Optional.of(s);
            }
            from = at + want.length();
        }
        return Optional.empty();
    }

    private static void fonts(PdfReadBack pdf, List<String> passed, List<String> failures) {
        int before = failures.size();
        for (PdfReadBack.PageText page : pdf.pages()) {
            for (PDFont font : page.fonts()) {
                if (!font.isEmbedded()) {
                    failures.add("fonts: " + font.getName() + " is not embedded");
                } else if (!font.getName().matches("[A-Z]{6}\\+.*")) {
                    failures.add("fonts: " + font.getName() + " is not a subset");
                }
            }
            for (PdfReadBack.Span span : page.spans()) {
                if (span.glyphs().stream().anyMatch(g -> g.code() == 0)) {
                    failures.add("fonts: a missing glyph (.notdef) in «" + TextSafety.shown(span.text()) + "»");
                }
            }
        }
        if (!pdf.unmarkedGlyphs().isEmpty()) {
            failures.add("fonts: " + pdf.unmarkedGlyphs().size() + " glyphs drawn outside any span that carries their text");
        }
        failures.addAll(BlankGlyphs.failures(pdf));
        if (failures.size() == before) {
            passed.add("fonts");
        }
    }
}
