package org.handout.content;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.handout.report.Problems;
import org.handout.text.TextSafety;
import org.handout.yaml.Yaml;
import org.handout.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads {@code content/common.yaml} and the leaflet files it lists into source records with
 * stable keys. It checks structure only (fields, types, ids, data references); the ICU patterns
 * themselves are checked by {@code org.handout.i18n.BundleChecker}. Nothing is formatted here.
 */
public final class ContentLoader {
    /** Ids are lower-case words joined by hyphens, so keys stay readable and stable. */
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** Data names are ICU argument names. */
    private static final Pattern DATA_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final String COMMON = "common";
    /** The language data is written in, as the English source is. */
    private static final String DATA_LANGUAGE = "en";

    private final org.handout.world.World world;
    private final Path dir;
    private final String prefix;
    private final Problems problems;

    private ContentLoader(org.handout.world.World world, Path dir, String prefix, Problems problems) {
        this.world = world;
        this.dir = dir;
        this.prefix = prefix;
        this.problems = problems;
    }

    /**
     * Loads the content folder; {@code displayDir} is how files are named in problems
     * (e.g. "content"). Returns empty when an error makes the content unusable.
     */
    public static Optional<Content> load(Path dir, String displayDir, Problems problems) {
        return load(org.handout.world.World.plain(), dir, displayDir, problems);
    }

    /** Loads the content folder as {@code world} reads it. */
    public static Optional<Content> load(org.handout.world.World world, Path dir, String displayDir, Problems problems) {
        return new ContentLoader(world, dir, displayDir, problems).load();
    }

    private String display(String fileName) {
        return prefix.isEmpty() ? fileName : prefix + "/" + fileName;
    }

