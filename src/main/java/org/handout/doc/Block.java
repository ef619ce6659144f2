package org.handout.doc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A block of a composed leaflet: final text in one language, ready for layout. Each block says
 * what it holds in one way ({@link #texts()}, {@link #children()}), so walks over a leaflet (its
 * strings, its outline) are written once; only layout, which draws each kind, has a case per kind.
 */
public sealed interface Block {

    /** The texts of this block itself, in reading order (not those of the blocks inside it). */
    List<Text> texts();

    /** The blocks inside this one, in reading order. */
    default List<Block> children() {
        return List.of();
    }

    /** What the block is, for the outline: "p", "h2", "table"... */
    String kind();

    /** Every text of the blocks and of the blocks inside them, in reading order. */
    static List<Text> walk(List<Block> blocks) {
        List<Text> out = new ArrayList<>();
        blocks.forEach(b -> walk(b, out));
        return out;
    }

    private static void walk(Block b, List<Text> out) {
        if (b instanceof ListBlock l) {
            for (Item i : l.items()) {
                out.add(i.text());
                i.blocks().forEach(c -> walk(c, out));
            }
            return;
        }
        if (b instanceof Table t) {
            t.columns().forEach(c -> out.add(c.header()));
            t.rows().forEach(r -> r.forEach(cell -> cell.forEach(c -> walk(c, out))));
            return;
        }
        out.addAll(b.texts());
        b.children().forEach(c -> walk(c, out));
    }

    /** A heading; level 1 is the leaflet title, level 2 a section, 3 to 6 headings inside it. */
    record Heading(int level, Text text) implements Block {
        public List<Text> texts() {
            return List.of(text);
        }

        public String kind() {
            return "h" + level;
        }
    }

    /** A paragraph. */
    record Paragraph(Text text) implements Block {
        public List<Text> texts() {
            return List.of(text);
        }

        public String kind() {
            return "p";
        }
    }

    /** A bulleted or numbered list; each item has its label ("•", "1.") and may hold blocks (a nested list). */
    record ListBlock(boolean numbered, List<Item> items) implements Block {
        public ListBlock {
            items = List.copyOf(items);
        }

        /** A bulleted list of texts. */
        public static ListBlock bullets(List<Text> texts) {
            return new ListBlock(false, texts.stream().map(t -> new Item("\u2022", t, List.of())).toList());
        }

        public List<Text> texts() {
            return items.stream().map(Item::text).toList();
        }

        public List<Block> children() {
            return items.stream().flatMap(i -> i.blocks().stream()).toList();
        }

        public String kind() {
            return numbered ? "ol" : "ul";
        }
    }

    /** A list item: its label (a bullet or a number in the language's digits), its text and the blocks under it. */
    record Item(String label, Text text, List<Block> blocks) {
        public Item {
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * A table: columns with a header and a width weight, rows of cells, each cell a list of blocks
     * (a paragraph, a list); the first cell of a row heads it when {@code rowHeaders}. Each row
     * is kept on one page and the header repeats on a new one.
     */
    record Table(List<Column> columns, boolean rowHeaders, List<List<List<Block>>> rows) implements Block {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(r -> r.stream().map(List::copyOf).toList()).toList();
        }

        /** A table of text cells, its columns of equal weight, the first cell of each row heading it. */
        public Table(List<Text> header, List<List<Text>> rows) {
            this(header.stream().map(h -> new Column(h, 1)).toList(), true,
                    rows.stream().map(r -> r.stream().map(c -> List.<Block>of(new Paragraph(c))).toList()).toList());
        }

        public List<Text> texts() {
            return columns.stream().map(Column::header).toList();
        }

        public List<Block> children() {
            return rows.stream().flatMap(r -> r.stream().flatMap(List::stream)).toList();
        }

        public String kind() {
            return "table";
        }
    }

    /** A table column: its header and its share of the table's width. */
    record Column(Text header, float weight) {
    }

    /** A highlighted box of one kind with a title, kept on one page. */
    record Callout(Kind type, Text title, List<Block> body) implements Block {
        public Callout {
            body = List.copyOf(body);
        }

        /** A "when to call the doctor" box. */
        public Callout(Text title, List<Block> body) {
            this(Kind.DOCTOR, title, body);
        }

        public List<Text> texts() {
            return List.of(title);
        }

        public List<Block> children() {
            return body;
        }

        public String kind() {
            return "callout " + type.name().toLowerCase(java.util.Locale.ROOT);
        }

        /** A note, a warning, or when to call the doctor. */
        public enum Kind {
            NOTE, WARNING, DOCTOR
        }
    }

    /** A card (an organisation, a clinic), kept on one page; consecutive cards stand two by two. */
    record Card(Text name, Text about, List<Text> lines, List<Text> phones) implements Block {
        public Card {
            lines = List.copyOf(lines);
            phones = List.copyOf(phones);
        }

        public List<Text> texts() {
            List<Text> out = new ArrayList<>();
            out.add(name);
            out.add(about);
            out.addAll(lines);
            out.addAll(phones);
            return out;
        }

        public String kind() {
            return "card";
        }
    }

    /** Terms and what they mean. */
    record Definitions(List<Definition> items) implements Block {
        public Definitions {
            items = List.copyOf(items);
        }

        public List<Text> texts() {
            List<Text> out = new ArrayList<>();
            items.forEach(d -> {
                out.add(d.term());
                out.add(d.meaning());
            });
            return out;
        }

        public String kind() {
            return "definitions";
        }
    }

    /** A term and its meaning. */
    record Definition(Text term, Text meaning) {
    }

    /** Items with a box to tick each, then {@code lines} empty lines to write on. */
    record Checklist(List<Text> items, int lines) implements Block {
        public Checklist {
            items = List.copyOf(items);
        }

        public List<Text> texts() {
            return items;
        }

        public String kind() {
            return "checklist, " + lines + " lines";
        }
    }

    /** A picture at {@code share} of the text width, with what a screen reader says for it and a caption. */
    record Figure(byte[] png, int width, int height, float share, String alt, Optional<Text> caption) implements Block {
        public List<Text> texts() {
            return caption.stream().toList();
        }

        public String kind() {
            return "figure (" + alt + ")";
        }
    }

    /** A QR code for a web address, which is its alt text, with a caption. */
    record Qr(String url, Optional<Text> caption) implements Block {
        public List<Text> texts() {
            return caption.stream().toList();
        }

        public String kind() {
            return "qr " + url;
        }
    }
}
