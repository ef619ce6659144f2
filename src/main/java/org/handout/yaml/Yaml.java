package org.handout.yaml;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.handout.report.Problems;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads one YAML 1.2 file (snakeyaml-engine, core schema, so {@code no} and {@code on} stay
 * strings) into a node tree that keeps line numbers. Only the node tree is built: no object is
 * ever constructed from a tag. Problems are reported, never thrown.
 */
public final class Yaml {
    /** Our inputs are small hand-written files; anything larger is a mistake or an attack. */
    public static final int MAX_BYTES = 1 << 20;

    private Yaml() {
    }

    /** Parses {@code path}, naming it {@code file} in problems; empty when it cannot be read. */
    public static Optional<Node> parse(Path path, String file, Problems problems) {
        return parse(org.handout.world.World.plain(), path, file, problems);
    }

    /** Parses {@code path} as {@code world} reads it, naming it {@code file} in problems; empty when it cannot be read. */
    public static Optional<Node> parse(org.handout.world.World world, Path path, String file, Problems problems) {
        return world.read(path, file, MAX_BYTES, problems).flatMap(bytes -> parse(bytes, file, problems));
    }

    /** Parses UTF-8 bytes (a byte-order mark is allowed), naming them {@code file} in problems. */
    public static Optional<Node> parse(byte[] bytes, String file, Problems problems) {
        String text;
        try {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.error(file, lineOfFirstBadByte(bytes), 0, "", "file is not UTF-8 text; save it as UTF-8");
            return Optional.empty();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int[] deep = deepest(text);
        if (deep[0] > MAX_DEPTH) {
            problems.error(file, deep[1], 0, "", "nested more than " + MAX_DEPTH + " levels deep: not a handout file");
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(20)
                .setCodePointLimit(MAX_BYTES)
                .build();
        try {
            Optional<Node> node = new Compose(settings).composeString(text);
            if (node.isEmpty()) {
                problems.error(file, 1, 1, "", "file is empty");
            }
            return node;
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark();
            String what = (e.getContext() == null ? "" : e.getContext() + ": ") + e.getProblem();
            problems.error(file, mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0),
                    "", "not valid YAML: " + what.replace('\n', ' ').trim());
        } catch (YamlEngineException e) {
            problems.error(file, 0, 0, "", "not valid YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '));
        } catch (StackOverflowError e) {
            problems.error(file, 0, 0, "", "nested too deep to read: not a handout file");
        }
        return Optional.empty();
    }

    /** Our files nest a few levels; the parser recurses once per level, so a deep file is refused before it. */
    static final int MAX_DEPTH = 64;

    /**
     * The deepest nesting of a YAML text and the line where it is reached: flow brackets ({@code [ {}
     * outside quotes and comments, plus block indentation in steps of two spaces.
     */
    private static int[] deepest(String text) {
        int depth = 0;
        int max = 0;
        int maxLine = 0;
        int line = 1;
        boolean atLineStart = true;
        int indent = 0;
        char quote = 0;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                atLineStart = true;
                indent = 0;
                comment = false;
                continue;
            }
            if (atLineStart) {
                if (c == ' ') {
                    indent++;
                    continue;
                }
                atLineStart = false;
            }
            if (comment) {
                continue;
            }
            if (quote != 0) {
                if (c == quote && (quote == '\'' || text.charAt(i - 1) != '\\')) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '"', '\'' -> quote = c;
                case '#' -> comment = i == 0 || Character.isWhitespace(text.charAt(i - 1));
                case '[', '{' -> depth++;
                case ']', '}' -> depth = Math.max(0, depth - 1);
                default -> {
                }
            }
            int d = depth + indent / 2;
            if (d > max) {
                max = d;
                maxLine = line;
            }
        }
        return new int[] {max, maxLine};
    }

    private static int lineOfFirstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 1;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line;
    }

    /** 1-based line where a node starts. */
    public static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** 1-based column where a node starts. */
    public static int column(Node node) {
        return node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
    }

    /** True for an explicit {@code null}, {@code ~} or empty value. */
    public static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** The text of a scalar, or a problem naming what was expected. */
    public static Optional<String> text(Node node, String file, String key, String what, Problems problems) {
        if (node instanceof ScalarNode s && !isNull(node)) {
            return Optional.of(s.getValue());
        }
        problems.error(file, line(node), column(node), key, what + " must be text, not " + describe(node));
        return Optional.empty();
    }

    /** The items of a sequence, or a problem naming what was expected. */
    public static Optional<List<Node>> sequence(Node node, String file, String key, String what, Problems problems) {
        if (node instanceof SequenceNode s) {
            return Optional.of(s.getValue());
        }
        problems.error(file, line(node), column(node), key, what + " must be a list, not " + describe(node));
        return Optional.empty();
    }

    /** A short name for a node's kind, for messages. */
    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isNull(node) ? "empty" : "text";
    }
}
