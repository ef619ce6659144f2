package org.handout.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A block of a leaflet as written in the English source: a few general blocks with attributes, in
 * the manner of pandoc's AST. Every block answers two questions the same way, so that a walk over
 * a leaflet is written once: the strings it holds itself ({@link #messages()}, in reading order)
 * and the blocks inside it ({@link #children()}).
 */
public sealed interface SourceBlock {

    /** The block's id, unique among its siblings; its strings' keys are made of ids. */
    String id();

    /** The translatable strings of this block itself (not of its children), in reading order. */
    List<Message> messages();

    /** The blocks inside this one (a list item's, a callout's), in reading order. */
    default List<SourceBlock> children() {
        return List.of();
    }

    /** How many items, rows or cards the block has, for data {@code {count: section.block}}; -1 if it has none. */
    default int size() {
        return -1;
    }

    /** Every string of a block and of the blocks inside it, in reading order: the one walk. */
    static List<Message> walk(List<SourceBlock> blocks) {
        List<Message> out = new ArrayList<>();
        for (SourceBlock b : blocks) {
            walk(b, out);
        }
        return out;
    }

    private static void walk(SourceBlock b, List<Message> out) {
        if (b instanceof ListBlock l) {
            // an item's text, then what is under it
            for (Item i : l.items()) {
                out.add(i.text());
                i.blocks().forEach(c -> walk(c, out));
            }
            return;
        }
        out.addAll(b.messages());
        b.children().forEach(c -> walk(c, out));
    }

    /** A heading inside a section, at level 3 to 6 (the section's own heading is level 2). */
    record Heading(String id, int level, Message text) implements SourceBlock {
        public List<Message> messages() {
            return List.of(text);
        }
    }

    /** A paragraph of running text, with inline markup. */
    record Paragraph(String id, Message text) implements SourceBlock {
        public List<Message> messages() {
            return List.of(text);
        }
    }

    /** A bulleted or numbered list; an item may hold blocks of its own (a nested list). */
    record ListBlock(String id, boolean numbered, List<Item> items) implements SourceBlock {
        public ListBlock {
            items = List.copyOf(items);
        }

        public List<Message> messages() {
            return items.stream().map(Item::text).toList();
        }

        public List<SourceBlock> children() {
            return items.stream().flatMap(i -> i.blocks().stream()).toList();
        }

        public int size() {
            return items.size();
        }
    }

    /** A list item: its text and the blocks under it. */
    record Item(String id, Message text, List<SourceBlock> blocks) {
        public Item {
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * A table of any number of columns, each with an id, a header and a width weight; the first
     * cell of a row heads it when {@code rowHeaders}. A row's data (such as a stage's code "4S")
     * is available to its cells as placeholders.
     */
    record Table(String id, List<Column> columns, boolean rowHeaders, List<Row> rows) implements SourceBlock {
        public Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }

        public List<Message> messages() {
            List<Message> out = new ArrayList<>();
            columns.forEach(c -> out.add(c.header()));
            for (Row r : rows) {
                for (Cell c : r.cells()) {
                    switch (c) {
                        case Cell.Text t -> out.add(t.text());
                        case Cell.Items i -> i.items().forEach(x -> out.add(x.text()));
                    }
                }
            }
            return out;
        }

        public int size() {
            return rows.size();
        }
    }

    /** A table column: its id (the last part of its cells' keys), header and share of the width. */
    record Column(String id, Message header, float weight) {
    }

    /** A table row: its id, its data, and one cell per column, in the columns' order. */
    record Row(String id, Map<String, String> data, List<Cell> cells) {
        public Row {
            data = Map.copyOf(data);
            cells = List.copyOf(cells);
        }
    }

    /** What a table cell holds: a text, or a bulleted list. */
    sealed interface Cell {
        /** A cell of text. */
        record Text(Message text) implements Cell {
        }

        /** A cell holding a bulleted list. */
        record Items(List<Item> items) implements Cell {
            public Items {
                items = List.copyOf(items);
            }
        }
    }

    /** A highlighted box of one kind, with a title. */
    record Callout(String id, CalloutKind kind, Message title, List<SourceBlock> blocks) implements SourceBlock {
        public Callout {
            blocks = List.copyOf(blocks);
        }

        public List<Message> messages() {
            return List.of(title);
        }

        public List<SourceBlock> children() {
            return blocks;
        }
    }

    /** The kinds of callout: a note, a warning, and "when to call the doctor". */
    enum CalloutKind {
        NOTE, WARNING, DOCTOR;

        /** The kind named {@code name} in a leaflet file. */
        public static Optional<CalloutKind> named(String name) {
            for (CalloutKind k : values()) {
                if (k.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** Cards, such as one per organisation, set two by two. */
    record Cards(String id, List<Card> cards) implements SourceBlock {
        public Cards {
            cards = List.copyOf(cards);
        }

        public List<Message> messages() {
            return cards.stream().flatMap(c -> c.about().stream()).toList();
        }

        public int size() {
            return cards.size();
        }
    }

    /**
     * One card: its name, lines and numbers are data, printed as written; only {@code about} is
     * translated. {@code link} is the data name of its web address, if it has one.
     */
    record Card(String id, Datum name, Optional<Message> about, List<Datum> lines, List<Phone> phones,
                Optional<String> link) {
        public Card {
            lines = List.copyOf(lines);
            phones = List.copyOf(phones);
        }
    }

    /** A phone number with its kind, whose label is {@code common.phone-<kind>}. */
    record Phone(String kind, Datum number) {
    }

    /** A piece of data printed as written in every language (a name, an address line, a number), with its place. */
    record Datum(String text, String file, int line, int column) {
    }

    /** A definition list: terms and what they mean. */
    record Definitions(String id, List<Definition> items) implements SourceBlock {
        public Definitions {
            items = List.copyOf(items);
        }

        public List<Message> messages() {
            List<Message> out = new ArrayList<>();
            items.forEach(d -> {
                out.add(d.term());
                out.add(d.meaning());
            });
            return out;
        }

        public int size() {
            return items.size();
        }
    }

    /** A term and its meaning. */
    record Definition(String id, Message term, Message meaning) {
    }

    /** A checklist: items with a box each, then {@code lines} write-in lines for the family's notes. */
    record Checklist(String id, int lines, List<Item> items) implements SourceBlock {
        public Checklist {
            items = List.copyOf(items);
        }

        public List<Message> messages() {
            return items.stream().map(Item::text).toList();
        }

        public int size() {
            return items.size();
        }
    }

    /**
     * A picture (PNG or JPEG, no words inside it) at {@code width} of the text width, with alt
     * text and an optional caption, both translated.
     */
    record Figure(String id, Image image, float width, Message alt, Optional<Message> caption) implements SourceBlock {
        public List<Message> messages() {
            List<Message> out = new ArrayList<>();
            out.add(alt);
            caption.ifPresent(out::add);
            return out;
        }
    }

    /** An image read from {@code content/}: its bytes and size in pixels. */
    record Image(String path, byte[] bytes, int width, int height) {
    }

    /** A QR code for a web address (the data {@code link}); its alt text is the address. */
    record Qr(String id, String link, String url, Optional<Message> caption) implements SourceBlock {
        public List<Message> messages() {
            return caption.stream().toList();
        }
    }
}
