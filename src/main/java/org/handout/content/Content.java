package org.handout.content;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole English source: the shared strings of {@code content/common.yaml} and the leaflets,
 * in the order that file lists them.
 */
public record Content(List<Message> common, List<LeafletSource> leaflets) {

    /** Placeholders the shared strings may use, filled in by the program, and what each is. */
    public static final Map<String, ArgumentKind> COMMON_ARGUMENTS = orderedMap("date", ArgumentKind.TEXT, "page", ArgumentKind.NUMBER,
            "pages", ArgumentKind.NUMBER, "edition", ArgumentKind.TEXT, "reviewer", ArgumentKind.TEXT, "reviewed", ArgumentKind.TEXT);

    private static Map<String, ArgumentKind> orderedMap(Object... pairs) {
        Map<String, ArgumentKind> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (ArgumentKind) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    public Content {
        common = List.copyOf(common);
        leaflets = List.copyOf(leaflets);
    }

    /** Every source string by key, in document order: common first, then each leaflet. */
    public Map<String, Message> texts() {
        Map<String, Message> out = new LinkedHashMap<>();
        common.forEach(t -> out.put(t.key(), t));
        for (LeafletSource l : leaflets) {
            l.texts().forEach(t -> out.put(t.key(), t));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The leaflet with this id, if there is one. */
    public Optional<LeafletSource> leaflet(String id) {
        return leaflets.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** The ids of all leaflets, in order. */
    public List<String> leafletIds() {
        return leaflets.stream().map(LeafletSource::id).toList();
    }
}
