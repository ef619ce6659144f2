package org.handout.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.IOException;
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
import org.apache.commons.cli.ParseException;
import org.handout.build.BuildOptions;
import org.handout.build.BuildReport;
import org.handout.build.Pipeline;
import org.handout.build.Workspace;
import org.handout.layout.Align;
import org.handout.layout.Paper;
import org.handout.preview.PageImages;
import org.handout.report.Problem;

/**
 * The command line, a thin layer: finds the command, parses its own options ({@link Commands}),
 * turns them into an options value ({@link BuildOptions#builder}) and makes one call: the
 * {@link Pipeline} for {@code build} and {@code watch}, {@link TranslatorCommands} for the
 * translators' commands, and so on. Exit codes: 0 success, 1 content or translations are wrong
 * (or a warning with {@code --strict}), 2 usage error; each command's {@code --help} says which.
 */
public final class Main {
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

    /** What to say, beyond "not an option of", when a command is given an option users expect it to have. */
    private static final java.util.Map<String, String> HINTS = java.util.Map.of(
            "init --force", "; init has no --force: --update adds the entries a bundle lacks and keeps everything else;"
                    + " --overwrite starts it again from scratch, keeping the old file as a backup",
            "export-xliff --format", "; for PO: handout export-po");

    /** The index of the command among the arguments: the first that is neither an option nor an option's value; -1 when none. */
    static int commandIndex(String[] args) {
        java.util.Set<String> valued = Commands.valued();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return i + 1 < args.length ? i + 1 : -1;
            }
            if (a.startsWith("-") && a.length() > 1) {
                if (valued.contains(a)) {
                    i++;
                }
                continue;
            }
            return i;
        }
        return -1;
    }

    private static int runCommand(String[] args, PrintStream out, PrintStream err) {
        List<String> all = Arrays.asList(args);
        int at = commandIndex(args);
        if (at < 0) {
            if (all.contains("--version") || all.contains("-V")) {
                out.print(Version.describe());
                return 0;
            }
            if (all.contains("--help") || all.contains("-h")) {
                Commands.overview(out);
                return 0;
            }
            if (!all.isEmpty()) {
                err.println("handout: no command in '" + String.join(" ", all) + "'");
            }
            Commands.overview(err);
            return 2;
        }
        String name = args[at];
        Commands.Command command = Commands.ALL.get(name);
        if (command == null) {
            err.println("handout: unknown command '" + name + "'"
                    + org.handout.i18n.Suggestions.nearest(name, Commands.ALL.keySet()).map(n -> "; did you mean '" + n + "'?").orElse(""));
            err.println("commands: " + String.join(", ", Commands.ALL.keySet()) + " (handout --help says what each does)");
            return 2;
        }
        List<String> rest = new ArrayList<>(all);
        rest.remove(at);
        CommandLine cl;
        try {
            cl = DefaultParser.builder().setAllowPartialMatching(false).get().parse(command.parserOptions(), rest.toArray(String[]::new));
        } catch (org.apache.commons.cli.UnrecognizedOptionException e) {
            String option = e.getOption().replaceFirst("=.*", "");
            String bare = option.replaceFirst("^-+", "");
            List<String> owners = Commands.owners(bare);
            String why = owners.isEmpty() ? "" : " (it is an option of " + String.join(", ", owners) + ")";
            List<String> mine = command.parserOptions().getOptions().stream().map(Option::getLongOpt).filter(java.util.Objects::nonNull).toList();
            String near = owners.isEmpty() ? org.handout.i18n.Suggestions.nearest(bare, mine).map(n -> "; did you mean --" + n + "?").orElse("") : "";
            String hint = HINTS.getOrDefault(name + " " + option, "");
            err.println("handout " + name + ": " + option + " is not an option of " + name + why + near + hint);
            err.println(Commands.usage(command));
            return 2;
        } catch (org.apache.commons.cli.MissingArgumentException e) {
            err.println("handout " + name + ": --" + e.getOption().getLongOpt() + " needs a value (" + e.getOption().getArgName() + ")");
            err.println(Commands.usage(command));
            return 2;
        } catch (ParseException e) {
            err.println("handout " + name + ": " + e.getMessage());
            err.println(Commands.usage(command));
            return 2;
        }
        if (cl.hasOption("help")) {
            Commands.help(command, out);
            return 0;
        }
        List<String> positional = cl.getArgList();
        if (positional.size() > command.maxArguments()) {
            String extra = positional.get(command.maxArguments());
            err.println("handout " + name + ": unexpected argument '" + extra + "'" + (command.maxArguments() == 0
                    ? " (" + name + " takes options only" + (Commands.ALL.containsKey(extra) ? "; one command at a time" : "") + ")"
                    : " (" + name + " takes one " + command.argumentsName() + ")"));
            err.println(Commands.usage(command));
            return 2;
        }
        if (cl.hasOption("quiet") && cl.hasOption("verbose")) {
            err.println("handout " + name + ": --quiet and --verbose contradict each other");
            return 2;
        }
        Verbosity verbosity = cl.hasOption("quiet") ? Verbosity.QUIET : cl.hasOption("verbose") ? Verbosity.VERBOSE : Verbosity.NORMAL;
        boolean strict = cl.hasOption("strict");
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
        switch (name) {
            case "preview":
                return preview(cl, ws, langs, leaflets, paper, region, align, verbosity, strict, out, err);
            case "check":
                return translators.check(langs, cl.getOptionValue("format", "text"), strict);
            case "status":
                return translators.status(outOption.orElse(ws.output()));
            case "init":
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
                return translators.importXliff(positional, cl.getOptionValue("format", "text"), strict);
            case "export-po":
                return translators.exportPo(langs, outOption);
            case "import-po":
                return translators.importPo(positional, cl.getOptionValue("format", "text"), strict);
            case "serve":
                try {
                    int port = number(cl, "port", 8377);
                    if (port > 65535) {
                        throw new NumberFormatException("--port takes a number from 0 to 65535 (0 picks a free port), not " + port);
                    }
                    return org.handout.serve.Server.run(ws, cl.getOptionValue("host", "127.0.0.1"), port, cl.hasOption("expose"), out, err);
                } catch (IOException | InterruptedException | NumberFormatException e) {
                    err.println("handout: serve: " + e.getMessage());
                    return e instanceof NumberFormatException ? 2 : 1;
                }
            case "bench":
                try {
                    return new org.handout.bench.Benchmark(ws, out).run(number(cl, "runs", 5), number(cl, "rounds", 5), number(cl, "scale", 1000));
                } catch (IOException | InterruptedException | NumberFormatException e) {
                    err.println("handout: bench: " + e.getMessage());
                    return e instanceof NumberFormatException ? 2 : 1;
                }
            case "merge": {
                if (positional.isEmpty()) {
                    err.println("handout merge: name the shards' output folders, e.g. handout merge shard-1 shard-2 --out output");
                    return 2;
                }
                Path target = outOption.orElse(ws.output());
                BuildReport merged = org.handout.build.ShardMerge.merge(positional.stream().map(f -> Path.of(f).toAbsolutePath()).toList(), target);
                merged.problems().forEach(p -> err.println(p.formatLong()));
                if (merged.hasErrors()) {
                    err.println("handout merge: nothing was merged");
                    return 1;
                }
                if (verbosity != Verbosity.QUIET) {
                    out.printf(Locale.ROOT, "%d PDF%s from %d shard%s merged into %s%n", merged.written().size(), merged.written().size() == 1 ? "" : "s",
                            positional.size(), positional.size() == 1 ? "" : "s", target);
                }
                return 0;
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
        BuildOptions build = BuildOptions.builder(output).languages(langs).leaflets(leaflets).paper(paper).region(region).align(align)
                .draft(cl.hasOption("draft")).jobs(jobs).force(cl.hasOption("force")).shard(shard).clinic(clinic(cl, ws)).build();
        boolean bar = TerminalProgress.wanted(TerminalProgress.onTerminal(), System.getenv("NO_COLOR"), cl.hasOption("no-progress"));
        if (name.equals("watch")) {
            return new Watch(ws, build, verbosity, out, err).run();
        }
        return build(ws, build, verbosity, strict, bar, out, err);
    }

    /** One build: the pipeline's account as the verbosity wants it, its problems, and the exit code. */
    static int build(Workspace ws, BuildOptions build, Verbosity verbosity, boolean strict, boolean bar, PrintStream out, PrintStream err) {
        TerminalProgress progress = new TerminalProgress(out, err, verbosity, bar, System::nanoTime);
        long start = System.nanoTime();
        BuildReport report = new Pipeline(ws, progress).build(build);
        progress.finish();
        int problems = report(report, ws, err, verbosity, strict);
        if (problems >= 0) {
            return problems;
        }
        if (verbosity != Verbosity.QUIET) {
            out.printf(Locale.ROOT, "%d PDF%s written to %s%s%n", report.written().size(), report.written().size() == 1 ? "" : "s", build.output(),
                    verbosity == Verbosity.VERBOSE ? String.format(Locale.ROOT, " in %d ms", (System.nanoTime() - start) / 1_000_000) : "");
        }
        return report.exitCode();
    }

    /**
     * Prints the report's problems as the verbosity wants them; returns the exit code if the run
     * failed (with {@code strict}, a warning about what was asked for fails it), else -1.
     */
    static int report(BuildReport report, Workspace ws, PrintStream err, Verbosity verbosity, boolean strict) {
        // errors in full; a translation's warnings (style, length) are for handout check, so only counted here
        // (in full with --strict, since they fail the build)
        long translationWarnings = 0;
        long warnings = 0;
        for (Problem p : report.problems()) {
            if (!p.isError()) {
                warnings++;
            }
            if (!p.isError() && verbosity == Verbosity.QUIET) {
                continue;
            }
            if (!strict && !p.isError() && p.file().startsWith("translations/") && !org.handout.i18n.BundleChecker.isGap(p)) {
                translationWarnings++;
            } else {
                err.println(p.formatLong());
            }
        }
        if (translationWarnings > 0) {
            err.printf(Locale.ROOT, "handout: %d warning%s about translations (handout check lists them)%n", translationWarnings,
                    translationWarnings == 1 ? "" : "s");
        }
        if (!report.elsewhere().isEmpty() && verbosity != Verbosity.QUIET) {
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
            err.println("usage: handout build [options]   (handout build --help lists them)");
            return 2;
        }
        long errors = report.problems().stream().filter(Problem::isError).count();
        if (errors > 0) {
            err.printf(Locale.ROOT, "handout: %d error%s; %d PDF%s written%n", errors, errors == 1 ? "" : "s",
                    report.written().size(), report.written().size() == 1 ? "" : "s");
            return report.exitCode();
        }
        if (strict && warnings > 0) {
            err.printf(Locale.ROOT, "handout: --strict: %d warning%s fail%s this build; %d PDF%s written%n", warnings, warnings == 1 ? "" : "s",
                    warnings == 1 ? "s" : "", report.written().size(), report.written().size() == 1 ? "" : "s");
            return 1;
        }
        return -1;
    }

    /**
     * {@code preview}: builds the chosen leaflets into a scratch folder, exactly as {@code build}
     * would, and renders the chosen pages to {@code <out>/<lang>/<leaflet>-p<N>.png} (default
     * {@code output/preview}). Nothing in {@code output/}'s PDFs changes.
     */
    private static int preview(CommandLine cl, Workspace ws, List<String> langs, List<String> leaflets, Optional<Paper> paper,
                               Optional<String> region, Align align, Verbosity verbosity, boolean strict, PrintStream out, PrintStream err) {
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
            int failed = report(report, ws, err, verbosity, strict);
            if (failed >= 0) {
                return failed;
            }
            int rendered = 0;
            List<String> short_ = new ArrayList<>();
            for (Path pdf : report.written()) {
                String lang = pdf.getParent().getFileName().toString();
                String leaflet = pdf.getFileName().toString().replaceFirst("\\.pdf$", "");
                int count = PageImages.pageCount(pdf);
                for (Path png : PageImages.render(pdf, pages, dpi, dir.resolve(lang), leaflet)) {
                    out.println(png);
                    rendered++;
                }
                List<Integer> beyond = pages.stream().filter(p -> p > count).toList();
                if (!beyond.isEmpty()) {
                    short_.add(String.format(Locale.ROOT, "%s/%s has %d page%s (no page %s)", lang, leaflet, count, count == 1 ? "" : "s",
                            beyond.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))));
                }
            }
            short_.forEach(m -> err.println("handout preview: " + m));
            if (rendered == 0 && !short_.isEmpty()) {
                // nothing asked for exists: the command did nothing, and says so with a usage error
                err.println("handout preview: no page was rendered; --pages names pages the leaflets do not have");
                return 2;
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
}
