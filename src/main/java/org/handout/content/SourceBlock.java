package org.handout.content;

import java.util.List;
import java.util.Optional;

/** A block of a leaflet section as written in the English source. */
public sealed interface SourceBlock {

    /** The block's id, unique within its section. */
    String id();

    /** A paragraph of running text. */
    record Paragraph(String id, Message text) implements SourceBlock {
    }

    /** A bulleted list. */
    record Bullets(String id, List<Message> items) implements SourceBlock {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /** A highlighted box, such as "when to call your child's doctor". */
    record Callout(String id, Message title, List<SourceBlock> blocks) implements SourceBlock {
        public Callout {
            blocks = List.copyOf(blocks);
        }
    }

    /** The stage table: a header and one row per stage. */
    record Stages(String id, Message stageHeader, Message meaningHeader, Message treatmentHeader,
                  List<StageRow> rows) implements SourceBlock {
        public Stages {
            rows = List.copyOf(rows);
        }
    }

    /** One stage; {@code code} (e.g. "4S") is data, available to the row's texts as {@code {code}}. */
    record StageRow(String id, Optional<String> code, Message name, Message meaning, Message treatment) {
    }

    /** Contact cards for organisations. */
    record Contacts(String id, List<Contact> cards) implements SourceBlock {
        public Contacts {
            cards = List.copyOf(cards);
        }
    }

    /** One organisation: its name, address and numbers are data; only {@code about} is translated. */
    record Contact(String id, Datum name, Message about, List<Datum> address, List<Phone> phones) {
        public Contact {
            address = List.copyOf(address);
            phones = List.copyOf(phones);
        }
    }

    /** A phone number with its kind; the number is printed as written, left to right in every script. */
    record Phone(PhoneKind kind, Datum number) {
    }

    /** A piece of data printed as written in every language (a name, an address line, a number), with its place. */
    record Datum(String text, String file, int line, int column) {
    }

    /** What a number is for; each kind has a translated label {@code common.phone-<id>}. */
    enum PhoneKind {
        TOLL_FREE("toll-free"), TTY("tty"), PHONE("phone"), FAX("fax");

        private final String id;

        PhoneKind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The kind with this id, if any. */
        public static Optional<PhoneKind> byId(String id) {
            for (PhoneKind k : values()) {
                if (k.id.equals(id)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }
}
