package org.handout.layout;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.handout.yaml.Yaml;
import org.handout.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The fonts of the project, read once per run from {@code fonts/fonts.yaml} and the files it
 * names, and shared read-only by every leaflet. Gives each language its {@link FontChain}.
 */
public final class FontBook {
    private final Map<String, FontChain> chains;
    /** Every chain fonts.yaml defines, loaded or not. */
    private final java.util.Set<String> written;

    private FontBook(Map<String, FontChain> chains, java.util.Collection<String> written) {
        this.chains = Map.copyOf(chains);
        this.written = java.util.Set.copyOf(written);
    }

    /** Loads {@code dir/fonts.yaml}; {@code displayDir} names the folder in problems. */
    public static Optional<FontBook> load(Path dir, String displayDir, Problems problems) {
        return load(org.handout.world.World.plain(), dir, displayDir, problems);
    }

    /** Loads {@code dir/fonts.yaml} and the fonts it names as {@code world} reads them, each only from inside {@code dir}. */
    public static Optional<FontBook> load(org.handout.world.World world, Path dir, String displayDir, Problems problems) {
        return load(world, dir, displayDir, Optional.empty(), problems);
    }

    /**
     * As {@link #load(org.handout.world.World, Path, String, Problems)}, reading and parsing only
     * the faces that the chains of {@code languages} (primary language subtags, as {@code es} for
     * {@code es-MX}) and the default chain name, when given: a build of English does not read the
     * 30 MB of Chinese, Japanese and Korean faces. Every face and chain is still checked as
     * written (a chain naming an undefined face, a face file that does not exist); only a damaged
     * face that no chain asked for goes unnoticed until a build that needs it. Asking the book
     * for a chain it did not load is a programming error.
     */
    public static Optional<FontBook> load(org.handout.world.World world, Path dir, String displayDir,
                                          Optional<java.util.Set<String>> languages, Problems problems) {
        String file = displayDir + "/fonts.yaml";
        Optional<YamlMap> root = Yaml.parse(world, dir.resolve("fonts.yaml"), file, problems)
                .flatMap(n -> YamlMap.of(n, file, "", "the file", problems));
        if (root.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.errorCount();
        // the chains as written first, to know which faces are wanted
        Map<String, List<Map.Entry<String, Node>>> written = new LinkedHashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>();
        root.get().map("chains").ifPresent(m -> {
            for (String lang : m.names()) {
                Node n = m.node(lang).orElseThrow();
                Yaml.sequence(n, file, "", "chain '" + lang + "'", problems).ifPresent(list -> {
                    List<Map.Entry<String, Node>> names = new ArrayList<>();
                    for (Node item : list) {
                        Yaml.text(item, file, "", "a face name", problems).ifPresent(name -> names.add(Map.entry(name, item)));
                    }
                    written.put(lang, names);
                    if (isWanted(lang, languages)) {
                        names.forEach(e -> wanted.add(e.getKey()));
                    }
                });
            }
            if (!written.containsKey("default")) {
                problems.error(file, m.line(), m.column(), "", "'chains' needs a 'default' chain");
            }
        });
        Map<String, Face> loaded = new LinkedHashMap<>();
        Map<String, Face[]> faces = new LinkedHashMap<>();
        java.util.Set<String> defined = new java.util.HashSet<>();
        java.util.Set<Face> fallback = new java.util.HashSet<>();
        Map<Face, Face> italics = new java.util.HashMap<>();
        root.get().map("faces").ifPresent(m -> {
            for (String name : m.names()) {
                defined.add(name);
                YamlMap.of(m.node(name).orElseThrow(), file, "", "face '" + name + "'", problems).ifPresent(f -> {
                    boolean load = languages.isEmpty() || wanted.contains(name);
                    Face regular = f.text("regular").flatMap(x -> face(world, dir, displayDir, x, f, load, loaded, problems)).orElse(null);
                    Face bold = f.text("bold").flatMap(x -> face(world, dir, displayDir, x, f, load, loaded, problems)).orElse(null);
                    // an italic is optional: emphasis in a face without one is set in the accent colour
                    Optional<Face> italic = f.has("italic") ? f.text("italic").flatMap(x -> face(world, dir, displayDir, x, f, load, loaded, problems))
                            : Optional.empty();
                    String role = f.optionalText("role").orElse("text");
                    if (!role.equals("text") && !role.equals("fallback")) {
                        problems.error(file, f.line(), f.column(), "", "face '" + name + "' has role '" + role
                                + "'; a role is 'text' (the default) or 'fallback' (used only for characters no text face has; does not set the line height)");
                    }
                    f.rejectUnknown();
                    if (regular != null && bold != null) {
                        faces.put(name, new Face[] {regular, bold});
                        Face r = regular;
                        italic.ifPresent(it -> italics.put(r, it));
                        if (role.equals("fallback")) {
                            fallback.add(regular);
                            fallback.add(bold);
                        }
                    }
                });
            }
        });
        Map<String, FontChain> chains = new LinkedHashMap<>();
        written.forEach((lang, names) -> {
            List<Face> regular = new ArrayList<>();
            List<Face> bold = new ArrayList<>();
            for (Map.Entry<String, Node> e : names) {
                String name = e.getKey();
                if (!defined.contains(name)) {
                    problems.error(file, Yaml.line(e.getValue()), Yaml.column(e.getValue()), "", "chain '" + lang
                            + "' names face '" + name + "', which is not defined under 'faces'");
                } else if (faces.containsKey(name)) { // (a face that failed to load was reported where it is defined)
                    regular.add(faces.get(name)[0]);
                    bold.add(faces.get(name)[1]);
                }
            }
            if (isWanted(lang, languages)) {
                chains.put(lang, new FontChain(lang, regular, bold, fallback, italics));
            }
        });
        root.get().rejectUnknown();
        if (problems.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new FontBook(chains, written.keySet()));
    }

    /** Whether a chain's faces are read in a run of {@code languages} (all when none are given). */
    private static boolean isWanted(String chain, Optional<java.util.Set<String>> languages) {
        return languages.isEmpty() || chain.equals("default")
                || languages.get().contains(chain.split("-")[0].toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The face in file {@code name}, read and parsed when {@code load}; otherwise only checked to be
     * a file of the folder (and empty).
     */
    private static Optional<Face> face(org.handout.world.World world, Path dir, String displayDir, String name, YamlMap at,
                                       boolean load, Map<String, Face> loaded, Problems problems) {
        if (loaded.containsKey(name)) {
            return Optional.of(loaded.get(name));
        }
        Path path = dir.resolve(name).normalize();
        if (name.contains("/") || name.contains("\\") || !path.startsWith(dir.normalize())) {
            problems.error(at.file(), at.line(), at.column(), "", "font '" + name + "' must be a file directly inside "
                    + displayDir + "/");
            return Optional.empty();
        }
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            problems.error(at.file(), at.line(), at.column(), "", "font file " + displayDir + "/" + name + " does not exist");
            return Optional.empty();
        }
        if (!load) {
            return Optional.empty();
        }
        String shown = displayDir + "/" + name;
        // read once per run, only from inside fonts/ (a link elsewhere is refused), never a FIFO or a device
        Problems read = new Problems();
        Optional<byte[]> got = world.read(path, shown, MAX_BYTES, Optional.of(dir), read);
        if (got.isEmpty()) {
            for (Problem p : read.sorted()) {
                problems.add(new Problem(p.severity(), at.file(), at.line(), at.column(), "", "font file " + shown + " " + p.message(),
                        p.hint(), p.details(), p.kind()));
            }
            return Optional.empty();
        }
        byte[] bytes = got.get();
        Optional<FontFiles.Refusal> refused = FontFiles.check(shown, bytes);
        if (refused.isPresent()) {
            problems.add(Problem.error(at.file(), at.line(), at.column(), "", refused.get().message()).withHint(refused.get().hint()));
            return Optional.empty();
        }
        try {
            Font font = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes));
            Face face = new Face(name, shown, bytes, font);
            loaded.put(name, face);
            return Optional.of(face);
        } catch (IOException | FontFormatException e) {
            // (an IOException's message names a temporary file of the JDK's own, which would only confuse)
            String why = e instanceof FontFormatException && e.getMessage() != null ? " (" + e.getMessage() + ")" : "";
            problems.add(Problem.error(at.file(), at.line(), at.column(), "", "font file " + shown + " is damaged: the JDK cannot read it" + why)
                    .withHint("the font file is damaged; replace it"));
            return Optional.empty();
        }
    }

    /** The largest font file read (a Noto CJK face is about 5 MB), and so the largest input of any kind. */
    public static final long MAX_BYTES = 64L << 20;

    /** The chain for a language tag: the tag itself, then shorter prefixes of it, then {@code default}. */
    public FontChain chain(String tag) {
        String t = tag;
        while (true) {
            FontChain c = chains.get(t);
            if (c != null) {
                return c;
            }
            if (written.contains(t)) {
                throw new IllegalStateException("the fonts of chain '" + t + "' were not read in this run (asked for " + tag + ")");
            }
            int dash = t.lastIndexOf('-');
            if (dash < 0) {
                return chains.get("default");
            }
            t = t.substring(0, dash);
        }
    }
}
