package org.handout.content;

import java.util.List;

/**
 * A fact kept as data in a leaflet and formatted per language: a number, a list of terms, a phone
 * number or a web address.
 */
public sealed interface DataValue {

    /** A whole number, such as an age in years; formatted and pluralised by ICU. */
    record Number(long value) implements DataValue {
    }

    /** A list of term ids, joined in each language by ICU's {@code ListFormatter}. */
    record Terms(List<String> termIds, Join join) implements DataValue {
        public Terms {
            termIds = List.copyOf(termIds);
        }
    }

    /** A phone number, printed as written, left to right in every script and never broken. */
    record Phone(String number) implements DataValue {
    }

    /** A web address, the target of {@code <link:name>} markup and of QR codes. */
    record Link(String url) implements DataValue {
    }

    /** How a list of terms is joined: "a, b and c" or "a, b or c". */
    enum Join {
        AND, OR
    }
}
