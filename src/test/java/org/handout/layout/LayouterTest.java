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
import org.handout.doc.Leaflet;
import org.handout.doc.Text;
import org.handout.report.Problems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Page layout rules: what is never split, what stays together, and table columns. */
class LayouterTest {
    static FontBook fonts;

    @BeforeAll
    static void loadFonts() {
        Problems p = new Problems();
        fonts = FontBook.load(Path.of("fonts"), "fonts", p).orElseThrow(() -> new AssertionError(p.sorted()));
    }

    private static LaidOut layout(String lang, List<Block> blocks) {
        Footer footer = new Footer(List.of(Text.plain("Footer note")), Optional.empty(), (p, n) -> p + "/" + n);
        Leaflet l = new Leaflet("test", lang, ULocale.forLanguageTag(lang).isRightToLeft(), "Title", blocks, footer,
                LocalDate.of(2026, 11, 25), "test");
        return new Layouter(fonts.chain(lang), ULocale.forLanguageTag(lang)).layout(l);
    }

    /** Texts of a page's body (not furniture), in order. */
    private static List<String> body(Page page) {
        List<String> out = new ArrayList<>();
        for (Item i : page.items()) {
            if (i instanceof Item.Glyphs g && !g.artifact()) {
                out.add(g.text());
            }
        }
        return out;
    }

    private static String filler(int i) {
        return "Paragraph " + i + " says something plain about the illness in a sentence of ordinary length, "
                + "long enough to fill two lines of the column on an A4 page.";
    }

    @Test
    void aHeadingNeverEndsAPageAndACalloutIsNeverSplit() {
        for (int lead = 20; lead < 34; lead++) {
            List<Block> blocks = new ArrayList<>();
            blocks.add(new Block.Heading(1, Text.plain("Title")));
            for (int i = 0; i < lead; i++) {
                blocks.add(new Block.Paragraph(Text.plain(filler(i))));
            }
            blocks.add(new Block.Heading(2, Text.plain("HEADING-MARK")));
            blocks.add(new Block.Paragraph(Text.plain("After the heading.")));
            blocks.add(new Block.Callout(Text.strong("CALLOUT-TITLE"), List.of(new Block.Paragraph(Text.plain("CALLOUT-BODY one")),
                    new Block.Paragraph(Text.plain("CALLOUT-BODY two")))));
            LaidOut out = layout("en", blocks);
            for (Page page : out.pages()) {
                List<String> texts = body(page);
                assertTrue(!texts.get(texts.size() - 1).contains("HEADING-MARK"), "a heading ends a page (lead " + lead + ")");
                boolean title = texts.stream().anyMatch(t -> t.contains("CALLOUT-TITLE"));
                long parts = texts.stream().filter(t -> t.contains("CALLOUT-BODY")).count();
                assertTrue(!title || parts == 2, "the call-out box is split (lead " + lead + ")");
            }
        }
    }

