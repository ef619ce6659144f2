package org.handout.cli;

import java.io.PrintStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
import org.handout.report.Problem;

/**
 * The command line: parses options into a {@link BuildOptions} and runs the {@link Pipeline}.
 * Exit codes: 0 success, 1 content or translations are wrong, 2 usage error.
 */
public final class Main {
    private static final String USAGE = "handout build [--lang TAG[,TAG...]] [--leaflet ID[,ID...]] [--out DIR] [--root DIR]";

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
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
        if (!rest.get(0).equals("build") || rest.size() > 1) {
            err.println("handout: unknown command '" + String.join(" ", rest) + "'");
            err.println("usage: " + USAGE + "\n       handout --help");
            return 2;
        }
        Workspace ws = new Workspace(Path.of(cl.getOptionValue("root", System.getProperty("handout.root", "."))));
        Path output = cl.hasOption("out") ? Path.of(cl.getOptionValue("out")).toAbsolutePath() : ws.output();
        BuildOptions build = new BuildOptions(list(cl.getOptionValues("lang")), list(cl.getOptionValues("leaflet")), output);
        BuildReport report = new Pipeline(ws, out).build(build);
        for (Problem p : report.problems()) {
            err.println(p.format());
        }
        for (Path removed : report.removed()) {
            err.println("removed " + ws.root().relativize(removed.toAbsolutePath()) + ": it could not be rebuilt, so it would be stale");
        }
        if (report.usageError()) {
            err.println("usage: " + USAGE);
            return 2;
        }
        long errors = report.problems().stream().filter(Problem::isError).count();
        if (errors > 0) {
            err.printf(Locale.ROOT, "handout: %d error%s; %d PDF%s written%n", errors, errors == 1 ? "" : "s",
                    report.written().size(), report.written().size() == 1 ? "" : "s");
        } else {
            out.printf(Locale.ROOT, "%d PDF%s written to %s%n", report.written().size(), report.written().size() == 1 ? "" : "s", output);
        }
        return report.exitCode();
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
                .desc("languages to build, comma-separated BCP 47 tags (default: all); es-MX falls back to es, an unknown language to en").get());
        o.addOption(Option.builder("L").longOpt("leaflet").hasArg().argName("IDS")
                .desc("leaflets to build, comma-separated (default: all: overview, symptoms, staging, contacts)").get());
        o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR")
                .desc("output folder (default: output/ in the project)").get());
        o.addOption(Option.builder().longOpt("root").hasArg().argName("DIR")
                .desc("project folder with content/, translations/ and fonts/ (default: the launcher's folder, else the current folder)").get());
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
                    "Builds patient leaflets as PDFs: every leaflet in every language into <out>/<lang>/<leaflet>.pdf.",
                    options,
                    "Exit status: 0 built, 1 content or translations have errors (nothing wrong is written), 2 usage error.",
                    false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        to.flush();
    }
}
