package org.handout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handout.testing.Cli;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example command in the README is run, in order, on a copy of the project, and must be a
 * command line the tool accepts (no usage error, no option that is not the command's, no internal
 * error); where the README says what it prints or writes, that is checked too. Synopsis lines
 * (with placeholders such as TAG, FILE or [options]) and the commands that run until stopped
 * (serve, watch, bench) are left out.
 */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    static List<String> examples(String readme) {
        Set<String> out = new LinkedHashSet<>();
        Matcher inline = Pattern.compile("`\\./handout ([^`]+)`").matcher(readme);
        while (inline.find()) {
            out.add(inline.group(1).strip());
        }
        for (String line : readme.lines().toList()) {
            if (line.startsWith("./handout ")) {
                out.add(line.substring("./handout ".length()).replaceFirst("\\s+#.*$", "").strip());
            }
        }
        List<String> runnable = new ArrayList<>();
        for (String e : out) {
            boolean synopsis = e.contains("[") || e.contains("|") || e.matches(".*\\b(TAGS?|FILE|KEY|IDS?|DIR|COMMAND|N)\\b.*");
            boolean endless = e.startsWith("serve") || e.startsWith("watch") || e.startsWith("bench");
            if (!synopsis && !endless) {
                runnable.add(e);
            }
        }
        return runnable;
    }

    @Test
    void everyExampleInTheReadmeIsACommandLineTheToolAcceptsAndDoesWhatItSays() throws Exception {
        List<String> examples = examples(Files.readString(TestProject.REAL.resolve("README.md")));
        assertTrue(examples.size() >= 15, "the README was read: " + examples);
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        String root = p.root().toString();
        List<String> failed = new ArrayList<>();
        for (String example : examples) {
            List<String> args = new ArrayList<>();
            for (String token : example.split("\\s+")) {
                if (token.startsWith("output/")) {
                    token = p.root().resolve(token).toString();
                } else if (token.startsWith("/tmp/")) {
                    token = dir.resolve(token.substring(5)).toString();
                } else if (token.endsWith(".xlf") || token.endsWith(".po")) {
                    // an import reads what an export wrote: export it there first
                    Path file = dir.resolve(token);
                    String lang = token.replaceFirst("\\.(xlf|po)$", "");
                    Cli.run(token.endsWith(".xlf") ? "export-xliff" : "export-po", "--root", root, "--lang", lang, "--out", file.toString());
                    token = file.toString();
                }
                args.add(token);
            }
            if (!example.startsWith("--")) {
                args.add("--root");
                args.add(root);
            }
            Cli.Run r = Cli.run(args.toArray(String[]::new));
            boolean refused = r.code() == 2 || r.err().contains("is not an option of") || r.err().contains("unexpected argument")
                    || r.err().contains("internal error");
            if (refused) {
                failed.add(example + " -> exit " + r.code() + ": " + r.err().lines().limit(3).toList());
            }
            // what the README says these print or write
            switch (example) {
                case "build" -> {
                    List<String> lines = r.out().lines().toList();
                    assertEquals(TestProject.LANGUAGE_COUNT + 1, lines.size(), "one line per language and a summary: " + r.out());
                    assertEquals(TestProject.PDF_COUNT + " PDFs written to " + p.root().resolve("output"), lines.get(lines.size() - 1));
                }
                case "verify --tags output/ar/symptoms.pdf" -> assertTrue(r.out().lines().count() > 10, "the tag tree: " + r.out());
                case "--version" -> assertTrue(r.out().startsWith("handout "), r.out());
                case "export-xliff --lang fr" -> assertTrue(Files.isRegularFile(p.root().resolve("output/xliff/fr.xlf")));
                case "export-po --lang es" -> assertTrue(Files.isRegularFile(p.root().resolve("output/po/es.po")));
                case "status" -> assertTrue(Files.isRegularFile(p.root().resolve("output/status.json")));
                case "build --clinic riverside" -> assertTrue(Files.isDirectory(p.root().resolve("output/clinics/riverside/es")));
                default -> {
                }
            }
        }
        assertEquals(List.of(), failed, "README examples the tool refuses");
    }
}
