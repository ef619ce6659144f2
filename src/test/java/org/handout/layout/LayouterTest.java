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
        for (Page page : out.pages()) {
            List<String> texts = body(page);
            assertEquals("HEAD-A", texts.get(0).strip(), "every page of the table starts with its header");
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
                new Block.BulletList(List.of(Text.plain("بند أول"), Text.plain("بند ثان")))));
        Item.Glyphs para = (Item.Glyphs) out.pages().get(0).items().stream()
                .filter(i -> i instanceof Item.Glyphs g && g.text().contains("نص")).findFirst().orElseThrow();
        Item.Glyphs bullet = (Item.Glyphs) out.pages().get(0).items().stream()
                .filter(i -> i instanceof Item.Glyphs g && g.text().equals("\u2022")).findFirst().orElseThrow();
        Item.Glyphs item = (Item.Glyphs) out.pages().get(0).items().stream()
                .filter(i -> i instanceof Item.Glyphs g && g.text().contains("أول")).findFirst().orElseThrow();
        float right = Layouter.PAGE_WIDTH - Layouter.MARGIN_X;
        assertTrue(para.x() > Layouter.PAGE_WIDTH / 2, "right-to-left text is set against the right margin");
        assertTrue(bullet.x() > item.x() && bullet.x() < right, "the bullet stands right of its item");
    }

    @Test
    void contactCardsStandTwoByTwoWithTheFirstOnTheStartSide() {
        for (String lang : List.of("en", "ar")) {
            List<Block> cards = new ArrayList<>();
            for (String name : List.of("FIRST-CARD", "SECOND-CARD", "THIRD-CARD")) {
                cards.add(new Block.ContactCard(Text.plain(name), Text.plain("about"), List.of(Text.plain("1 Main St")),
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
}