    private Optional<Content> load() {
        int before = problems.errorCount();
        String commonFile = display(COMMON + ".yaml");
        Optional<YamlMap> root = Yaml.parse(world, dir.resolve(COMMON + ".yaml"), commonFile, problems)
                .flatMap(n -> YamlMap.of(n, commonFile, "", "the file", problems));
        if (root.isEmpty()) {
            return Optional.empty();
        }
        YamlMap common = root.get();
        common.text("leaflet").filter(v -> !v.equals(COMMON)).ifPresent(v -> problems.error(commonFile,
                common.line(), common.column(), "", "'leaflet' must be 'common' in this file, not '" + v + "'"));
        List<Message> strings = new ArrayList<>();
        common.map("strings").ifPresent(m -> {
            for (String name : m.names()) {
                checkId(commonFile, m.keyNode(name).orElseThrow(), name);
                text(m, name, COMMON + "." + name).ifPresent(strings::add);
            }
            // the program prints these itself: without one, a footer would be missing a line
            int line = common.keyNode("strings").map(Yaml::line).orElse(0);
            Content.REQUIRED_COMMON.forEach((id, what) -> {
                if (!m.has(id)) {
                    problems.add(org.handout.report.Problem.error(commonFile, line, 0, COMMON + "." + id,
                            "'strings' has no '" + id + "': " + what).withHint("add " + id + ": \"<the English>\" under 'strings'"));
                }
            });
        });
        List<String> ids = new ArrayList<>();
        common.list("leaflets").ifPresent(list -> {
            for (Node n : list) {
                Yaml.text(n, commonFile, "", "a leaflet id", problems).ifPresent(id -> {
                    if (checkId(commonFile, n, id)) {
                        if (ids.contains(id)) {
                            problems.error(commonFile, Yaml.line(n), Yaml.column(n), "", "leaflet '" + id + "' is listed twice");
                        } else if (id.equals(COMMON)) {
                            problems.error(commonFile, Yaml.line(n), Yaml.column(n), "", "'common' is not a leaflet");
                        } else {
                            ids.add(id);
                        }
                    }
                });
            }
        });
        common.rejectUnknown();
        if (problems.errorCount() > before) {
            return Optional.empty(); // without the shared strings no leaflet can be made
        }
        // a leaflet whose file has errors is left out (and its problems are its own): only it is held back
        List<LeafletSource> leaflets = new ArrayList<>();
        for (String id : ids) {
            Path file = dir.resolve(id + ".yaml");
            if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                problems.add(org.handout.report.Problem.error(display(id + ".yaml"), 0, 0, "", "no such file, but "
                        + commonFile + " lists leaflet '" + id + "' (line " + common.keyNode("leaflets").map(Yaml::line).orElse(0) + ")")
                        .withHint("write " + display(id + ".yaml") + ", or take '" + id + "' out of the list"));
                continue;
            }
            int errors = problems.errorCount();
            leaflet(file, id).filter(l -> problems.errorCount() == errors).ifPresent(leaflets::add);
        }
        return Optional.of(new Content(strings, leaflets, ids));
    }

    private Optional<LeafletSource> leaflet(Path path, String id) {
        String file = display(id + ".yaml");
        Optional<YamlMap> root = Yaml.parse(world, path, file, problems)
                .flatMap(n -> YamlMap.of(n, file, "", "the file", problems));
        if (root.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = root.get();
        int before = problems.errorCount();
        m.text("leaflet").filter(v -> !v.equals(id)).ifPresent(v -> problems.error(file, m.line(), m.column(), "",
                "'leaflet' is '" + v + "' but the file is " + id + ".yaml; they must match"));
        LocalDate revised = m.text("revised").flatMap(v -> date(file, m.required("revised").orElseThrow(), v))
                .orElse(null);
        Optional<Message> title = text(m, "title", id + ".title");
        Map<String, Message> terms = new LinkedHashMap<>();
        m.node("terms").ifPresent(n -> YamlMap.of(n, file, "", "'terms'", problems).ifPresent(t -> {
            for (String name : t.names()) {
                checkId(file, t.keyNode(name).orElseThrow(), name);
                text(t, name, id + ".term." + name).ifPresent(s -> terms.put(name, s));
            }
        }));
        List<Section> sections = new ArrayList<>();
        Set<String> sectionIds = new HashSet<>();
        m.list("sections").ifPresent(list -> {
            for (Node n : list) {
                YamlMap.of(n, file, "", "a section", problems).ifPresent(s -> section(file, id, s, sectionIds)
                        .ifPresent(sections::add));
            }
        });
        Map<String, DataValue> data = new LinkedHashMap<>();
        m.node("data").ifPresent(n -> YamlMap.of(n, file, "", "'data'", problems).ifPresent(d -> {
            for (String name : d.names()) {
                Node key = d.keyNode(name).orElseThrow();
                if (!DATA_NAME.matcher(name).matches()) {
                    problems.error(file, Yaml.line(key), Yaml.column(key), "", "data name '" + name
                            + "' must be letters and digits, starting with a letter (it is used as an ICU placeholder)");
                    continue;
                }
                dataValue(file, name, d.node(name).orElseThrow(), terms, sections, data).ifPresent(v -> data.put(name, v));
            }
        }));
        m.rejectUnknown();
        if (problems.errorCount() > before || title.isEmpty() || revised == null) {
            return Optional.empty();
        }
        LeafletSource source = new LeafletSource(id, file, revised, title.get(), data, terms, sections);
        // keys are made from ids: a paragraph with id 'heading' makes its section heading's key
        Map<String, Message> keys = new LinkedHashMap<>();
        for (Message t : source.texts()) {
            Message first = keys.putIfAbsent(t.key(), t);
            if (first != null) {
                problems.add(org.handout.report.Problem.error(file, t.line(), t.column(), t.key(), "this string makes the key '" + t.key()
                        + "', which the string at line " + first.line() + " makes too; one would replace the other in every language")
                        .withHint("give one of them another id"));
            }
        }
        return problems.errorCount() > before ? Optional.empty() : Optional.of(source);
    }

    private Optional<Section> section(String file, String leaflet, YamlMap s, Set<String> seen) {
        Optional<String> id = s.text("id").filter(v -> checkId(file, s.required("id").orElseThrow(), v));
        if (id.isEmpty()) {
            s.rejectUnknown();
            return Optional.empty();
        }
        if (!seen.add(id.get())) {
            problems.error(file, s.line(), s.column(), "", "section id '" + id.get() + "' is used twice");
        }
        String prefix = leaflet + "." + id.get();
        Optional<Message> heading = text(s, "heading", prefix + ".heading");
        List<SourceBlock> blocks = s.list("blocks").map(list -> blocks(file, prefix, list)).orElse(List.of());
        s.rejectUnknown();
        return heading.map(h -> new Section(id.get(), h, blocks));
    }

    private List<SourceBlock> blocks(String file, String prefix, List<Node> nodes) {
        List<SourceBlock> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node n : nodes) {
            YamlMap.of(n, file, "", "a block", problems).flatMap(b -> block(file, prefix, b)).ifPresent(b -> {
                if (!seen.add(b.id())) {
                    problems.error(file, Yaml.line(n), Yaml.column(n), "", "block id '" + b.id() + "' is used twice in this section");
                }
                out.add(b);
            });
        }
        return out;
    }

    private static final List<String> BLOCK_KINDS = List.of("paragraph", "bullets", "callout", "stages", "contacts");

    private Optional<SourceBlock> block(String file, String prefix, YamlMap b) {
        List<String> kinds = BLOCK_KINDS.stream().filter(b::has).toList();
        if (kinds.size() != 1) {
            problems.error(file, b.line(), b.column(), "", "a block needs exactly one of " + String.join(", ", BLOCK_KINDS)
                    + (kinds.isEmpty() ? "" : "; found " + String.join(", ", kinds)));
            return Optional.empty();
        }
        String kind = kinds.get(0);
        Node idNode = b.required(kind).orElseThrow();
        Optional<String> id = Yaml.text(idNode, file, "", "the " + kind + " id", problems)
                .filter(v -> checkId(file, idNode, v));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String key = prefix + "." + id.get();
        Optional<SourceBlock> result = switch (kind) {
            case "paragraph" -> text(b, "text", key).map(t -> new SourceBlock.Paragraph(id.get(), t));
            case "bullets" -> b.list("items").map(items -> new SourceBlock.Bullets(id.get(), items(file, key, items)));
            case "callout" -> {
                Optional<Message> title = text(b, "title", key + ".title");
                List<SourceBlock> inner = b.list("blocks").map(list -> blocks(file, key, list)).orElse(List.of());
                yield title.map(t -> new SourceBlock.Callout(id.get(), t, inner));
            }
            case "stages" -> stages(file, key, id.get(), b);
            case "contacts" -> b.list("cards").map(cards -> new SourceBlock.Contacts(id.get(), contacts(file, key, cards)));
            default -> throw new IllegalStateException(kind);
        };
        b.rejectUnknown();
        return result;
    }

    private List<Message> items(String file, String prefix, List<Node> nodes) {
        List<Message> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node n : nodes) {
            YamlMap.of(n, file, "", "a list item", problems).ifPresent(item -> {
                item.text("id").filter(id -> checkId(file, item.required("id").orElseThrow(), id)).ifPresent(id -> {
                    if (!seen.add(id)) {
                        problems.error(file, item.line(), item.column(), "", "item id '" + id + "' is used twice in this list");
                    }
                    text(item, "text", prefix + "." + id).ifPresent(out::add);
                });
                item.rejectUnknown();
            });
        }
        return out;
    }

    private Optional<SourceBlock> stages(String file, String key, String id, YamlMap b) {
        Optional<YamlMap> header = b.map("header");
        Optional<Message> stage = header.flatMap(h -> text(h, "stage", key + ".header.stage"));
        Optional<Message> meaning = header.flatMap(h -> text(h, "meaning", key + ".header.meaning"));
        Optional<Message> treatment = header.flatMap(h -> text(h, "treatment", key + ".header.treatment"));
        header.ifPresent(YamlMap::rejectUnknown);
        List<SourceBlock.StageRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        b.list("rows").ifPresent(list -> {
            for (Node n : list) {
                YamlMap.of(n, file, "", "a stage", problems).ifPresent(r -> {
                    Optional<String> rowId = r.text("id").filter(v -> checkId(file, r.required("id").orElseThrow(), v));
                    Optional<String> code = r.optionalText("code");
                    code.ifPresent(v -> r.node("code").ifPresent(c -> TextSafety.report(v, DATA_LANGUAGE, file, Yaml.line(c),
                            Yaml.column(c), "", problems)));
                    rowId.ifPresent(rid -> {
                        if (!seen.add(rid)) {
                            problems.error(file, r.line(), r.column(), "", "stage id '" + rid + "' is used twice");
                        }
                        String p = key + "." + rid;
                        Optional<Message> name = text(r, "name", p + ".name");
                        Optional<Message> mean = text(r, "meaning", p + ".meaning");
                        Optional<Message> treat = text(r, "treatment", p + ".treatment");
                        if (name.isPresent() && mean.isPresent() && treat.isPresent()) {
                            rows.add(new SourceBlock.StageRow(rid, code, name.get(), mean.get(), treat.get()));
                        }
                    });
                    r.rejectUnknown();
                });
            }
        });
        if (stage.isEmpty() || meaning.isEmpty() || treatment.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SourceBlock.Stages(id, stage.get(), meaning.get(), treatment.get(), rows));
    }

    private List<SourceBlock.Contact> contacts(String file, String key, List<Node> nodes) {
        List<SourceBlock.Contact> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node n : nodes) {
            YamlMap.of(n, file, "", "a contact card", problems).ifPresent(c -> {
                Optional<String> id = c.text("id").filter(v -> checkId(file, c.required("id").orElseThrow(), v));
                Optional<SourceBlock.Datum> name = c.text("name").map(v -> datum(file, c.required("name").orElseThrow(), v));
                Optional<Message> about = id.flatMap(i -> text(c, "about", key + "." + i + ".about"));
                List<SourceBlock.Datum> address = new ArrayList<>();
                c.node("address").flatMap(a -> Yaml.sequence(a, file, "", "'address'", problems)).ifPresent(lines -> {
                    for (Node l : lines) {
                        Yaml.text(l, file, "", "an address line", problems).ifPresent(v -> address.add(datum(file, l, v)));
                    }
                });
                List<SourceBlock.Phone> phones = new ArrayList<>();
                c.list("phones").ifPresent(list -> {
                    for (Node p : list) {
                        YamlMap.of(p, file, "", "a phone", problems).ifPresent(pm -> {
                            Optional<SourceBlock.PhoneKind> kind = pm.text("kind").flatMap(k -> {
                                Optional<SourceBlock.PhoneKind> found = SourceBlock.PhoneKind.byId(k);
                                if (found.isEmpty()) {
                                    problems.error(file, pm.line(), pm.column(), "", "unknown phone kind '" + k
                                            + "'; use toll-free, tty, phone or fax");
                                }
                                return found;
                            });
                            Optional<String> number = pm.text("number");
                            number.filter(v -> !v.matches("\\+?[0-9][0-9 ().-]*[0-9]")).ifPresent(v -> problems.error(file,
                                    pm.line(), pm.column(), "", "phone number '" + TextSafety.shown(v) + "' may hold only digits, spaces, '+', '-', '.', '(' and ')'"));
                            if (kind.isPresent() && number.isPresent()) {
                                phones.add(new SourceBlock.Phone(kind.get(), datum(file, pm.required("number").orElseThrow(), number.get())));
                            }
                            pm.rejectUnknown();
                        });
                    }
                });
                c.rejectUnknown();
                if (id.isPresent() && !seen.add(id.get())) {
                    problems.error(file, c.line(), c.column(), "", "card id '" + id.get() + "' is used twice");
                }
                if (id.isPresent() && name.isPresent() && about.isPresent()) {
                    out.add(new SourceBlock.Contact(id.get(), name.get(), about.get(), address, phones));
                }
            });
        }
        return out;
    }

    private Optional<DataValue> dataValue(String file, String name, Node node, Map<String, Message> terms,
                                          List<Section> sections, Map<String, DataValue> earlier) {
        if (node instanceof ScalarNode s && !Yaml.isNull(node)) {
            try {
                return Optional.of(new DataValue.Number(Long.parseLong(s.getValue())));
            } catch (NumberFormatException e) {
                problems.error(file, Yaml.line(node), Yaml.column(node), "", "data '" + name
                        + "' must be a whole number, {terms: [...]} or {count: ...}, not '" + s.getValue() + "'");
                return Optional.empty();
            }
        }
        Optional<YamlMap> m = YamlMap.of(node, file, "", "data '" + name + "'", problems);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        YamlMap d = m.get();
        Optional<DataValue> out;
        if (d.has("terms")) {
            List<String> ids = new ArrayList<>();
            d.list("terms").ifPresent(list -> {
                for (Node t : list) {
                    Yaml.text(t, file, "", "a term id", problems).ifPresent(id -> {
                        if (!terms.containsKey(id)) {
                            problems.error(file, Yaml.line(t), Yaml.column(t), "", "data '" + name + "' uses term '" + id
                                    + "', which is not defined under 'terms'");
                        } else {
                            ids.add(id);
                        }
                    });
                }
            });
            DataValue.Join join = d.optionalText("join").map(j -> switch (j) {
                case "and" -> DataValue.Join.AND;
                case "or" -> DataValue.Join.OR;
                default -> {
                    problems.error(file, d.line(), d.column(), "", "'join' must be 'and' or 'or', not '" + j + "'");
                    yield DataValue.Join.AND;
                }
            }).orElse(DataValue.Join.AND);
            out = Optional.of(new DataValue.Terms(ids, join));
        } else if (d.has("count")) {
            out = d.text("count").flatMap(ref -> count(file, d, name, ref, sections, earlier));
        } else {
            problems.error(file, d.line(), d.column(), "", "data '" + name + "' must be a number, {terms: [...]} or {count: ...}");
            out = Optional.empty();
        }
        d.rejectUnknown();
        return out;
    }

    /** {@code count: riskGroups} counts a term list; {@code count: stages.table} the rows, items or cards of a block. */
    private Optional<DataValue> count(String file, YamlMap d, String name, String ref, List<Section> sections,
                                      Map<String, DataValue> earlier) {
        if (earlier.get(ref) instanceof DataValue.Terms t) {
            return Optional.of(new DataValue.Number(t.termIds().size()));
        }
        String[] parts = ref.split("\\.", -1);
        if (parts.length == 2) {
            for (Section s : sections) {
                if (s.id().equals(parts[0])) {
                    for (SourceBlock b : s.blocks()) {
                        if (b.id().equals(parts[1])) {
                            Integer n = switch (b) {
                                case SourceBlock.Bullets l -> l.items().size();
                                case SourceBlock.Stages t -> t.rows().size();
                                case SourceBlock.Contacts c -> c.cards().size();
                                default -> null;
                            };
                            if (n != null) {
                                return Optional.of(new DataValue.Number(n));
                            }
                        }
                    }
                }
            }
        }
        problems.error(file, d.line(), d.column(), "", "data '" + name + "' counts '" + ref
                + "', which is neither a term list defined above it nor a <section>.<block> list, table or set of cards");
        return Optional.empty();
    }

    private Optional<Message> text(YamlMap m, String field, String key) {
        Optional<Node> node = m.required(field);
        return node.flatMap(n -> Yaml.text(n, m.file(), key, "'" + field + "'", problems))
                .flatMap(v -> {
                    if (v.isBlank()) {
                        problems.error(m.file(), Yaml.line(node.get()), Yaml.column(node.get()), key, "text is empty");
                        return Optional.empty();
                    }
                    int depth = org.handout.text.Nesting.depth(v);
                    if (depth > org.handout.text.Nesting.MAX_DEPTH) {
                        // refused before anything parses it: ICU's parser recurses once per level
                        problems.add(org.handout.text.Nesting.tooDeep(m.file(), Yaml.line(node.get()), Yaml.column(node.get()), key, depth));
                        return Optional.empty();
                    }
                    return Optional.of(new Message(key, v, m.file(), Yaml.line(node.get()), Yaml.column(node.get())));
                });
    }

    /**
     * A name, address line or number, printed as written in every language: a character that would
     * print wrongly (a bidi override, a control, a stray joiner) is refused at its line.
     */
    private SourceBlock.Datum datum(String file, Node node, String value) {
        TextSafety.report(value, DATA_LANGUAGE, file, Yaml.line(node), Yaml.column(node), "", problems);
        return new SourceBlock.Datum(value, file, Yaml.line(node), Yaml.column(node));
    }

    private Optional<LocalDate> date(String file, Node node, String value) {
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            problems.error(file, Yaml.line(node), Yaml.column(node), "", "'" + value + "' is not a date written as YYYY-MM-DD");
            return Optional.empty();
        }
    }

    private boolean checkId(String file, Node node, String id) {
        if (ID.matcher(id).matches()) {
            return true;
        }
        problems.error(file, Yaml.line(node), Yaml.column(node), "", "id '" + id
                + "' must be lower-case letters and digits joined by hyphens");
        return false;
    }
}
