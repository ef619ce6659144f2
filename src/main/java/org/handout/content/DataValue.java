package org.handout.content;

import java.util.List;

/** A fact kept as data in a leaflet and formatted per language: a number or a list of terms. */
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

    /** How a list of terms is joined: "a, b and c" or "a, b or c". */
    enum Join {
        AND, OR
    }
}
