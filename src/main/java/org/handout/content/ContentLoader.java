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
    /** The file of blocks written once and included by id in several leaflets. */
    private static final String SNIPPETS = "snippets";
    /** The language data is written in, as the English source is. */
    private static final String DATA_LANGUAGE = "en";

    private final org.handout.world.World world;
    private final Path dir;
    private final String prefix;
    private final Problems problems;
    /** The phone kinds: those with a label {@code phone-<kind>} in common.yaml. */
    private final java.util.SortedSet<String> phoneKinds = new java.util.TreeSet<>();

    /** The leaflets to read (empty: every listed one); the others are listed but not read. */
    private java.util.Optional<java.util.Set<String>> only = java.util.Optional.empty();

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

    /**
     * Loads the shared strings and only the leaflets {@code leaflets} (the others stay listed, as
     * {@link Content#leafletIds()} says, but are not read): what a build of some leaflets needs.
     */
    public static Optional<Content> loadOnly(org.handout.world.World world, Path dir, String displayDir, java.util.Set<String> leaflets,
                                             Problems problems) {
        ContentLoader loader = new ContentLoader(world, dir, displayDir, problems);
        loader.only = Optional.of(leaflets);
        return loader.load();
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
                if (name.startsWith("phone-")) {
                    phoneKinds.add(name.substring("phone-".length()));
                }
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
        snippets();
        // a leaflet whose file has errors is left out (and its problems are its own): only it is held back
        List<LeafletSource> leaflets = new ArrayList<>();
        for (String id : ids) {
            if (only.isPresent() && !only.get().contains(id)) {
                continue; // listed, not asked for: not read
            }
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

    /**
     * Reads {@code content/snippets.yaml}, if there is one: blocks written once, keyed
     * {@code snippets.<id>...}, that leaflets include by id. Its data are web addresses and phone
     * numbers its blocks may use.
     */
    private void snippets() {
        Path path = dir.resolve(SNIPPETS + ".yaml");
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String file = display(SNIPPETS + ".yaml");
        Optional<YamlMap> root = Yaml.parse(world, path, file, problems).flatMap(n -> YamlMap.of(n, file, "", "the file", problems));
        root.ifPresent(m -> {
            Map<String, DataValue> data = new LinkedHashMap<>();
            m.node("data").ifPresent(n -> YamlMap.of(n, file, "", "'data'", problems).ifPresent(d -> {
                for (String name : d.names()) {
                    dataValue(file, name, d.node(name).orElseThrow(), Map.of(), List.of(), data).ifPresent(v -> data.put(name, v));
                }
            }));
            leafletData = data;
            snippetsData = Map.copyOf(data);
            Map<String, SourceBlock> out = new LinkedHashMap<>();
            m.list("snippets").ifPresent(list -> blocks(file, SNIPPETS, list).forEach(b -> out.put(b.id(), b)));
            m.rejectUnknown();
            snippetBlocks = out;
        });
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
        // data first (web addresses are needed by the blocks), then the sections, then what counts them
        Map<String, DataValue> data = new LinkedHashMap<>();
        List<String> counted = new ArrayList<>();
        Optional<YamlMap> dataMap = m.node("data").flatMap(n -> YamlMap.of(n, file, "", "'data'", problems));
        dataMap.ifPresent(d -> {
            for (String name : d.names()) {
                Node key = d.keyNode(name).orElseThrow();
                if (!DATA_NAME.matcher(name).matches()) {
                    problems.error(file, Yaml.line(key), Yaml.column(key), "", "data name '" + name
                            + "' must be letters and digits, starting with a letter (it is used as an ICU placeholder)");
                    continue;
                }
                Node value = d.node(name).orElseThrow();
                if (value instanceof org.snakeyaml.engine.v2.nodes.MappingNode mn && mn.getValue().stream()
                        .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("count"))) {
                    counted.add(name);
                    data.put(name, null); // keeps the file's order; filled in after the sections
                    continue;
                }
                dataValue(file, name, value, terms, List.of(), data).ifPresent(v -> data.put(name, v));
            }
        });
        Map<String, DataValue> known = new LinkedHashMap<>(snippetData());
        data.forEach((k, v) -> {
            if (v != null) {
                known.put(k, v);
            }
        });
        leafletData = known;
        List<Section> sections = new ArrayList<>();
        Set<String> sectionIds = new HashSet<>();
        m.list("sections").ifPresent(list -> {
            for (Node n : list) {
                YamlMap.of(n, file, "", "a section", problems).ifPresent(s -> section(file, id, s, sectionIds)
                        .ifPresent(sections::add));
            }
        });
        dataMap.ifPresent(d -> {
            for (String name : counted) {
                dataValue(file, name, d.node(name).orElseThrow(), terms, sections, data).ifPresent(v -> data.put(name, v));
            }
        });
        data.values().removeIf(java.util.Objects::isNull);
        Optional<String> topic = m.has("topic") ? m.text("topic") : Optional.empty();
        m.rejectUnknown();
        if (problems.errorCount() > before || title.isEmpty() || revised == null) {
            return Optional.empty();
        }
        LeafletSource source = new LeafletSource(id, file, revised, title.get(), topic.orElse(""), data, terms, sections);
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

    /** The block kinds, each the key that holds a block's id. */
    static final List<String> BLOCK_KINDS = List.of("heading", "paragraph", "list", "table", "callout", "cards",
            "definitions", "checklist", "figure", "qr", "include");
    /** Largest picture file a leaflet takes. */
    private static final long MAX_FIGURE_BYTES = 4L << 20;

    /** The state of reading one leaflet file: its data so far, for links and QR codes, and the snippets it may include. */
    private Map<String, DataValue> leafletData = Map.of();
    private Map<String, SourceBlock> snippetBlocks = Map.of();

    private Optional<SourceBlock> block(String file, String prefix, YamlMap b) {
        List<String> kinds = BLOCK_KINDS.stream().filter(b::has).toList();
        if (kinds.size() != 1) {
            problems.add(org.handout.report.Problem.error(file, b.line(), b.column(), "", "a block needs exactly one of "
                    + String.join(", ", BLOCK_KINDS) + (kinds.isEmpty() ? "" : "; found " + String.join(", ", kinds)))
                    .withHint("docs/authoring.md shows each block with an example"));
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
            case "heading" -> {
                int level = b.optionalText("level").map(v -> level(file, b, v)).orElse(3);
                yield text(b, "text", key).map(t -> new SourceBlock.Heading(id.get(), level, t));
            }
            case "paragraph" -> text(b, "text", key).map(t -> new SourceBlock.Paragraph(id.get(), t));
            case "list" -> {
                boolean numbered = flag(file, b, "numbered", false);
                yield b.list("items").map(items -> new SourceBlock.ListBlock(id.get(), numbered, items(file, key, items, true)));
            }
            case "table" -> table(file, key, id.get(), b);
            case "callout" -> {
                SourceBlock.CalloutKind k = b.optionalText("kind").flatMap(v -> {
                    Optional<SourceBlock.CalloutKind> found = SourceBlock.CalloutKind.named(v);
                    if (found.isEmpty()) {
                        problems.error(file, b.line(), b.column(), "", "unknown callout kind '" + TextSafety.shown(v) + "'; use note, warning or doctor");
                    }
                    return found;
                }).orElse(SourceBlock.CalloutKind.NOTE);
                Optional<Message> title = text(b, "title", key + ".title");
                List<SourceBlock> inner = b.list("blocks").map(list -> blocks(file, key, list)).orElse(List.of());
                yield title.map(t -> new SourceBlock.Callout(id.get(), k, t, inner));
            }
            case "cards" -> b.list("items").map(cards -> new SourceBlock.Cards(id.get(), cards(file, key, cards)));
            case "definitions" -> b.list("items").map(items -> new SourceBlock.Definitions(id.get(), definitions(file, key, items)));
            case "checklist" -> {
                int lines = b.optionalText("lines").map(v -> count(file, b, "lines", v, 0, 20)).orElse(0);
                yield b.list("items").map(items -> new SourceBlock.Checklist(id.get(), lines, items(file, key, items, false)));
            }
            case "figure" -> figure(file, key, id.get(), b);
            case "qr" -> {
                Optional<String> link = b.text("link").flatMap(name -> url(file, b, name));
                Optional<Message> caption = b.has("caption") ? text(b, "caption", key + ".caption") : Optional.empty();
                yield link.map(url -> new SourceBlock.Qr(id.get(), b.text("link").orElseThrow(), url, caption));
            }
            case "include" -> {
                SourceBlock snippet = snippetBlocks.get(id.get());
                if (snippet == null) {
                    problems.add(org.handout.report.Problem.error(file, Yaml.line(idNode), Yaml.column(idNode), "", "there is no snippet '"
                            + id.get() + "' in " + display(SNIPPETS + ".yaml")).withHint(snippetBlocks.isEmpty()
                            ? "write it in " + display(SNIPPETS + ".yaml") + " under 'snippets'"
                            : "the snippets are: " + String.join(", ", snippetBlocks.keySet())));
                }
                yield Optional.ofNullable(snippet);
            }
            default -> throw new IllegalStateException(kind);
        };
        b.rejectUnknown();
        return result;
    }

    private int level(String file, YamlMap b, String v) {
        return count(file, b, "level", v, 3, 6);
    }

    private int count(String file, YamlMap b, String field, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        Node at = b.node(field).orElseThrow();
        problems.error(file, Yaml.line(at), Yaml.column(at), "", "'" + field + "' must be a whole number from " + min + " to " + max
                + ", not '" + TextSafety.shown(v) + "'");
        return min;
    }

    private boolean flag(String file, YamlMap b, String field, boolean otherwise) {
        return b.optionalText(field).map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                Node at = b.node(field).orElseThrow();
                problems.error(file, Yaml.line(at), Yaml.column(at), "", "'" + field + "' must be true or false, not '" + TextSafety.shown(v) + "'");
                yield otherwise;
            }
        }).orElse(otherwise);
    }

    /** The web address of data {@code name}, which must be a {@code {link: ...}}. */
    private Optional<String> url(String file, YamlMap b, String name) {
        if (leafletData.get(name) instanceof DataValue.Link l) {
            return Optional.of(l.url());
        }
        Node at = b.node("link").orElseThrow();
        problems.add(org.handout.report.Problem.error(file, Yaml.line(at), Yaml.column(at), "", "'" + TextSafety.shown(name)
                + "' is not a web address under 'data'").withHint("add " + name + ": {link: \"https://...\"} under the leaflet's 'data'"));
        return Optional.empty();
    }

    /** List items; {@code nested}: an item may hold blocks of its own. */
    private List<SourceBlock.Item> items(String file, String prefix, List<Node> nodes, boolean nested) {
        List<SourceBlock.Item> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node n : nodes) {
            YamlMap.of(n, file, "", "a list item", problems).ifPresent(item -> {
                item.text("id").filter(id -> checkId(file, item.required("id").orElseThrow(), id)).ifPresent(id -> {
                    if (!seen.add(id)) {
                        problems.error(file, item.line(), item.column(), "", "item id '" + id + "' is used twice in this list");
                    }
                    Optional<Message> text = text(item, "text", prefix + "." + id);
                    List<SourceBlock> inner = nested && item.has("blocks") ? item.list("blocks").map(l -> blocks(file, prefix + "." + id, l)).orElse(List.of())
                            : List.of();
                    text.ifPresent(t -> out.add(new SourceBlock.Item(id, t, inner)));
                });
                item.rejectUnknown();
            });
        }
        return out;
    }

    private Optional<SourceBlock> table(String file, String key, String id, YamlMap b) {
        boolean rowHeaders = flag(file, b, "row-headers", true);
        List<SourceBlock.Column> columns = new ArrayList<>();
        Set<String> columnIds = new HashSet<>();
        b.list("columns").ifPresent(list -> {
            for (Node n : list) {
                YamlMap.of(n, file, "", "a column", problems).ifPresent(c -> {
                    Optional<String> cid = c.text("id").filter(v -> checkId(file, c.required("id").orElseThrow(), v));
                    float weight = c.optionalText("width").map(v -> share(file, c, "width", v, 0, 100, 1,
                            "a column's 'width' is a share, a number above 0 (such as 1 or 2.5)")).orElse(1f);
                    cid.ifPresent(v -> {
                        if (!columnIds.add(v)) {
                            problems.error(file, c.line(), c.column(), "", "column id '" + v + "' is used twice");
                        }
                        text(c, "header", key + ".header." + v).ifPresent(h -> columns.add(new SourceBlock.Column(v, h, weight)));
                    });
                    c.rejectUnknown();
                });
            }
        });
        List<SourceBlock.Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        b.list("rows").ifPresent(list -> {
            for (Node n : list) {
                YamlMap.of(n, file, "", "a row", problems).ifPresent(r -> {
                    Optional<String> rowId = r.text("id").filter(v -> checkId(file, r.required("id").orElseThrow(), v));
                    Map<String, String> data = new LinkedHashMap<>();
                    (r.has("data") ? r.map("data") : Optional.<YamlMap>empty()).ifPresent(d -> {
                        for (String name : d.names()) {
                            Node at = d.keyNode(name).orElseThrow();
                            if (!DATA_NAME.matcher(name).matches()) {
                                problems.error(file, Yaml.line(at), Yaml.column(at), "", "data name '" + name
                                        + "' must be letters and digits, starting with a letter (it is used as an ICU placeholder)");
                                continue;
                            }
                            d.text(name).ifPresent(v -> {
                                d.node(name).ifPresent(vn -> TextSafety.report(v, DATA_LANGUAGE, file, Yaml.line(vn), Yaml.column(vn), "", problems));
                                data.put(name, v);
                            });
                        }
                        d.rejectUnknown();
                    });
                    rowId.ifPresent(rid -> {
                        if (!seen.add(rid)) {
                            problems.error(file, r.line(), r.column(), "", "row id '" + rid + "' is used twice");
                        }
                        List<SourceBlock.Cell> cells = new ArrayList<>();
                        r.map("cells").ifPresent(cm -> {
                            for (SourceBlock.Column c : columns) {
                                String cellKey = key + "." + rid + "." + c.id();
                                Optional<Node> cn = cm.required(c.id());
                                cn.flatMap(node -> cell(file, cm, c.id(), node, cellKey)).ifPresent(cells::add);
                            }
                            cm.rejectUnknown();
                        });
                        if (cells.size() == columns.size()) {
                            rows.add(new SourceBlock.Row(rid, data, cells));
                        }
                    });
                    r.rejectUnknown();
                });
            }
        });
        if (columns.isEmpty()) {
            problems.error(file, b.line(), b.column(), "", "a table needs 'columns', each with an id and a header");
            return Optional.empty();
        }
        return Optional.of(new SourceBlock.Table(id, columns, rowHeaders, rows));
    }

    /**
     * A number above {@code above} and up to {@code most} in {@code field}; else the problem,
     * saying {@code what} the number is, and {@code otherwise}.
     */
    private float share(String file, YamlMap m, String field, String v, float above, float most, float otherwise, String what) {
        try {
            float w = Float.parseFloat(v);
            if (w > above && w <= most) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        Node at = m.node(field).orElseThrow();
        problems.error(file, Yaml.line(at), Yaml.column(at), "", what + ", not '" + TextSafety.shown(v) + "'");
        return otherwise;
    }

    /** A cell: a text, or {@code {items: [...]}} for a bulleted list. */
    private Optional<SourceBlock.Cell> cell(String file, YamlMap row, String column, Node node, String key) {
        if (node instanceof ScalarNode) {
            return text(row, column, key).map(SourceBlock.Cell.Text::new);
        }
        return YamlMap.of(node, file, key, "a cell", problems).flatMap(m -> {
            Optional<SourceBlock.Cell> out = m.list("items").map(items -> new SourceBlock.Cell.Items(items(file, key, items, false)));
            m.rejectUnknown();
            return out;
        });
    }

    private List<SourceBlock.Definition> definitions(String file, String prefix, List<Node> nodes) {
        List<SourceBlock.Definition> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node n : nodes) {
            YamlMap.of(n, file, "", "a definition", problems).ifPresent(d -> {
                d.text("id").filter(id -> checkId(file, d.required("id").orElseThrow(), id)).ifPresent(id -> {
                    if (!seen.add(id)) {
                        problems.error(file, d.line(), d.column(), "", "definition id '" + id + "' is used twice");
                    }
                    Optional<Message> term = text(d, "term", prefix + "." + id + ".term");
                    Optional<Message> meaning = text(d, "meaning", prefix + "." + id + ".meaning");
                    if (term.isPresent() && meaning.isPresent()) {
                        out.add(new SourceBlock.Definition(id, term.get(), meaning.get()));
                    }
                });
                d.rejectUnknown();
            });
        }
        return out;
    }

    private Optional<SourceBlock> figure(String file, String key, String id, YamlMap b) {
        Optional<Message> alt = text(b, "alt", key + ".alt");
        Optional<Message> caption = b.has("caption") ? text(b, "caption", key + ".caption") : Optional.empty();
        float width = b.optionalText("width").map(v -> share(file, b, "width", v, 0.05f, 1, 0.6f,
                "a figure's 'width' is its share of the text width, from 0.05 to 1")).orElse(0.6f);
        Optional<Node> imageNode = b.required("image");
        Optional<SourceBlock.Image> image = b.text("image").flatMap(path -> {
            int line = imageNode.map(Yaml::line).orElse(0);
            if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
                problems.error(file, line, 0, "", "the figure's image '" + TextSafety.shown(path)
                        + "' must be a path inside content/, such as figures/adrenal-glands.png");
                return Optional.empty();
            }
            Path at = dir.resolve(path);
            Problems read = new Problems();
            Optional<byte[]> bytes = world.read(at, display(path), MAX_FIGURE_BYTES + 1, Optional.of(dir), read);
            if (bytes.isEmpty()) {
                read.sorted().forEach(p -> problems.add(new org.handout.report.Problem(p.severity(), file, line, 0, "",
                        "the figure's image " + path + ": " + p.message(), p.hint(), p.details())));
                return Optional.empty();
            }
            return org.handout.clinic.Logos.read(bytes.get(), path, file, line, "", "figure", problems)
                    .map(l -> new SourceBlock.Image(path, l.bytes(), l.width(), l.height()));
        });
        if (alt.isEmpty() || image.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SourceBlock.Figure(id, image.get(), width, alt.get(), caption));
    }

    private List<SourceBlock.Card> cards(String file, String key, List<Node> nodes) {
        List<SourceBlock.Card> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node n : nodes) {
            YamlMap.of(n, file, "", "a card", problems).ifPresent(c -> {
                Optional<String> id = c.text("id").filter(v -> checkId(file, c.required("id").orElseThrow(), v));
                Optional<SourceBlock.Datum> name = c.text("name").map(v -> datum(file, c.required("name").orElseThrow(), v));
                Optional<Message> about = id.flatMap(i -> c.has("about") ? text(c, "about", key + "." + i + ".about") : Optional.empty());
                List<SourceBlock.Datum> lines = new ArrayList<>();
                for (String field : List.of("lines", "address")) {
                    c.node(field).flatMap(a -> Yaml.sequence(a, file, "", "'" + field + "'", problems)).ifPresent(list -> {
                        for (Node l : list) {
                            Yaml.text(l, file, "", "a line", problems).ifPresent(v -> lines.add(datum(file, l, v)));
                        }
                    });
                }
                List<SourceBlock.Phone> phones = new ArrayList<>();
                (c.has("phones") ? c.list("phones") : Optional.<List<Node>>empty()).ifPresent(list -> {
                    for (Node p : list) {
                        YamlMap.of(p, file, "", "a phone", problems).ifPresent(pm -> {
                            Optional<String> kind = pm.text("kind").filter(k -> {
                                if (phoneKinds.contains(k)) {
                                    return true;
                                }
                                problems.add(org.handout.report.Problem.error(file, pm.line(), pm.column(), "", "unknown phone kind '"
                                        + TextSafety.shown(k) + "'; the kinds are those with a label in " + display(COMMON + ".yaml")
                                        + ": " + String.join(", ", phoneKinds)).withHint("add phone-" + k + ": \"<the label>\" under 'strings' in "
                                        + display(COMMON + ".yaml") + " for a new kind"));
                                return false;
                            });
                            Optional<String> number = pm.text("number");
                            number.filter(v -> !PHONE.matcher(v).matches()).ifPresent(v -> problems.error(file,
                                    pm.line(), pm.column(), "", "phone number '" + TextSafety.shown(v) + "' may hold only digits, spaces, '+', '-', '.', '(' and ')'"));
                            if (kind.isPresent() && number.isPresent()) {
                                phones.add(new SourceBlock.Phone(kind.get(), datum(file, pm.required("number").orElseThrow(), number.get())));
                            }
                            pm.rejectUnknown();
                        });
                    }
                });
                Optional<String> link = c.has("link") ? c.text("link").filter(l -> url(file, c, l).isPresent()) : Optional.empty();
                c.rejectUnknown();
                if (id.isPresent() && !seen.add(id.get())) {
                    problems.error(file, c.line(), c.column(), "", "card id '" + id.get() + "' is used twice");
                }
                if (id.isPresent() && name.isPresent()) {
                    out.add(new SourceBlock.Card(id.get(), name.get(), about, lines, phones, link));
                }
            });
        }
        return out;
    }

    /** What a phone number may hold. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]*[0-9]");

    /** The snippets file's data, which every leaflet that includes a snippet may use too. */
    private Map<String, DataValue> snippetsData = Map.of();

    private Map<String, DataValue> snippetData() {
        return snippetsData;
    }

    private Optional<DataValue> dataValue(String file, String name, Node node, Map<String, Message> terms,
                                          List<Section> sections, Map<String, DataValue> earlier) {
        if (node instanceof ScalarNode s && !Yaml.isNull(node)) {
            try {
                return Optional.of(new DataValue.Number(Long.parseLong(s.getValue())));
            } catch (NumberFormatException e) {
                problems.error(file, Yaml.line(node), Yaml.column(node), "", "data '" + name
                        + "' must be a whole number, {terms: [...]}, {count: ...}, {phone: ...} or {link: ...}, not '" + s.getValue() + "'");
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
        } else if (d.has("phone")) {
            out = d.text("phone").filter(v -> {
                boolean ok = PHONE.matcher(v).matches();
                if (!ok) {
                    problems.error(file, d.line(), d.column(), "", "phone number '" + TextSafety.shown(v)
                            + "' may hold only digits, spaces, '+', '-', '.', '(' and ')'");
                }
                return ok;
            }).map(DataValue.Phone::new);
        } else if (d.has("link")) {
            out = d.text("link").filter(v -> {
                boolean ok = v.matches("https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?");
                if (!ok) {
                    problems.error(file, d.line(), d.column(), "", "web address '" + TextSafety.shown(v)
                            + "' must be an http:// or https:// address of plain ASCII (write other characters %-encoded)");
                }
                return ok;
            }).map(DataValue.Link::new);
        } else if (d.has("count")) {
            out = d.text("count").flatMap(ref -> count(file, d, name, ref, sections, earlier));
        } else {
            problems.error(file, d.line(), d.column(), "", "data '" + name + "' must be a number, {terms: [...]}, {count: ...}, {phone: ...} or {link: ...}");
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
                            int n = b.size();
                            if (n >= 0) {
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
