package org.handout.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A copy of the real project (content, translations; fonts linked) in a temporary folder, for
 * tests that break one input and watch what the tool does.
 */
public final class TestProject {
    /** The project this test suite belongs to (Maven runs tests in the project folder). */
    public static final Path REAL = Path.of("").toAbsolutePath();
    /** The project's leaflets, as content/common.yaml lists them. */
    public static final java.util.List<String> LEAFLETS = org.handout.content.ContentLoader
            .load(REAL.resolve("content"), "content", new org.handout.report.Problems()).orElseThrow().leafletIds();
    /** How many leaflets the project has. */
    public static final int LEAFLET_COUNT = LEAFLETS.size();
    /** How many languages the project builds: English and one per bundle in translations/. */
    public static final int LANGUAGE_COUNT = languageCount();
    /** How many PDFs a build of every leaflet in every language writes. */
    public static final int PDF_COUNT = LANGUAGE_COUNT * LEAFLET_COUNT;

    private static int languageCount() {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(REAL.resolve("translations"))) {
            return 1 + (int) s.filter(f -> f.getFileName().toString().endsWith(".yaml")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** How many English strings a bundle translates (the shared ones and every leaflet's). */
    public static final int STRINGS = org.handout.content.ContentLoader
            .load(REAL.resolve("content"), "content", new org.handout.report.Problems()).orElseThrow().texts().size();

    private final Path root;

    private TestProject(Path root) {
        this.root = root;
    }

    /** Copies content/, translations/ and clinics/ into {@code dir} and links fonts/. */
    public static TestProject copyInto(Path dir) {
        try {
            copy(REAL.resolve("content"), dir.resolve("content"));
            copy(REAL.resolve("translations"), dir.resolve("translations"));
            copy(REAL.resolve("clinics"), dir.resolve("clinics"));
            Files.createSymbolicLink(dir.resolve("fonts"), REAL.resolve("fonts"));
            return new TestProject(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    copy(f, to.resolve(f.getFileName().toString())); // content/figures/
                } else {
                    Files.copy(f, to.resolve(f.getFileName().toString()));
                }
            }
        }
    }

    /**
     * The same, but with a fonts/ folder of its own (every file copied: 24 MB, a few tens of
     * milliseconds), for tests that add or break a font without touching the real ones. Not links:
     * a font that links out of fonts/ is refused, and writing through a hard link would damage the
     * real font.
     */
    public static TestProject copyWithOwnFonts(Path dir) {
        try {
            copy(REAL.resolve("content"), dir.resolve("content"));
            copy(REAL.resolve("translations"), dir.resolve("translations"));
            copy(REAL.resolve("clinics"), dir.resolve("clinics"));
            Files.createDirectories(dir.resolve("fonts"));
            try (Stream<Path> files = Files.list(REAL.resolve("fonts"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, dir.resolve("fonts").resolve(f.getFileName()));
                }
            }
            return new TestProject(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** Reads a project file. */
    public String read(String relative) {
        try {
            return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a project file. */
    public void write(String relative, String text) {
        try {
            Files.writeString(root.resolve(relative), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the one occurrence of {@code from} in a file; fails if it is not there exactly once. */
    public void replace(String relative, String from, String to) {
        String text = read(relative);
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("'" + from + "' is not in " + relative + " exactly once");
        }
        write(relative, text.substring(0, at) + to + text.substring(at + from.length()));
    }

    /** The 1-based line of the first line of a file containing {@code needle}. */
    public int lineOf(String relative, String needle) {
        String[] lines = read(relative).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("'" + needle + "' is not in " + relative);
    }

    /**
     * Replaces the translation ({@code text:}) of entry {@code key} in a bundle, written as a YAML
     * double-quoted string; returns the 1-based line of that text.
     */
    public int setText(String bundle, String key, String text) {
        return setField(bundle, key, "text", org.handout.workflow.BundleWriter.quote(text));
    }

    /** Replaces field {@code field} ({@code source}, {@code text}) of entry {@code key}; returns its line. */
    public int setField(String bundle, String key, String field, String yamlValue) {
        String[] lines = read(bundle).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("  " + key + ":")) {
                for (int j = i + 1; j < lines.length && lines[j].startsWith("    "); j++) {
                    if (lines[j].startsWith("    " + field + ": ")) {
                        lines[j] = "    " + field + ": " + yamlValue;
                        write(bundle, String.join("\n", lines));
                        return j + 1;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no " + field + " for " + key + " in " + bundle);
    }
    /** A bundle's text without the entry of {@code key} (its key line and the lines indented under it). */
    public static String withoutEntry(String bundle, String key) {
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : bundle.split("\n", -1)) {
            if (line.equals("  " + key + ":")) {
                skipping = true;
                continue;
            }
            if (skipping && (line.startsWith("    ") || line.isBlank())) {
                continue;
            }
            skipping = false;
            out.append(line).append('\n');
        }
        String s = out.toString();
        if (s.equals(bundle + "\n") || s.contains("  " + key + ":")) {
            throw new IllegalArgumentException("the bundle has no entry " + key);
        }
        return s.substring(0, s.length() - 1);
    }

}
