package org.handout.content;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole English source: the shared strings of {@code content/common.yaml}, the leaflets that
 * loaded, and the ids of every leaflet that file lists, in its order ({@code listed}): a leaflet
 * whose file has errors is listed but not loaded, so only it is held back.
 */
public record Content(List<Message> common, List<LeafletSource> leaflets, List<String> listed) {

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

    /**
     * The shared strings the program itself prints, with what each is for: {@code content/common.yaml}
     * must have every one of them.
     */
    public static final Map<String, String> REQUIRED_COMMON = requiredCommon();

    public Content {
        common = List.copyOf(common);
        leaflets = List.copyOf(leaflets);
        listed = List.copyOf(listed);
    }

    /** Content whose every listed leaflet loaded. */
    public Content(List<Message> common, List<LeafletSource> leaflets) {
        this(common, leaflets, leaflets.stream().map(LeafletSource::id).toList());
    }

    private static Map<String, String> requiredCommon() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("disclaimer", "the care-team note in every footer");
        m.put("revised", "the revision date in every footer, with {date}");
        m.put("page", "the page label, with {page} and {pages}");
        m.put("translated-from", "the English edition a translation came from, with {edition}");
        m.put("draft", "the note on a translation not yet reviewed");
        m.put("reviewed", "the reviewer of a reviewed translation, with {reviewer} and {reviewed}");
        return Collections.unmodifiableMap(m);
    }

    /** Whether a listed leaflet could not be loaded (its file has errors). */
    public boolean isBroken(String id) {
        return listed.contains(id) && leaflet(id).isEmpty();
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

    /** The ids of every listed leaflet, in order, those that could not be loaded included. */
    public List<String> leafletIds() {
        return listed;
    }
}
