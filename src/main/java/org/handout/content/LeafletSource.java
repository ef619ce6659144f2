package org.handout.content;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One leaflet as written in English in {@code content/<id>.yaml}: its revision date, title, topic
 * (the PDF's subject keyword), data (facts formatted per language), terms (translatable words used
 * in data lists) and sections.
 */
public record LeafletSource(String id, String file, LocalDate revised, Message title, String topic,
                            Map<String, DataValue> data, Map<String, Message> terms, List<Section> sections) {

    public LeafletSource {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        sections = List.copyOf(sections);
    }

    /** What each datum is as a placeholder: a number (formatted, pluralised) or text (a joined list of terms, a number to dial). */
    public Map<String, ArgumentKind> arguments() {
        Map<String, ArgumentKind> out = new LinkedHashMap<>();
        data.forEach((name, value) -> out.put(name, value instanceof DataValue.Number ? ArgumentKind.NUMBER : ArgumentKind.TEXT));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The placeholders each string may use beyond the leaflet's data: a table row's data (a
     * stage's {@code {code}}) in the row's cells.
     */
    public Map<String, Map<String, ArgumentKind>> rowArguments() {
        Map<String, Map<String, ArgumentKind>> out = new LinkedHashMap<>();
        for (Section s : sections) {
            rowArguments(s.blocks(), out);
        }
        return Collections.unmodifiableMap(out);
    }

    private void rowArguments(List<SourceBlock> blocks, Map<String, Map<String, ArgumentKind>> out) {
        for (SourceBlock b : blocks) {
            if (b instanceof SourceBlock.Table t) {
                for (SourceBlock.Row r : t.rows()) {
                    if (r.data().isEmpty()) {
                        continue;
                    }
                    Map<String, ArgumentKind> with = new LinkedHashMap<>(arguments());
                    r.data().keySet().forEach(k -> with.put(k, ArgumentKind.TEXT));
                    SourceBlock.walk(List.of(new SourceBlock.Table(t.id(), List.of(), t.rowHeaders(), List.of(r))))
                            .forEach(m -> out.put(m.key(), with));
                }
            }
            rowArguments(b.children(), out);
        }
    }

    /** Every translatable string of the leaflet, in document order: title, terms, then sections. */
    public List<Message> texts() {
        List<Message> out = new ArrayList<>();
        out.add(title);
        out.addAll(terms.values());
        for (Section s : sections) {
            out.add(s.heading());
            out.addAll(SourceBlock.walk(s.blocks()));
        }
        return out;
    }
}
