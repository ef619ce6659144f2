package org.handout.i18n;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.handout.content.Message;
import org.handout.report.Problems;
import org.handout.yaml.Yaml;
import org.handout.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code translations/<tag>.yaml} files into bundles, reporting every structural problem. */
public final class BundleLoader {
    private BundleLoader() {
    }

    /** Loads one bundle file, named {@code file} in problems. */
    public static Optional<Bundle> load(Path path, String file, Problems problems) {
        return load(org.handout.world.World.plain(), path, file, problems);
    }

    /** Loads one bundle file as {@code world} reads it, named {@code file} in problems. */
    public static Optional<Bundle> load(org.handout.world.World world, Path path, String file, Problems problems) {
        Optional<YamlMap> root = Yaml.parse(world, path, file, problems).flatMap(n -> YamlMap.of(n, file, "", "the file", problems));
        if (root.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = root.get();
        int before = problems.errorCount();
        String expected = path.getFileName().toString().replaceFirst("\\.yaml$", "");
        Optional<String> tag = m.text("language").filter(t -> checkTag(file, m, t, expected, problems));
        Optional<Translation> translation = m.map("translation").flatMap(t -> translation(file, t, problems));
        Map<String, Message> messages = new LinkedHashMap<>();
        Map<String, Origin> origins = new LinkedHashMap<>();
        m.map("messages").ifPresent(msgs -> {
            for (String key : msgs.names()) {
                Node keyNode = msgs.keyNode(key).orElseThrow();
                entry(file, key, Yaml.line(keyNode), Yaml.column(keyNode), msgs.node(key).orElseThrow(), messages, origins, problems);
            }
        });
        m.rejectUnknown();
        if (problems.errorCount() > before || tag.isEmpty() || translation.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Bundle(tag.get(), file, translation, messages, origins));
    }

    /**
     * One entry: {@code source} (the English it was translated from), {@code text} (the
     * translation; empty while not translated), optional {@code state} and {@code note}.
     */
    private static void entry(String file, String key, int line, int column, Node value, Map<String, Message> messages,
                              Map<String, Origin> origins, Problems problems) {
        if (!(value instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
            problems.add(org.handout.report.Problem.error(file, Yaml.line(value), Yaml.column(value), key,
                    "an entry needs the English it was translated from and the translation")
                    .withHint("write it as  " + key + ": {source: \"<the English>\", text: \"<your translation>\"}"
                            + "  (handout init and handout check show the English)"));
            return;
        }
        YamlMap.of(value, file, key, "the entry", problems).ifPresent(e -> {
            Optional<String> source = e.text("source");
            Optional<String> text = e.node("text").filter(n -> !Yaml.isNull(n)).isPresent() ? e.text("text") : Optional.of("");
            if (!e.has("text")) {
                problems.error(file, e.line(), e.column(), key, "the entry has no 'text' (write text: \"\" while it is not translated)");
            }
            Optional<String> stateWord = e.optionalText("state");
            Optional<Origin.State> state = stateWord.flatMap(Origin.State::of);
            if (stateWord.isPresent() && state.isEmpty()) {
                problems.error(file, e.keyNode("state").map(Yaml::line).orElse(e.line()), 0, key, "'state' must be initial, "
                        + "translated, reviewed or final, not '" + stateWord.get() + "'");
            }
            Optional<String> note = e.optionalText("note");
            e.rejectUnknown();
            if (source.isEmpty() || text.isEmpty()) {
                return;
            }
            // refused before anything parses them: ICU's parser recurses once per level
            for (String field : List.of("source", "text")) {
                String v = field.equals("source") ? source.get() : text.get();
                int depth = org.handout.text.Nesting.depth(v);
                if (depth > org.handout.text.Nesting.MAX_DEPTH) {
                    Node n = e.node(field).orElseThrow();
                    problems.add(org.handout.text.Nesting.tooDeep(file, Yaml.line(n), Yaml.column(n), key, depth));
                    return;
                }
            }
            Origin.State s = state.orElse(text.get().isEmpty() ? Origin.State.INITIAL : Origin.State.TRANSLATED);
            origins.put(key, new Origin(source.get(), text.get(), s, note, line, column));
            if (s != Origin.State.INITIAL && !text.get().isEmpty()) {
                Node t = e.node("text").orElseThrow();
                messages.put(key, new Message(key, text.get(), file, Yaml.line(t), Yaml.column(t)));
            }
        });
    }

    private static boolean checkTag(String file, YamlMap m, String tag, String expected, Problems problems) {
        int line = m.keyNode("language").map(Yaml::line).orElse(0);
        Optional<String> canonical = Languages.canonical(tag);
        if (canonical.isEmpty()) {
            problems.error(file, line, 0, "", "'" + tag + "' is not a well-formed BCP 47 language tag");
            return false;
        }
        if (!canonical.get().equals(tag)) {
            problems.add(org.handout.report.Problem.error(file, line, 0, "", "'" + tag + "' is written '" + canonical.get()
                    + "' (its canonical form, which handout uses everywhere)").withHint("set language: " + canonical.get()
                    + " and name the file " + canonical.get() + ".yaml"));
            return false;
        }
        if (!tag.equals(expected)) {
            problems.error(file, line, 0, "", "language '" + tag + "' does not match the file name; name the file "
                    + tag + ".yaml or fix the tag");
            return false;
        }
        if (tag.toLowerCase(Locale.ROOT).equals(Bundle.SOURCE_TAG)) {
            problems.error(file, line, 0, "", "English is the source language: edit content/*.yaml instead");
            return false;
        }
        return true;
    }

    private static Optional<Translation> translation(String file, YamlMap t, Problems problems) {
        Optional<String> from = t.text("from");
        from.filter(f -> !f.equals(Bundle.SOURCE_TAG)).ifPresent(f -> problems.error(file, t.line(), t.column(), "",
                "'from' must be '" + Bundle.SOURCE_TAG + "': bundles are translated from the English source"));
        Optional<LocalDate> edition = t.text("edition").flatMap(v -> date(file, t, "edition", v, problems));
        Optional<String> method = t.text("method");
        Optional<Translation.Status> status = t.text("status").flatMap(s -> switch (s) {
            case "draft" -> Optional.of(Translation.Status.DRAFT);
            case "reviewed" -> Optional.of(Translation.Status.REVIEWED);
            default -> {
                problems.error(file, t.keyNode("status").map(Yaml::line).orElse(0), 0, "",
                        "'status' must be 'draft' or 'reviewed', not '" + s + "'");
                yield Optional.empty();
            }
        });
        Optional<String> reviewer = t.optionalText("reviewer").filter(r -> !r.isBlank());
        Optional<LocalDate> reviewed = t.optionalText("reviewed").flatMap(v -> date(file, t, "reviewed", v, problems));
        t.rejectUnknown();
        if (status.isPresent() && status.get() == Translation.Status.REVIEWED && (reviewer.isEmpty() || reviewed.isEmpty())) {
            problems.error(file, t.line(), t.column(), "", "a reviewed bundle must name its 'reviewer' and the date it was 'reviewed'");
            return Optional.empty();
        }
        if (status.isPresent() && status.get() == Translation.Status.DRAFT && (reviewer.isPresent() || reviewed.isPresent())) {
            problems.warning(file, t.line(), t.column(), "", "a draft bundle names a reviewer; set status to 'reviewed' once the review is done");
        }
        if (from.isEmpty() || edition.isEmpty() || method.isEmpty() || status.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Translation(from.get(), edition.get(), method.get(), status.get(), reviewer, reviewed));
    }

    private static Optional<LocalDate> date(String file, YamlMap t, String field, String value, Problems problems) {
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            problems.error(file, t.keyNode(field).map(Yaml::line).orElse(0), 0, "",
                    "'" + field + "' must be a date written as YYYY-MM-DD, not '" + value + "'");
            return Optional.empty();
        }
    }
}
