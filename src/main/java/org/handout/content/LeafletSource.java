package org.handout.content;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One leaflet as written in English in {@code content/<id>.yaml}: its revision date, title,
 * data (facts formatted per language), terms (translatable words used in data lists) and sections.
 */
public record LeafletSource(String id, String file, LocalDate revised, Message title,
                            Map<String, DataValue> data, Map<String, Message> terms, List<Section> sections) {

    public LeafletSource {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        sections = List.copyOf(sections);
    }

    /** What each datum is as a placeholder: a number (formatted, pluralised) or text (a joined list of terms). */
    public Map<String, ArgumentKind> arguments() {
        Map<String, ArgumentKind> out = new LinkedHashMap<>();
        data.forEach((name, value) -> out.put(name, value instanceof DataValue.Number ? ArgumentKind.NUMBER : ArgumentKind.TEXT));
        return Collections.unmodifiableMap(out);
    }

    /** Every translatable string of the leaflet, in document order: title, terms, then sections. */
    public List<Message> texts() {
        List<Message> out = new ArrayList<>();
        out.add(title);
        out.addAll(terms.values());
        for (Section s : sections) {
            out.add(s.heading());
            s.blocks().forEach(b -> collect(b, out));
        }
        return out;
    }

    private static void collect(SourceBlock block, List<Message> out) {
        switch (block) {
            case SourceBlock.Paragraph p -> out.add(p.text());
            case SourceBlock.Bullets b -> out.addAll(b.items());
            case SourceBlock.Callout c -> {
                out.add(c.title());
                c.blocks().forEach(b -> collect(b, out));
            }
            case SourceBlock.Stages t -> {
                out.add(t.stageHeader());
                out.add(t.meaningHeader());
                out.add(t.treatmentHeader());
                for (SourceBlock.StageRow r : t.rows()) {
                    out.add(r.name());
                    out.add(r.meaning());
                    out.add(r.treatment());
                }
            }
            case SourceBlock.Contacts c -> c.cards().forEach(card -> out.add(card.about()));
        }
    }
}
