package org.handout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.handout.testing.Manifests;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broken-input corpus, {@code src/test/resources/broken/*.case}: each case breaks one input
 * of a copy of the project (or the command line) and states the exit code and every line the tool
 * prints about it (the whole list, in order: each problem's first line, the notes and the summary;
 * the indented hint and detail lines and the usage text are left out); no PDF may be written, and
 * with {@code prebuild: yes} the PDFs of the same command built before the input was broken must be
 * left byte for byte as they were, and never be claimed current by the manifest. A case file:
 * <pre>
 * # what it breaks
 * file: translations/fr.yaml        the file to change (omit for a command-line case)
 * args: build --lang fr             the command (--root and --out are added)
 * prebuild: yes                     optional: build the same command first, from the unbroken copy
 * exit: 1
 * expect: translations/fr.yaml:12:11: error: [common.page] ...   every line the tool prints, in order
 * --- replace                        then: the text to find (exactly once) ...
 * --- with                           ... and its replacement; or --- content (the whole file),
 * --- end                            --- append (added at the end), --- latin1 (the whole file, in ISO-8859-1),
 *                                    --- pad (N bytes of comment added), --- fifo, --- folder (the file becomes a
 *                                    FIFO or a folder), --- link-outside (a link to a copy outside its folder),
 *                                    --- zero-table TAG (a font's sfnt table TAG filled with zeros),
 *                                    --- fixture PATH (the bytes of src/test/resources/PATH),
 *                                    --- magic TEXT (the file's first bytes replaced by TEXT), --- truncate N (cut to N bytes),
 *                                    --- deep KEY N (the bundle entry KEY's text nested N selects deep),
 *                                    --- base64 (the file's bytes, written in base64)
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
    void theCorpusHasAtLeastSixtyCases() throws IOException {
        assertTrue(cases().count() >= 60, "only " + cases().count() + " cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBrokenInputGivesExactlyItsLocatedMessagesAndExitCodeAndWritesNothing(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String target = null;
        List<String> args = new ArrayList<>();
        int exit = -1;
        boolean prebuild = false;
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
                } else if (l.startsWith("prebuild: ")) {
                    prebuild = l.substring(10).strip().equals("yes");
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
        Path out = dir.resolve("out");
        Map<String, byte[]> before = new TreeMap<>();
        if (prebuild) {
            Run first = run(p, args, out);
            assertEquals(0, first.code(), file + ": the unbroken project must build\n" + first.err());
            before = pdfs(out);
            assertTrue(!before.isEmpty(), file + ": the prebuild wrote nothing");
        }
        if (target != null) {
            breakInput(p, target, mode, chop(find), chop(with), file);
        }
        Run r = run(p, args, out);
        // a build reports on stderr (stdout has its progress, with timings); check reports on stdout
        String said0 = args.get(0).equals("check") ? r.out() + r.err() : r.err();
        String err = said0.replace(p.root() + "/", "").replace(out.toString(), "OUT").replace(dir.toString(), "TMP");
        List<String> said = err.lines().filter(l -> !l.startsWith(" ") && !l.startsWith("usage: ") && !l.isBlank()).toList();
        if (Boolean.getBoolean("handout.updateCorpus")) {
            List<String> updated = new ArrayList<>();
            for (String l : lines.subList(0, headerEnd)) {
                if (!l.startsWith("exit: ") && !l.startsWith("expect: ")) {
                    updated.add(l);
                }
            }
            updated.add("exit: " + r.code());
            said.forEach(l -> updated.add("expect: " + l));
            updated.addAll(lines.subList(headerEnd, lines.size()));
            Files.write(file, updated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(exit, r.code(), file + "\n" + err);
        assertTrue(!expect.isEmpty(), file + " expects no message");
        assertEquals(String.join("\n", expect), String.join("\n", said), file + ": what the tool says, all of it");
        Map<String, byte[]> after = pdfs(out);
        assertEquals(before.keySet(), after.keySet(), file + ": a PDF was written or removed");
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            assertTrue(java.util.Arrays.equals(e.getValue(), after.get(e.getKey())), file + ": " + e.getKey() + " was changed");
            if (r.code() == 1) {
                Path folder = out.resolve(e.getKey()).getParent().getParent();
                String path = folder.relativize(out.resolve(e.getKey())).toString();
                assertTrue(!Manifests.stale(folder, path).isEmpty(), file + ": " + e.getKey() + " is left looking current");
            }
        }
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(f -> f.toString().endsWith(".tmp")).toList(), file + ": something was left half-written");
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(TestProject p, List<String> args, Path out) {
        List<String> command = new ArrayList<>(args);
        command.addAll(List.of("--root", p.root().toString()));
        if (!List.of("check", "init", "accept", "import-xliff", "import-po", "bench", "serve").contains(args.get(0))) {
            command.addAll(List.of("--out", out.toString())); // only the commands that write into a folder take --out
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(command.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, byte[]> pdfs(Path out) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.walk(out)) {
                for (Path f : s.filter(x -> x.toString().endsWith(".pdf")).toList()) {
                    m.put(out.relativize(f).toString(), Files.readAllBytes(f));
                }
            }
        }
        return m;
    }

    private void breakInput(TestProject p, String target, String mode, String find, String with, Path file) throws IOException {
        Path t = p.root().resolve(target);
        String[] m = mode.split(" ", 2);
        switch (m[0]) {
            case "replace" -> p.replace(target, find, with);
            case "content" -> Files.writeString(t, find + "\n", StandardCharsets.UTF_8);
            case "append" -> Files.writeString(t, Files.readString(t) + find + "\n", StandardCharsets.UTF_8);
            case "latin1" -> Files.write(t, (find + "\n").getBytes(StandardCharsets.ISO_8859_1));
            case "pad" -> Files.writeString(t, Files.readString(t) + "#" + "x".repeat(Integer.parseInt(find)) + "\n");
            case "fifo" -> {
                Files.delete(t);
                try {
                    assertEquals(0, new ProcessBuilder("mkfifo", t.toString()).inheritIO().start().waitFor(), "mkfifo");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            case "folder" -> {
                Files.delete(t);
                Files.createDirectories(t);
            }
            case "link-outside" -> {
                Path outside = dir.resolve("elsewhere").resolve(t.getFileName());
                Files.createDirectories(outside.getParent());
                Files.copy(t, outside);
                Files.delete(t);
                Files.createSymbolicLink(t, outside);
            }
            case "zero-table" -> Files.write(t, zeroTable(Files.readAllBytes(t), m[1]));
            case "base64" -> Files.write(t, java.util.Base64.getMimeDecoder().decode(find));
            case "deep" -> {
                String[] kn = m[1].strip().split(" ");
                int n = Integer.parseInt(kn[1]);
                p.setText(target, kn[0], "{page, select, other {".repeat(n) + "x" + "}}".repeat(n));
            }
            case "fixture" -> {
                Files.deleteIfExists(t);
                Files.copy(CORPUS.getParent().resolve(m[1].strip()), t);
            }
            case "magic" -> {
                byte[] b = Files.readAllBytes(t);
                byte[] magic = m[1].strip().getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(magic, 0, b, 0, magic.length);
                Files.write(t, b);
            }
            case "truncate" -> Files.write(t, java.util.Arrays.copyOf(Files.readAllBytes(t), Integer.parseInt(m[1].strip())));
            default -> throw new IllegalArgumentException(file + ": unknown mode " + mode);
        }
    }

    /** A TrueType font with one table's bytes set to zero (a zeroed 'loca' makes every glyph empty). */
    static byte[] zeroTable(byte[] font, String tag) {
        ByteBuffer b = ByteBuffer.wrap(font);
        int tables = b.getShort(4) & 0xFFFF;
        for (int i = 0; i < tables; i++) {
            int at = 12 + 16 * i;
            String name = new String(font, at, 4, StandardCharsets.US_ASCII);
            if (name.equals(tag)) {
                int offset = b.getInt(at + 8);
                int length = b.getInt(at + 12);
                byte[] out = font.clone();
                java.util.Arrays.fill(out, offset, offset + length, (byte) 0);
                return out;
            }
        }
        throw new IllegalArgumentException("the font has no table " + tag);
    }

    private static String chop(CharSequence s) {
        String t = s.toString();
        return t.endsWith("\n") ? t.substring(0, t.length() - 1) : t;
    }
}
