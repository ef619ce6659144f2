package org.handout.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;
import org.handout.build.BuildOptions;
import org.handout.build.BuildReport;
import org.handout.build.Pipeline;
import org.handout.build.Workspace;
import org.handout.layout.Align;
import org.handout.layout.Paper;
import org.handout.preview.PageImages;
import org.handout.report.Problem;

/**
 * The command line: parses options into a {@link BuildOptions} and runs the {@link Pipeline}
 * ({@code build}), or builds into a scratch folder and renders pages to PNG ({@code preview}).
 * Exit codes: 0 success, 1 content or translations are wrong, 2 usage error.
 */
public final class Main {
    private static final String USAGE = "handout build [--lang TAG[,TAG...]] [--leaflet ID[,ID...]] [--out DIR] [--root DIR]"
            + " [--paper a4|letter] [--region CC] [--justify] [--draft] [--jobs N] [--force] [--shard K/N] [--clinic ID|FILE]\n"
            + "       handout preview --lang TAG[,TAG...] --leaflet ID[,ID...] [--pages N[,N-M...]] [--dpi N] [--out DIR]\n"
            + "       handout check [--lang TAG[,TAG...]] [--format text|json]\n"
            + "       handout status [--out DIR]\n"
            + "       handout init TAG [--update|--overwrite]\n"
            + "       handout accept --lang TAG [KEY...]\n"
            + "       handout export-xliff --lang TAG [--out FILE]\n"
            + "       handout import-xliff FILE [--format text|json]\n"
            + "       handout export-po --lang TAG [--out FILE]\n"
            + "       handout import-po FILE [--format text|json]\n"
            + "       handout verify [FILE...] [--out DIR] [--clinic ID]\n"
            + "       handout verify --tags FILE\n"
            + "       handout bench [--runs N] [--rounds N] [--scale N]\n"
            + "       handout serve [--port N] [--host ADDRESS [--expose]]";

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        if (System.getenv("HANDOUT_REPORT_PEAK") != null) {
            // for handout bench: this JVM's peak resident memory, from Linux
            try {
                java.nio.file.Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                        .findFirst().ifPresent(l -> err.println("peak RSS: " + l.replaceAll("\\D", "") + " kB"));
            } catch (IOException e) {
                err.println("peak RSS: unknown (" + e.getMessage() + ")");
            }
        }
        System.exit(code);
    }

    /**
     * Runs the command line and returns the exit code. A failure of the tool itself (a bug, not
     * bad input) is one line and exit 1; its stack trace only with {@code --debug}.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        try {
            // nothing a command does may format with the machine's locale or time zone
            return org.handout.world.Defaults.pinned(() -> runCommand(args, out, err));
        } catch (RuntimeException | StackOverflowError e) {
            err.println("handout: internal error: " + e + (debug ? "" : " (run again with --debug for the details, and report it)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static int runCommand(String[] args, PrintStream out, PrintStream err) {
        Options options = options();
        CommandLine cl;
        try {
            cl = DefaultParser.builder().get().parse(options, args);
        } catch (ParseException e) {
            err.println("handout: " + e.getMessage());
            err.println("usage: " + USAGE + "\n       handout --help");
            return 2;
        }
        if (cl.hasOption("help")) {
            help(options, out);
            return 0;
        }
        if (cl.hasOption("version")) {
            out.println("handout " + Workspace.version());
            return 0;
        }
        List<String> rest = cl.getArgList();
        if (rest.isEmpty()) {
            help(options, err);
            return 2;
        }
        String command = rest.get(0);
        List<String> positional = rest.subList(1, rest.size());
        boolean takesArgs = java.util.Set.of("init", "accept", "import-xliff", "import-po", "verify").contains(command);
        if (!java.util.Set.of("build", "preview", "check", "status", "init", "accept", "export-xliff", "import-xliff", "export-po",
                        "import-po", "verify", "bench", "serve")
                .contains(command)
                || (!takesArgs && !positional.isEmpty())) {
            err.println("handout: unknown command '" + String.join(" ", rest) + "'");
            err.println("usage: " + USAGE + "\n       handout --help");
            return 2;
        }
        Optional<Paper> paper = Optional.empty();
        if (cl.hasOption("paper")) {
            paper = Paper.named(cl.getOptionValue("paper"));
            if (paper.isEmpty()) {
                err.println("handout: --paper must be a4 or letter, not '" + cl.getOptionValue("paper") + "'");
                return 2;
            }
        }
        Workspace ws = new Workspace(Path.of(cl.getOptionValue("root", System.getProperty("handout.root", "."))));
        // every command sees a language by ICU's canonical tag (iw is he, prs is fa-AF); one that is
        // not a tag is left as typed, for the command to refuse
        List<String> langs = list(cl.getOptionValues("lang")).stream()
                .map(t -> org.handout.i18n.Languages.canonical(t).orElse(t)).distinct().toList();
        List<String> leaflets = list(cl.getOptionValues("leaflet"));
        Optional<String> region = Optional.ofNullable(cl.getOptionValue("region"));
        Align align = cl.hasOption("justify") ? Align.JUSTIFY : Align.START;
        TranslatorCommands translators = new TranslatorCommands(ws, out, err);
        Optional<Path> outOption = Optional.ofNullable(cl.getOptionValue("out")).map(o -> Path.of(o).toAbsolutePath());
        if (cl.hasOption("format") && !List.of("check", "import-xliff", "import-po").contains(command)) {
            // only check and the imports have another format; an option no one reads must not look obeyed
            err.println("handout: --format is an option of check, import-xliff and import-po (text or json); " + command + " has none"
                    + (command.equals("export-xliff") && "po".equals(cl.getOptionValue("format")) ? " (for PO: handout export-po)" : ""));
            return 2;
        }
        switch (command) {
            case "preview":
                return preview(cl, ws, langs, leaflets, paper, region, align, out, err);
            case "check":
                return translators.check(langs, cl.getOptionValue("format", "text"));
            case "status":
                return translators.status(outOption.orElse(ws.output()));
            case "init":
                if (cl.hasOption("force")) {
                    err.println("handout: init has no --force: --update adds the entries a bundle lacks and keeps everything else; "
                            + "--overwrite starts it again from scratch, keeping the old file as a backup");
                    return 2;
                }
                if (cl.hasOption("update") && cl.hasOption("overwrite")) {
                    err.println("handout: init takes --update or --overwrite, not both");
                    return 2;
                }
                return translators.init(positional, cl.hasOption("update") ? org.handout.workflow.Translators.InitMode.UPDATE
                        : cl.hasOption("overwrite") ? org.handout.workflow.Translators.InitMode.OVERWRITE
                        : org.handout.workflow.Translators.InitMode.NEW);
            case "accept":
                return translators.accept(langs, positional);
            case "export-xliff":
                return translators.exportXliff(langs, outOption);
            case "import-xliff":
                return translators.importXliff(positional, cl.getOptionValue("format", "text"));
            case "export-po":
                return translators.exportPo(langs, outOption);
            case "import-po":
                return translators.importPo(positional, cl.getOptionValue("format", "text"));
            case "serve":
                try {
                    return org.handout.serve.Server.run(ws, cl.getOptionValue("host", "127.0.0.1"), number(cl, "port", 8377),
                            cl.hasOption("expose"), out, err);
                } catch (IOException | InterruptedException | NumberFormatException e) {
                    err.println("handout: serve: " + e.getMessage());
                    return e instanceof NumberFormatException ? 2 : 1;
                }
            case "bench":
                try {
                    return new org.handout.bench.Benchmark(ws, out).run(number(cl, "runs", 5), number(cl, "rounds", 30), number(cl, "scale", 1000));
                } catch (IOException | InterruptedException | NumberFormatException e) {
                    err.println("handout: bench: " + e.getMessage());
                    return e instanceof NumberFormatException ? 2 : 1;
                }
            case "verify":
                return cl.hasOption("tags") ? VerifyCommand.tags(positional, out, err)
                        : VerifyCommand.verify(ws, positional, outOption.orElse(ws.output()), clinic(cl, ws), out, err);
            default:
                break;
        }
        Path output = outOption.orElse(ws.output());
        BuildOptions.Shard shard = BuildOptions.Shard.ALL;
        if (cl.hasOption("shard")) {
            Optional<BuildOptions.Shard> s = BuildOptions.Shard.parse(cl.getOptionValue("shard"));
            if (s.isEmpty()) {
                err.println("handout: --shard takes K/N with 1 <= K <= N, e.g. --shard 2/4, not '" + cl.getOptionValue("shard") + "'");
                return 2;
            }
            shard = s.get();
        }
        int jobs = 0;
        if (cl.hasOption("jobs")) {
            try {
                jobs = Integer.parseInt(cl.getOptionValue("jobs"));
                if (jobs < 1 || jobs > 256) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                err.println("handout: --jobs takes a number from 1 to 256");
                return 2;
            }
        }
        BuildOptions build = new BuildOptions(langs, leaflets, output, paper, region, align, cl.hasOption("draft"), jobs,
                cl.hasOption("force"), shard, clinic(cl, ws));
        BuildReport report = new Pipeline(ws, out).build(build);
        int problems = report(report, ws, err);
        if (problems >= 0) {
            return problems;
        }
        out.printf(Locale.ROOT, "%d PDF%s written to %s%n", report.written().size(), report.written().size() == 1 ? "" : "s", output);
        return report.exitCode();
    }

    /** Prints the report's problems; returns the exit code if the run failed, else -1. */
    private static int report(BuildReport report, Workspace ws, PrintStream err) {
        // errors in full; a translation's warnings (style, length) are for handout check, so only counted here
        long translationWarnings = 0;
        for (Problem p : report.problems()) {
            if (!p.isError() && p.file().startsWith("translations/") && !org.handout.i18n.BundleChecker.isGap(p)) {
                translationWarnings++;
            } else {
                err.println(p.formatLong());
            }
        }
        if (translationWarnings > 0) {
            err.printf(Locale.ROOT, "handout: %d warning%s about translations (handout check lists them)%n", translationWarnings,
                    translationWarnings == 1 ? "" : "s");
        }
        if (!report.elsewhere().isEmpty()) {
            // one line: what was not asked for neither fails the build nor floods its output
            List<String> files = new ArrayList<>();
            report.elsewhere().forEach((file, n) -> files.add(file + " (" + n + " error" + (n == 1 ? "" : "s") + ")"));
            int more = files.size() - 3;
            err.println("handout: note: languages or leaflets not built here have problems: "
                    + String.join(", ", files.subList(0, Math.min(3, files.size()))) + (more > 0 ? " and " + more + " more files" : "")
                    + "; handout check lists them");
        }
        report.stale().forEach((file, reason) -> {
            Path shown = file.toAbsolutePath().startsWith(ws.root().toAbsolutePath())
                    ? ws.root().toAbsolutePath().relativize(file.toAbsolutePath()) : file;
            err.println("kept " + shown + " from an earlier build; it is STALE (" + reason + "); manifest.json marks it so");
        });
        if (report.usageError()) {
            err.println("usage: " + USAGE);
            return 2;
        }
        long errors = report.problems().stream().filter(Problem::isError).count();
        if (errors > 0) {
            err.printf(Locale.ROOT, "handout: %d error%s; %d PDF%s written%n", errors, errors == 1 ? "" : "s",
                    report.written().size(), report.written().size() == 1 ? "" : "s");
            return report.exitCode();
        }
        return -1;
    }

    /**
     * {@code preview}: builds the chosen leaflets into a scratch folder, exactly as {@code build}
     * would, and renders the chosen pages to {@code <out>/<lang>/<leaflet>-p<N>.png} (default
     * {@code output/preview}). Nothing in {@code output/}'s PDFs changes.
     */
    private static int preview(CommandLine cl, Workspace ws, List<String> langs, List<String> leaflets, Optional<Paper> paper,
                               Optional<String> region, Align align, PrintStream out, PrintStream err) {
        if (langs.isEmpty() || leaflets.isEmpty()) {
            err.println("handout: preview needs --lang and --leaflet, e.g. handout preview --lang ar --leaflet symptoms");
            return 2;
        }
        List<Integer> pages;
        int dpi;
        try {
            pages = pages(cl.getOptionValue("pages", ""));
            dpi = Integer.parseInt(cl.getOptionValue("dpi", "110"));
            if (dpi < 20 || dpi > 600) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println("handout: --pages takes page numbers and ranges (1,3-4) and --dpi a number from 20 to 600");
            return 2;
        }
        Path dir = cl.hasOption("out") ? Path.of(cl.getOptionValue("out")).toAbsolutePath() : ws.output().resolve("preview");
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("handout-preview");
            BuildReport report = new Pipeline(ws, new PrintStream(OutputStream.nullOutputStream()))
                    .build(new BuildOptions(langs, leaflets, scratch, paper, region, align, true).withClinic(clinic(cl, ws)));
            int failed = report(report, ws, err);
            if (failed >= 0) {
                return failed;
            }
            for (Path pdf : report.written()) {
                String lang = pdf.getParent().getFileName().toString();
                String leaflet = pdf.getFileName().toString().replaceFirst("\\.pdf$", "");
                int count = PageImages.pageCount(pdf);
                for (Path png : PageImages.render(pdf, pages, dpi, dir.resolve(lang), leaflet)) {
                    out.println(png);
                }
                if (pages.stream().anyMatch(p -> p > count)) {
                    err.printf(Locale.ROOT, "handout: %s/%s has %d page%s%n", lang, leaflet, count, count == 1 ? "" : "s");
                }
            }
            return report.exitCode();
        } catch (IOException e) {
            err.println("handout: cannot render the preview: " + e.getMessage());
            return 1;
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** {@code --clinic riverside} is {@code clinics/riverside.yaml}; anything else is a path to a profile. */
    static Optional<Path> clinic(CommandLine cl, Workspace ws) {
        if (!cl.hasOption("clinic")) {
            return Optional.empty();
        }
        String v = cl.getOptionValue("clinic");
        return Optional.of(v.matches(org.handout.clinic.Clinic.ID) ? ws.clinics().resolve(v + ".yaml") : Path.of(v).toAbsolutePath());
    }

    private static int number(CommandLine cl, String option, int otherwise) {
        int n = Integer.parseInt(cl.getOptionValue(option, String.valueOf(otherwise)));
        if (n < 0 || n > 100_000) {
            throw new NumberFormatException("--" + option + " takes a number from 0 to 100000");
        }
        return n;
    }

    /** "1,3-4" as [1, 3, 4]; empty means every page. */
    private static List<Integer> pages(String spec) {
        List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            String[] range = p.split("-", 2);
            int from = Integer.parseInt(range[0].strip());
            int to = range.length == 2 ? Integer.parseInt(range[1].strip()) : from;
            if (from < 1 || to < from || to - from > 1000) {
                throw new NumberFormatException(p);
            }
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a scratch folder left in the system's temporary directory is harmless
        }
    }

    /** Comma-separated values of a repeatable option, in order, each once. */
    private static List<String> list(String[] values) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
            }
        }
        return new ArrayList<>(out);
    }

    private static Options options() {
        Options o = new Options();
        o.addOption(Option.builder("l").longOpt("lang").hasArg().argName("TAGS")
                .desc("languages to build, comma-separated BCP 47 tags (default: all); es-MX is served by es; a language with no "
                        + "bundle is refused (with --draft: an English draft, marked so)").get());
        o.addOption(Option.builder("L").longOpt("leaflet").hasArg().argName("IDS")
                .desc("leaflets to build, comma-separated (default: all: overview, symptoms, staging, contacts)").get());
        o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR")
                .desc("output folder (default: output/ in the project)").get());
        o.addOption(Option.builder().longOpt("root").hasArg().argName("DIR")
                .desc("project folder with content/, translations/ and fonts/ (default: the launcher's folder, else the current folder)").get());
        o.addOption(Option.builder().longOpt("paper").hasArg().argName("SIZE")
                .desc("a4 or letter (default: the custom of each language's country: Letter for en and es-MX, A4 for es, fr, de...)").get());
        o.addOption(Option.builder().longOpt("region").hasArg().argName("CC")
                .desc("the country the leaflets are printed in, for the paper (e.g. US: Letter for every language; GB: A4)").get());
        o.addOption(Option.builder().longOpt("justify")
                .desc("justify body text to the full measure (default: ragged, which reads more easily)").get());
        o.addOption(Option.builder().longOpt("clinic").hasArg().argName("ID|FILE")
                .desc("a clinic's edition: clinics/ID.yaml (or a profile FILE) on every leaflet, into <out>/clinics/ID/<lang>/<leaflet>.pdf").get());
        o.addOption(Option.builder().longOpt("draft")
                .desc("build leaflets whose translation has gaps anyway: missing strings in English, out-of-date ones as they are, "
                        + "every page marked DRAFT (default: such leaflets are held back)").get());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FORMAT")
                .desc("check, import-xliff, import-po: text (default) or json (the whole report, on standard output)").get());
        o.addOption(Option.builder().longOpt("force")
                .desc("build: rebuild PDFs that are up to date").get());
        o.addOption(Option.builder().longOpt("update")
                .desc("init: add the entries an existing bundle lacks, keeping every text, note, state and comment it has").get());
        o.addOption(Option.builder().longOpt("overwrite")
                .desc("init: start an existing bundle again from scratch, keeping the old file as <tag>.yaml.<n>.bak").get());
        o.addOption(Option.builder().longOpt("jobs").hasArg().argName("N")
                .desc("build: leaflets built at once (default: one per processor; the bytes are the same)").get());
        o.addOption(Option.builder().longOpt("shard").hasArg().argName("K/N")
                .desc("build: only shard K of N (a stable split of the languages × leaflets, for CI matrices)").get());
        o.addOption(Option.builder().longOpt("tags")
                .desc("verify: print the tag tree of the FILE, in the order a screen reader reads it").get());
        o.addOption(Option.builder().longOpt("port").hasArg().argName("N").desc("serve: the port (default 8377; 0 picks a free one)").get());
        o.addOption(Option.builder().longOpt("expose")
                .desc("serve: allow a --host other computers can reach; prints a warning and an address with an access token").get());
        o.addOption(Option.builder().longOpt("host").hasArg().argName("ADDRESS")
                .desc("serve: the address to listen on (default 127.0.0.1: this computer only)").get());
        o.addOption(Option.builder().longOpt("runs").hasArg().argName("N").desc("bench: cold builds to time (default 5)").get());
        o.addOption(Option.builder().longOpt("rounds").hasArg().argName("N").desc("bench: warm rounds per leaflet (default 30)").get());
        o.addOption(Option.builder().longOpt("scale").hasArg().argName("N")
                .desc("bench: leaflets in the largest synthetic matrix (default 1000; 0 skips it)").get());
        o.addOption(Option.builder().longOpt("pages").hasArg().argName("LIST")
                .desc("preview: pages to render, e.g. 1 or 1,3-4 (default: all)").get());
        o.addOption(Option.builder().longOpt("dpi").hasArg().argName("N")
                .desc("preview: resolution of the images (default: 110)").get());
        o.addOption(Option.builder().longOpt("debug").desc("show the stack trace of an internal error").get());
        o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
        o.addOption(Option.builder("V").longOpt("version").desc("show the version").get());
        return o;
    }

    private static void help(Options options, PrintStream to) {
        TextHelpAppendable text = new TextHelpAppendable(to);
        text.setMaxWidth(100);
        HelpFormatter f = HelpFormatter.builder().setHelpAppendable(text).setShowSince(false).get();
        try {
            f.printHelp(USAGE,
                    "build: builds patient leaflets as PDFs, every leaflet in every language into <out>/<lang>/<leaflet>.pdf.\n"
                    + "preview: renders pages of the chosen leaflets to PNG in <out>/<lang>/<leaflet>-p<N>.png (default output/preview).\n"
                    + "check: lists every problem of the bundles (errors and warnings) with file, line, key and a hint.\n"
                    + "status: a table of languages and leaflets (translated, stale, missing, review), also as <out>/status.json.\n"
                    + "init: writes translations/TAG.yaml with every English string to translate (--update adds what an existing one\n"
                    + "  lacks and keeps the rest; --overwrite starts it again, keeping a backup).\n"
                    + "accept: records that entries were updated to the current English (all stale ones, or the KEYs named).\n"
                    + "export-xliff, import-xliff: XLIFF 2.0 for translation tools (default file output/xliff/TAG.xlf).\n"
                    + "export-po, import-po: gettext PO for Weblate, Poedit and the like (default file output/po/TAG.po; docs/po.md).\n"
                    + "verify: checks built PDFs (default: all in <out>): text and tags in reading order, fonts, every glyph inside\n"
                    + "  the text area, PDF/UA-1, PDF/A-2u.\n"
                    + "bench: measures cold and warm build times, memory, PDF sizes and a 1,000-leaflet matrix (see BENCHMARKS.md).\n"
                    + "serve: a local web page to build, preview and download leaflets (http://127.0.0.1:8377/).",
                    options,
                    "Exit status: 0 built, 1 content or translations have errors (nothing wrong is written), 2 usage error.",
                    false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        to.flush();
    }
}
