package org.handout.doc;

import java.util.List;

/** A block of a composed leaflet: final text in one language, ready for layout. */
public sealed interface Block {

    /** A heading; level 1 is the leaflet title, level 2 a section. */
    record Heading(int level, Text text) implements Block {
    }

    /** A paragraph. */
    record Paragraph(Text text) implements Block {
    }

    /** A bulleted list; each item is kept on one page. */
    record BulletList(List<Text> items) implements Block {
        public BulletList {
            items = List.copyOf(items);
        }
    }

    /** A highlighted box with a title, kept on one page. */
    record Callout(Text title, List<Block> body) implements Block {
        public Callout {
            body = List.copyOf(body);
        }
    }

    /** A table with a header row; each row is kept on one page and the header repeats. */
    record Table(List<Text> header, List<List<Text>> rows) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A contact card for an organisation, kept on one page. */
    record ContactCard(Text name, Text about, List<Text> address, List<Text> phones) implements Block {
        public ContactCard {
            address = List.copyOf(address);
            phones = List.copyOf(phones);
        }
    }
}
