package org.handout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broken-input corpus, {@code src/test/resources/broken/*.case}: each case breaks one input
 * of a copy of the project (or the command line) and states the exit code and the located
 * messages it must produce; nothing may be written. A case file:
 * <pre>
 * # what it breaks
 * file: translations/fr.yaml        the file to change (omit for a command-line case)
 * args: build --lang fr             the command (--root and --out are added)
 * exit: 1
 * expect: translations/fr.yaml:12:11: error: [common.page] ...   a whole line of the error output
 * --- replace                        then: the text to find (exactly once) ...
 * --- with                           ... and its replacement; or --- content (the whole file),
 * --- end                            --- append (added at the end), --- latin1 (the whole file, in ISO-8859-1)
 * </pre>
 * Run with {@code -Dhandout.updateCorpus=true} to rewrite the exit and expect lines from what the
 * tool says now (then read the diff).
 */
class BrokenInputCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/broken");

    @TempDir
    Path dir;

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> p.toString().endsWith(".case")).sorted().toList().stream();
        }
    }

    @Test
    void theCorpusHasAtLeastThirtyCases() throws IOException {
        assertTrue(cases().count() >= 30, "only " + cases().count() + " cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBrokenInputGivesItsLocatedMessagesAndExitCodeAndWritesNothing(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String target = null;
        List<String> args = new ArrayList<>();
        int exit = -1;
        List<String> expect = new ArrayList<>();
        String mode = null;
        StringBuilder find = new StringBuilder();
        StringBuilder with = new StringBuilder();
        boolean inWith = false;
        boolean fonts = false;
        int headerEnd = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (mode == null) {
                if (l.startsWith("file: ")) {
                    target = l.substring(6).strip();
                    fonts |= target.startsWith("fonts/");
                } else if (l.startsWith("args: ")) {
                    args.addAll(List.of(l.substring(6).strip().split(" ")));
                } else if (l.startsWith("exit: ")) {
                    exit = Integer.parseInt(l.substring(6).strip());
                } else if (l.startsWith("expect: ")) {
                    expect.add(l.substring(8));
                } else if (l.startsWith("--- ")) {
                    mode = l.substring(4).strip();
                    headerEnd = Math.min(headerEnd, i);
                }
                continue;
            }
            if (l.equals("--- with")) {
                inWith = true;
            } else if (l.equals("--- end")) {
                break;
            } else {
                (inWith ? with : find).append(l).append('\n');
            }
        }
        TestProject p = fonts ? TestProject.copyWithOwnFonts(dir.resolve("project")) : TestProject.copyInto(dir.resolve("project"));
        if (target != null) {
            Path t = p.root().resolve(target);
            switch (mode) {
                case "replace" -> p.replace(target, chop(find), chop(with));
                case "content" -> Files.writeString(t, find.toString(), StandardCharsets.UTF_8);
                case "append" -> Files.writeString(t, Files.readString(t) + find, StandardCharsets.UTF_8);
                case "latin1" -> Files.write(t, find.toString().getBytes(StandardCharsets.ISO_8859_1));
                case "pad" -> Files.writeString(t, Files.readString(t) + "#" + "x".repeat(Integer.parseInt(chop(find))) + "\n");
                default -> throw new IllegalArgumentException(file + ": unknown mode " + mode);
            }
        }
        Path out = dir.resolve("out");
        List<String> command = new ArrayList<>(args);
        command.addAll(List.of("--root", p.root().toString(), "--out", out.toString()));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(command.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        String err = e.toString(StandardCharsets.UTF_8).replace(p.root() + "/", "").replace(out.toString(), "OUT");
        List<String> errors = err.lines().filter(l -> l.matches("(.*: )?error: .*") || l.startsWith("handout: "))
                .filter(l -> !l.matches("handout: \\d+ warnings? about translations.*") && !l.matches("handout: \\d+ errors?;.*")).toList();
        if (Boolean.getBoolean("handout.updateCorpus")) {
            List<String> updated = new ArrayList<>();
            for (String l : lines.subList(0, headerEnd)) {
                if (!l.startsWith("exit: ") && !l.startsWith("expect: ")) {
                    updated.add(l);
                }
            }
            updated.add("exit: " + code);
            errors.forEach(l -> updated.add("expect: " + l));
            updated.addAll(lines.subList(headerEnd, lines.size()));
            Files.write(file, updated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(exit, code, file + "\n" + err);
        for (String x : expect) {
            assertTrue(err.lines().anyMatch(l -> l.equals(x)), file + ": no line\n  " + x + "\nin\n" + err);
        }
        assertTrue(!expect.isEmpty(), file + " expects no message");
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(f -> f.toString().endsWith(".pdf")).toList(), file + ": a PDF was written");
        }
    }

    private static String chop(CharSequence s) {
        String t = s.toString();
        return t.endsWith("\n") ? t.substring(0, t.length() - 1) : t;
    }
}