    @Test
    void tableRepeatsItsHeaderOnANewPageAndNeverSplitsARow() {
        List<List<Text>> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(List.of(Text.plain("Stage " + i), Text.plain(filler(i)), Text.plain(filler(i + 100))));
        }
        LaidOut out = layout("en", List.of(new Block.Table(List.of(Text.strong("HEAD-A"), Text.strong("HEAD-B"), Text.strong("HEAD-C")), rows)));
        assertTrue(out.pages().size() > 1);
        for (int n = 0; n < out.pages().size(); n++) {
            Page page = out.pages().get(n);
            List<String> texts = body(page);
            Item.Glyphs first = (Item.Glyphs) page.items().stream().filter(i -> i instanceof Item.Glyphs).findFirst().orElseThrow();
            assertEquals("HEAD-A", first.text().strip(), "every page of the table starts with its header");
            assertEquals(n > 0, first.artifact(), "a repeated header is page furniture, read once where the table begins");
            for (int i = 0; i < 30; i++) {
                String stage = "Stage " + i;
                if (texts.stream().anyMatch(t -> t.strip().equals(stage))) {
                    String marker = "Paragraph " + (i + 100) + " ";
                    assertTrue(texts.stream().anyMatch(t -> t.startsWith(marker)), "row " + i + " is split across pages");
                }
            }
        }
    }

    @Test
    void tableColumnWidensForItsLongestWord() {
        List<List<Text>> rows = List.of(List.of(Text.strong("Диссеминированная"), Text.plain("Рак распространился."),
                Text.plain("Интенсивная химиотерапия.")));
        LaidOut out = layout("ru", List.of(new Block.Table(List.of(Text.strong("Стадия"), Text.strong("Что это значит"),
                Text.strong("Как лечат")), rows)));
        assertTrue(body(out.pages().get(0)).stream().anyMatch(t -> t.equals("Диссеминированная")),
                "the stage name was broken inside the word: " + body(out.pages().get(0)));
    }

    @Test
    void rightToLeftLeafletIsMirrored() {
        LaidOut out = layout("ar", List.of(new Block.Paragraph(Text.plain("نص قصير")),
                Block.ListBlock.bullets(List.of(Text.plain("بند أول"), Text.plain("بند ثان")))));
        Item.Glyphs para = (Item.Glyphs) out.pages().get(0).items().stream()
                .filter(i -> i instanceof Item.Glyphs g && g.text().contains("نص")).findFirst().orElseThrow();
        Item.Glyphs bullet = (Item.Glyphs) out.pages().get(0).items().stream()
                .filter(i -> i instanceof Item.Glyphs g && g.text().equals("\u2022")).findFirst().orElseThrow();
        Item.Glyphs item = (Item.Glyphs) out.pages().get(0).items().stream()
                .filter(i -> i instanceof Item.Glyphs g && g.text().contains("أول")).findFirst().orElseThrow();
        float right = Paper.A4.width() - Layouter.MARGIN_X;
        assertTrue(para.x() > Paper.A4.width() / 2, "right-to-left text is set against the right margin");
        assertTrue(bullet.x() > item.x() && bullet.x() < right, "the bullet stands right of its item");
    }

    @Test
    void contactCardsStandTwoByTwoWithTheFirstOnTheStartSide() {
        for (String lang : List.of("en", "ar")) {
            List<Block> cards = new ArrayList<>();
            for (String name : List.of("FIRST-CARD", "SECOND-CARD", "THIRD-CARD")) {
                cards.add(new Block.Card(Text.plain(name), Text.plain("about"), List.of(Text.plain("1 Main St")),
                        List.of(Text.plain("800-000-0000"))));
            }
            LaidOut out = layout(lang, cards);
            List<Item.Glyphs> names = new ArrayList<>();
            for (Item i : out.pages().get(0).items()) {
                if (i instanceof Item.Glyphs g && g.text().endsWith("-CARD")) {
                    names.add(g);
                }
            }
            assertEquals(List.of("FIRST-CARD", "SECOND-CARD", "THIRD-CARD"), names.stream().map(Item.Glyphs::text).toList(),
                    "cards are read in their order");
            assertEquals(names.get(0).y(), names.get(1).y(), 0.01, "the first two cards share a row");
            assertTrue(names.get(2).y() < names.get(0).y(), "the third card starts a new row");
            if (lang.equals("en")) {
                assertTrue(names.get(0).x() < names.get(1).x(), "left to right: the first card is on the left");
            } else {
                assertTrue(names.get(0).x() > names.get(1).x(), "right to left: the first card is on the right");
            }
        }
    }

    /** Paragraph i's lines carry the word "pI"; counts its lines on each page. */
    private static int[][] linesPerPage(LaidOut out, int paragraphs) {
        int[][] counts = new int[paragraphs][out.pages().size()];
        for (int page = 0; page < out.pages().size(); page++) {
            for (String t : body(out.pages().get(page))) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bp(\\d+)x").matcher(t);
                if (m.find()) {
                    counts[Integer.parseInt(m.group(1))][page]++;
                }
            }
        }
        return counts;
    }

    @Test
    void aParagraphLeavesNoSingleLineAloneAtThePageEndOrStart() {
        for (int lead = 0; lead < 12; lead++) {
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < lead; i++) {
                blocks.add(new Block.Paragraph(Text.plain(filler(i))));
            }
            int paragraphs = 14;
            for (int i = 0; i < paragraphs; i++) {
                // about five lines each, every line holding the paragraph's own mark
                blocks.add(new Block.Paragraph(Text.plain(("p" + i + "x word ").repeat(60).strip())));
            }
            LaidOut out = layout("en", blocks);
            int[][] counts = linesPerPage(out, paragraphs);
            for (int i = 0; i < paragraphs; i++) {
                for (int page = 0; page < out.pages().size(); page++) {
                    int n = counts[i][page];
                    boolean split = java.util.Arrays.stream(counts[i]).filter(c -> c > 0).count() > 1;
                    assertTrue(!split || n == 0 || n >= 2,
                            "paragraph " + i + " leaves a single line on page " + (page + 1) + " (lead " + lead + ")");
                }
            }
        }
    }

    @Test
    void aListItemAndAContactCardAreNeverSplitAcrossPages() {
        for (int lead = 20; lead < 32; lead++) {
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < lead; i++) {
                blocks.add(new Block.Paragraph(Text.plain(filler(i))));
            }
            List<Text> items = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                items.add(Text.plain(("p" + i + "x item ").repeat(30).strip()));
            }
            blocks.add(Block.ListBlock.bullets(items));
            for (int i = 0; i < 4; i++) {
                blocks.add(new Block.Card(Text.plain("p" + (8 + i) + "x name"), Text.plain("p" + (8 + i) + "x about the organisation"),
                        List.of(Text.plain("p" + (8 + i) + "x 1 Main Street"), Text.plain("p" + (8 + i) + "x Springfield")),
                        List.of(Text.plain("p" + (8 + i) + "x 800-000-0000"))));
            }
            LaidOut out = layout("en", blocks);
            int[][] counts = linesPerPage(out, 12);
            for (int i = 0; i < 12; i++) {
                long pages = java.util.Arrays.stream(counts[i]).filter(c -> c > 0).count();
                assertEquals(1, pages, (i < 8 ? "list item " : "contact card ") + i + " is split across pages (lead " + lead + ")");
            }
        }
    }

    @Test
    void pagesTakeTheChosenPaperAndTheTextItsMeasure() {
        Footer footer = new Footer(List.of(Text.plain("Footer note")), Optional.empty(), (p, n) -> p + "/" + n);
        Leaflet l = new Leaflet("test", "en", false, "Title", List.of(new Block.Paragraph(Text.plain(filler(1) + " " + filler(2)))),
                footer, LocalDate.of(2026, 11, 25), "test");
        for (Paper paper : Paper.values()) {
            LaidOut out = new Layouter(fonts.chain("en"), ULocale.ENGLISH, paper, Align.JUSTIFY).layout(l);
            Page page = out.pages().get(0);
            assertEquals(paper.width(), page.width(), 0.001);
            assertEquals(paper.height(), page.height(), 0.001);
            Item.Glyphs first = (Item.Glyphs) page.items().stream().filter(i -> i instanceof Item.Glyphs g && g.text().startsWith("Paragraph 1"))
                    .findFirst().orElseThrow();
            float measure = paper.width() - 2 * Layouter.MARGIN_X;
            float right = first.x() + first.dx()[first.dx().length - 1];
            assertTrue(right > Layouter.MARGIN_X + measure - 12 && right <= Layouter.MARGIN_X + measure,
                    paper + ": a justified line ends at the right margin, not at " + right);
        }
    }

    @Test
    void paperFollowsTheCustomOfTheLocalesCountry() {
        assertEquals(Paper.LETTER, Paper.forLocale(ULocale.forLanguageTag("en")), "en is likeliest en-US");
        assertEquals(Paper.LETTER, Paper.forLocale(ULocale.forLanguageTag("es-MX")));
        assertEquals(Paper.LETTER, Paper.forLocale(ULocale.forLanguageTag("en-CA")));
        assertEquals(Paper.A4, Paper.forLocale(ULocale.forLanguageTag("en-GB")));
        assertEquals(Paper.A4, Paper.forLocale(ULocale.forLanguageTag("es")), "es is likeliest es-ES");
        assertEquals(Paper.A4, Paper.forLocale(ULocale.forLanguageTag("de")));
        assertEquals(Paper.A4, Paper.forLocale(ULocale.forLanguageTag("zh-Hans")));
        assertEquals(java.util.Optional.of(Paper.LETTER), Paper.named("Letter"));
        assertEquals(java.util.Optional.empty(), Paper.named("legal"));
    }

    @Test
    void aLastPageOfALineOrTwoIsPulledBackByTighterSpacingBetweenBlocks() {
        for (int n = 20; n < 60; n++) {
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i % 3 == 0) {
                    blocks.add(new Block.Heading(2, Text.plain("Section " + i)));
                }
                blocks.add(new Block.Paragraph(Text.plain("One short line number " + i + ".")));
            }
            LaidOut out = layout("en", blocks);
            Page last = out.pages().get(out.pages().size() - 1);
            long lines = body(last).size();
            assertTrue(out.pages().size() == 1 || lines > 2, n + " blocks leave " + lines + " line(s) alone on the last page");
        }
    }

    /** The underline pieces of the page: thin rectangles in the link colour. */
    private static List<Item.Rect> underlines(Page page) {
        List<Item.Rect> out = new ArrayList<>();
        for (Item i : page.items()) {
            if (i instanceof Item.Rect r && r.stroke() == -1 && r.height() < 1.5f && r.width() > 0) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void aLinksUnderlineSkipsTheInkOfDescendersAndSubscriptsItWouldCross() {
        // "ไม่มี" crosses nothing: one underline; in "สหรัฐอเมริกา" the tail of ฐ goes below it, so it breaks
        // there; Khmer's subscripts ្យ and ្ថ break it twice; "big day": the g and the y
        for (String[] c : new String[][] {{"th", "ไม่มี", "1"}, {"th", "สหรัฐอเมริกา", "2"}, {"km", "វិទ្យាស្ថាន", "3"}, {"en", "mono", "1"},
                {"en", "big day", "2"}}) {
            Block p = new Block.Paragraph(new Text(List.of(new org.handout.doc.Inline.Link(c[1], "https://example.org/"))));
            Block plain = new Block.Paragraph(Text.plain(c[1]));
            int others = underlines(layout(c[0], List.of(plain)).pages().get(0)).size(); // the page's own rules
            LaidOut out = layout(c[0], List.of(p));
            assertEquals(Integer.parseInt(c[2]), underlines(out.pages().get(0)).size() - others, c[0] + " «" + c[1] + "»");
        }
    }
}
