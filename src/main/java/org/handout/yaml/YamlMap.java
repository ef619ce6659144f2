package org.handout.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handout.report.Problems;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A YAML mapping read field by field. Duplicate keys, non-text keys, missing required fields,
 * wrong types and (on {@link #rejectUnknown()}) unknown fields become problems at their line.
 */
public final class YamlMap {
    private final String file;
    private final String key;
    private final Node node;
    private final Problems problems;
    private final Map<String, Node> keys = new LinkedHashMap<>();
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    private YamlMap(String file, String key, MappingNode node, Problems problems) {
        this.file = file;
        this.key = key;
        this.node = node;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            Node k = tuple.getKeyNode();
            if (!(k instanceof ScalarNode s) || Yaml.isNull(k)) {
                problems.error(file, Yaml.line(k), Yaml.column(k), key, "a field name must be plain text");
                continue;
            }
            String name = s.getValue();
            if (values.containsKey(name)) {
                problems.error(file, Yaml.line(k), Yaml.column(k), key, "field '" + name
                        + "' appears twice (first at line " + Yaml.line(keys.get(name)) + ")");
                continue;
            }
            keys.put(name, k);
            values.put(name, tuple.getValueNode());
        }
    }

    /** Reads {@code node} as a mapping, or reports that {@code what} must be one. */
    public static Optional<YamlMap> of(Node node, String file, String key, String what, Problems problems) {
        if (node instanceof MappingNode m) {
            return Optional.of(new YamlMap(file, key, m, problems));
        }
        problems.error(file, Yaml.line(node), Yaml.column(node), key, what + " must be a mapping of fields, not "
                + Yaml.describe(node));
        return Optional.empty();
    }

    public String file() {
        return file;
    }

    public Problems problems() {
        return problems;
    }

    public int line() {
        return Yaml.line(node);
    }

    public int column() {
        return Yaml.column(node);
    }

    /** The field names in file order. */
    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    /** Whether the field is present. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The node of a field, if present; marks it as read. */
    public Optional<Node> node(String name) {
        read.add(name);
        return Optional.ofNullable(values.get(name));
    }

    /** The node of a field that must be present. */
    public Optional<Node> required(String name) {
        Optional<Node> n = node(name);
        if (n.isEmpty()) {
            problems.error(file, line(), column(), key, "missing field '" + name + "'");
        }
        return n;
    }

    /** The key node of a field (for the line of a name), if present. */
    public Optional<Node> keyNode(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** A required text field. */
    public Optional<String> text(String name) {
        return required(name).flatMap(n -> Yaml.text(n, file, key, "'" + name + "'", problems));
    }

    /** An optional text field; an explicit null counts as absent. */
    public Optional<String> optionalText(String name) {
        return node(name).filter(n -> !Yaml.isNull(n)).flatMap(n -> Yaml.text(n, file, key, "'" + name + "'", problems));
    }

    /** A required mapping field. */
    public Optional<YamlMap> map(String name) {
        return required(name).flatMap(n -> of(n, file, key, "'" + name + "'", problems));
    }

    /** A required list field. */
    public Optional<List<Node>> list(String name) {
        return required(name).flatMap(n -> Yaml.sequence(n, file, key, "'" + name + "'", problems));
    }

    /** Reports every field that no reader asked for. */
    public void rejectUnknown() {
        for (var e : keys.entrySet()) {
            if (!read.contains(e.getKey())) {
                Node k = e.getValue();
                problems.error(file, Yaml.line(k), Yaml.column(k), key, "unknown field '" + e.getKey() + "'");
            }
        }
    }
}
