package org.handout.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.util.ULocale;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handout.doc.Block;
import org.handout.doc.Footer;
import org.handout.doc.Inline;
import org.handout.doc.Leaflet;
import org.handout.doc.PageLabels;
import org.handout.doc.Text;
import org.handout.report.Problems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layout never leaves the page: a word wider than its column is hyphenated or broken, table
 * columns add up to the table, the draft mark and the page label keep all their text, and
 * {@link LaidOut#outside()} names whatever lies outside the text area.
 */
class TextAreaTest {
    /** 107 letters: wider than any column of the stage table, wider than the page in a heading. */
    static final String COMPOUND = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaftsvorsitzenderstellvertreter";
    static FontBook fonts;

    @BeforeAll
    static void loadFonts() {
        Problems p = new Problems();
        fonts = FontBook.load(Path.of("fonts"), "fonts", p).orElseThrow(() -> new AssertionError(p.sorted()));
    }

    private static Leaflet leaflet(String lang, List<Block> blocks, Footer footer) {
        return new Leaflet("test", lang, ULocale.forLanguageTag(lang).isRightToLeft(), "Title", blocks, footer,
                LocalDate.of(2026, 11, 25), "test");
    }

    private static Footer footer() {
        return new Footer(List.of(Text.plain("Footer note")), Optional.empty(), (p, n) -> p + "/" + n);
    }

    private static LaidOut layout(Leaflet l) {
        return new Layouter(fonts.chain(l.lang()), ULocale.forLanguageTag(l.lang())).layout(l);
    }

    private static List<Item.Glyphs> glyphs(Page page) {
        List<Item.Glyphs> out = new ArrayList<>();
        for (Item i : page.items()) {
            if (i instanceof Item.Glyphs g) {
                out.add(g);
            }
        }
        return out;
    }

    /** The text without spaces or soft hyphens, as a reader would compare it. */
    private static String squeezed(String s) {
        return s.replaceAll("[\\s\\u00AD]", "");
    }

    private static List<Item.Rect> headCells(Page page) {
        List<Item.Rect> out = new ArrayList<>();
        for (Item i : page.items()) {
            if (i instanceof Item.Rect r && r.fill() == Layouter.TABLE_HEAD) {
                out.add(r);
            }
        }
        return out;
    }

    /** The stage table's column weights, as content/staging.yaml gives them. */
    private static final float[] STAGE_COLUMNS = {0.22f, 0.39f, 0.39f};

    private static Block.Table stageTable(String stage, String meaning, String treatment) {
        return table(List.of(Text.strong("Stadium"), Text.strong("Was es bedeutet"), Text.strong("Wie es meist behandelt wird")),
                List.of(List.of(Text.strong(stage), Text.plain(meaning), Text.plain(treatment))));
    }

    /** A table with the stage table's column weights. */
    private static Block.Table table(List<Text> header, List<List<Text>> rows) {
        List<Block.Column> columns = new java.util.ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            columns.add(new Block.Column(header.get(i), STAGE_COLUMNS[i]));
        }
        return new Block.Table(columns, true, rows.stream().map(r -> r.stream().map(c -> List.<Block>of(new Block.Paragraph(c))).toList()).toList());
    }

    @Test
    void aGermanCompoundWiderThanItsTableColumnIsHyphenatedInItsCellAndEveryColumnKeepsAFairWidth() {
        String meaning = COMPOUND + " Bei Babys, die jünger als 12 Monate sind, wird die Krankheit meist in diesem Stadium festgestellt.";
        LaidOut out = layout(leaflet("de", List.of(stageTable("Sonderform (Stadium 4S)", meaning,
                "Bei den meisten dieser Babys verläuft die Krankheit sehr gut.")), footer()));
        assertEquals(List.of(), out.outside(), "the table runs out of the text area");
        Page page = out.pages().get(0);
        List<Item.Rect> head = headCells(page);
        assertEquals(3, head.size(), "three columns");
        TextArea area = TextArea.of(Paper.A4);
        float sum = 0;
        for (int i = 0; i < 3; i++) {
            Item.Rect r = head.get(i);
            sum += r.width();
            assertTrue(r.x() >= area.left() - 0.01f && r.x() + r.width() <= area.right() + 0.01f, "column " + i + " leaves the page");
            float fair = Layouter.COLUMN_FLOOR * STAGE_COLUMNS[i] * area.width();
            assertTrue(r.width() >= fair - 0.01f, "column " + i + " is squeezed to " + r.width() + " pt, less than " + fair);
        }
        assertEquals(area.width(), sum, 0.01, "the columns add up to the table's width");
        // the compound is broken at a hyphenation point, with a drawn hyphen whose text is a soft hyphen
        List<Item.Glyphs> runs = glyphs(page);
        boolean hyphenated = false;
        for (int i = 1; i < runs.size(); i++) {
            String before = runs.get(i - 1).text();
            if (runs.get(i).text().equals("\u00AD") && before.length() > 3 && COMPOUND.contains(before)) {
                hyphenated = true;
            }
        }
        assertTrue(hyphenated, "the compound is not hyphenated: " + runs.stream().map(Item.Glyphs::text).toList());
        String body = squeezed(String.join("", runs.stream().filter(g -> !g.artifact()).map(Item.Glyphs::text).toList()));
        assertTrue(body.contains(COMPOUND), "the compound is set whole, in order");
        assertTrue(runs.stream().anyMatch(g -> g.text().strip().equals("Sonderform")), "the stage name keeps its words whole");
    }

    @Test
    void aWordWiderThanItsColumnInAnArabicTableBreaksBetweenClustersAndTheColumnsStayMirrored() {
        String word = "والمستشفيات".repeat(8);
        Block.Table table = table(List.of(Text.strong("المرحلة"), Text.strong("ماذا تعني"), Text.strong("كيف تعالج")),
                List.of(List.of(Text.strong("موضعي"), Text.plain(word + " ورم في مكان واحد."), Text.plain("جراحة فقط."))));
        LaidOut out = layout(leaflet("ar", List.of(table), footer()));
        assertEquals(List.of(), out.outside());
        List<Item.Rect> head = headCells(out.pages().get(0));
        assertTrue(head.get(0).x() > head.get(1).x() && head.get(1).x() > head.get(2).x(), "right to left: the first column is rightmost");
        float measure = TextArea.of(Paper.A4).width();
        for (int i = 0; i < 3; i++) {
            float fair = Layouter.COLUMN_FLOOR * STAGE_COLUMNS[i] * measure;
            assertTrue(head.get(i).width() >= fair - 0.01f, "column " + i + " is squeezed to " + head.get(i).width() + " pt");
        }
        String body = squeezed(String.join("", glyphs(out.pages().get(0)).stream().map(Item.Glyphs::text).toList()));
        assertTrue(body.contains(word), "the long word is set whole, in order");
    }

    @Test
    void nothingRunsOutOfTheTextAreaWhereverALongWordOrNumberIsSet() {
        String phone = "+1 800 422 6237 extension 4521 (toll-free, 24 hours)";
        Footer footer = new Footer(List.of(Text.plain("Kinderkrebszentrum " + COMPOUND + " 217-555-0142")), Optional.empty(),
                (p, n) -> p + "/" + n);
        for (String lang : List.of("de", "ar", "th", "ja")) {
            List<Block> blocks = List.of(
                    new Block.Heading(1, Text.plain(COMPOUND)),
                    new Block.Heading(2, Text.plain("Über " + COMPOUND)),
                    new Block.Paragraph(Text.plain("Die " + COMPOUND + " ist lang.")),
                    Block.ListBlock.bullets(List.of(Text.plain(COMPOUND), Text.plain("kurz"))),
                    new Block.Callout(Text.strong(COMPOUND), List.of(new Block.Paragraph(Text.plain(COMPOUND)))),
                    new Block.Card(Text.plain(COMPOUND), Text.plain("about " + COMPOUND), List.of(Text.plain(COMPOUND)),
                            List.of(new Text(List.of(new Inline.Plain("Tel. "), new Inline.Phone(phone))))),
                    new Block.Card(Text.plain("Second card"), Text.plain("about"), List.of(Text.plain("1 Main St")),
                            List.of(new Text(List.of(new Inline.Phone(phone))))));
            LaidOut out = layout(leaflet(lang, blocks, footer));
            assertEquals(List.of(), out.outside(), lang + ": something lies outside the text area");
            StringBuilder all = new StringBuilder();
            out.pages().forEach(p -> glyphs(p).forEach(g -> all.append(g.text())));
            assertTrue(squeezed(all.toString()).contains(squeezed(phone)), lang + ": the phone number is set whole, in order");
        }
    }

    @Test
    void aLongDraftMarkKeepsAllItsTextInTheTopMarginBesideTheLogo() {
        String mark = "DRAFT BUILD, NOT FOR FAMILIES: " + "12 strings not translated (shown in English); ".repeat(6)
                + "3 strings translated from an older English, the last words of the mark.";
        for (String lang : List.of("en", "ar")) {
            for (boolean withLogo : List.of(false, true)) {
                Leaflet plain = leaflet(lang, List.of(new Block.Heading(1, Text.plain("Title")), new Block.Paragraph(Text.plain("Body."))),
                        footer());
                Leaflet l = new Leaflet(plain.id(), plain.lang(), plain.rightToLeft(), plain.title(), plain.blocks(), plain.footer(),
                        plain.revised(), plain.keywords(), Optional.of(mark),
                        withLogo ? Optional.of(new Leaflet.Logo(new byte[] {1}, 400, 100, "Logo")) : Optional.empty());
                LaidOut out = layout(l);
                String what = lang + (withLogo ? " with a logo" : "");
                assertEquals(List.of(), out.outside(), what);
                Page page = out.pages().get(0);
                List<Item.Glyphs> marks = glyphs(page).stream().filter(g -> g.artifact() && g.y() > page.height() / 2
                        && g.rgb() == Layouter.WARNING).toList();
                assertEquals(squeezed(mark), squeezed(String.join("", marks.stream().map(Item.Glyphs::text).toList())),
                        what + ": the draft mark lost text");
                Item.Glyphs title = glyphs(page).stream().filter(g -> g.text().equals("Title")).findFirst().orElseThrow();
                float lowestMark = marks.stream().map(Item.Glyphs::y).min(Float::compare).orElseThrow();
                assertTrue(title.y() + title.size() < lowestMark, what + ": the title runs into the draft mark");
                for (Item i : page.items()) {
                    if (i instanceof Item.Image logo) {
                        for (Item.Glyphs g : marks) {
                            int last = g.glyphs().length - 1;
                            float end = g.x() + g.dx()[last] + g.face().pdfAdvance(g.glyphs()[last]) * g.size() / Face.UNITS;
                            assertTrue(end < logo.x() || g.x() > logo.x() + logo.width(),
                                    what + ": the draft mark runs into the logo: «" + g.text() + "»");
                        }
                    }
                }
            }
        }
    }

    @Test
    void aPageLabelLongerThanALineKeepsAllItsText() {
        PageLabels labels = (p, n) -> "Seite " + p + " von " + n + " des Merkblatts " + COMPOUND + " für Familien und Angehörige";
        Footer footer = new Footer(List.of(Text.plain("Footer note")), Optional.empty(), labels);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            blocks.add(new Block.Paragraph(Text.plain("Ein Absatz " + i + " mit ein paar Wörtern, die eine Zeile füllen, und noch einigen mehr.")));
        }
        LaidOut out = layout(leaflet("de", blocks, footer));
        assertTrue(out.pages().size() > 1);
        assertEquals(List.of(), out.outside());
        for (int p = 0; p < out.pages().size(); p++) {
            StringBuilder furniture = new StringBuilder();
            glyphs(out.pages().get(p)).stream().filter(Item.Glyphs::artifact).forEach(g -> furniture.append(g.text()));
            String label = labels.label(p + 1, out.pages().size());
            assertTrue(squeezed(furniture.toString()).contains(squeezed(label)), "page " + (p + 1) + " lacks its whole label");
        }
    }

    @Test
    void thePostLayoutCheckNamesAGlyphRunOutsideTheTextArea() {
        LaidOut fine = layout(leaflet("en", List.of(new Block.Paragraph(Text.plain("Moved far to the right."))), footer()));
        assertEquals(List.of(), fine.outside(), "a plain leaflet lies inside");
        Page page = fine.pages().get(0);
        List<Item> items = new ArrayList<>();
        for (Item i : page.items()) {
            items.add(i instanceof Item.Glyphs g && g.text().startsWith("Moved")
                    ? new Item.Glyphs(g.face(), g.size(), g.rgb(), g.x() + 500, g.y(), g.glyphs(), g.dx(), g.dy(), g.text(), g.lang(),
                    g.clusters(), g.tag())
                    : i);
        }
        LaidOut moved = new LaidOut(fine.leaflet(), List.of(new Page(page.width(), page.height(), page.bodyBottom(), items)), fine.tags());
        List<String> outside = moved.outside();
        assertEquals(1, outside.size(), outside.toString());
        assertTrue(outside.get(0).matches("page 1: «Moved far …» runs \\d+\\.\\d pt past the right edge of the text area"), outside.get(0));
    }

    @Test
    void aBoxTallerThanAPageIsReportedAsSoonAsItReachesTheFooter() {
        for (int lines = 30; lines < 80; lines++) {
            List<Block> body = new ArrayList<>();
            for (int i = 0; i < lines; i++) {
                body.add(new Block.Paragraph(Text.plain("Line " + i + " of the box.")));
            }
            LaidOut out = layout(leaflet("en", List.of(new Block.Callout(Text.strong("A box never split"), body)), footer()));
            boolean intoFooter = out.pages().stream().anyMatch(p -> glyphs(p).stream().anyMatch(g -> !g.artifact() && g.y() < p.bodyBottom()));
            if (!intoFooter) {
                assertEquals(List.of(), out.outside(), lines + " lines");
                continue;
            }
            // the first box too tall for a page reaches into the footer, not yet off the paper
            List<String> outside = out.outside();
            assertTrue(!outside.isEmpty() && outside.stream().allMatch(o -> o.endsWith("past the bottom of the body, into the footer")),
                    lines + " lines: " + outside);
            return;
        }
        throw new AssertionError("no box was taller than a page");
    }

    @Test
    void columnsGiveUpTheirLongestWordOnlyWhenTheWordsCannotAllFit() {
        float[] share = {106, 188, 188};
        // a stage name a little wider than its share takes the room from the others
        float[] widened = Layouter.columnWidths(share, new float[] {120, 80, 80}, 482);
        assertEquals(120, widened[0], 0.01);
        assertEquals(482, widened[0] + widened[1] + widened[2], 0.01);
        // a word no column could hold keeps its column at its share: the others keep theirs
        float[] fair = Layouter.columnWidths(share, new float[] {70, 650, 80}, 482);
        assertEquals(106, fair[0], 0.01);
        assertEquals(188, fair[1], 0.01);
        assertEquals(188, fair[2], 0.01);
    }
}
