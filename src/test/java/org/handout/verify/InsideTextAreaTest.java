package org.handout.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.doc.Leaflet;
import org.handout.i18n.Languages;
import org.handout.layout.Align;
import org.handout.layout.Item;
import org.handout.layout.LaidOut;
import org.handout.layout.Page;
import org.handout.layout.Paper;
import org.handout.pdf.PdfExporter;
import org.handout.report.Problems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handout verify} fails a PDF with a glyph outside the page's text area, naming the page,
 * the text and how far out it is; the PDF is written by the real exporter from a real leaflet's
 * layout with one line moved, so every other check still passes.
 */
class InsideTextAreaTest {
    static Project project;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        project = Project.load(new Workspace(Path.of("")));
    }

    /**
     * The German symptoms leaflet laid out as a build would, written to {@code dir/de/symptoms.pdf},
     * with the runs of page 1 that {@code which} picks moved by {@code dx}.
     */
    private Path written(float dx, java.util.function.BiPredicate<Leaflet, Item.Glyphs> which) throws IOException {
        Languages.Resolution r = project.languages().resolve("de");
        Leaflet doc = project.compose("symptoms", r, new Problems()).orElseThrow();
        LaidOut laidOut = project.layout(doc, r, Paper.A4, Align.START);
        List<Page> pages = new ArrayList<>(laidOut.pages());
        Page first = pages.get(0);
        List<Item> items = new ArrayList<>();
        for (Item i : first.items()) {
            items.add(i instanceof Item.Glyphs g && which.test(doc, g)
                    ? new Item.Glyphs(g.face(), g.size(), g.rgb(), g.x() + dx, g.y(), g.glyphs(), g.dx(), g.dy(), g.text(), g.lang(),
                    g.clusters(), g.tag())
                    : i);
        }
        pages.set(0, new Page(first.width(), first.height(), first.bodyBottom(), items));
        Path file = dir.resolve("de").resolve("symptoms.pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, new PdfExporter("test").export(new LaidOut(laidOut.leaflet(), pages, laidOut.tags())));
        return file;
    }

    private static boolean title(Leaflet doc, Item.Glyphs g) {
        return g.text().equals(doc.title());
    }

    @Test
    void verifyFailsAPdfWithAGlyphOutsideTheTextAreaAndSaysWhereAndHowFar() throws IOException {
        Verifier.Verdict moved = new Verifier(project).verify(written(250, InsideTextAreaTest::title));
        List<String> layout = moved.failures().stream().filter(f -> f.startsWith("layout:")).toList();
        assertEquals(1, layout.size(), moved.failures().toString());
        assertTrue(layout.get(0).matches("layout: page 1: «Anzeichen …» runs \\d+\\.\\d pt past the right edge of the text area"),
                layout.get(0));
        assertTrue(moved.passed().containsAll(List.of("text", "tags", "fonts")), "only the layout check fails: " + moved.failures());
        assertTrue(!moved.passed().contains("layout"));

        Verifier.Verdict inPlace = new Verifier(project).verify(written(0, InsideTextAreaTest::title));
        assertTrue(inPlace.passed().contains("layout"), inPlace.failures().toString());
    }

    @Test
    void aFewSpansAreListedAndTheRestCounted() throws IOException {
        PdfReadBack pdf = PdfReadBack.read(written(-400, (doc, g) -> !g.artifact()));
        List<String> failures = InsideTextArea.failures(pdf);
        assertEquals(InsideTextArea.LISTED + 1, failures.size(), failures.toString());
        assertTrue(failures.get(0).startsWith("layout: page 1: «Anzeichen …» runs ") && failures.get(0).contains("past the left edge"),
                failures.get(0));
        assertTrue(failures.get(InsideTextArea.LISTED).matches("layout: and \\d+ more spans outside the text area"),
                failures.get(InsideTextArea.LISTED));
    }
}
