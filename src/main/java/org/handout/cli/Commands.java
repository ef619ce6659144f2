package org.handout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;

/**
 * Every command of the command line with the options it takes, and nothing else: one Commons CLI
 * {@link Options} per command, built from one catalogue of option definitions (so an option means
 * the same everywhere it is taken), with its own usage line, description and exit codes for
 * {@code handout COMMAND --help}. Commons CLI rather than picocli: it is already the tool's
 * parser, an {@code Options} per command is all that sub-commands need here, and the help text
 * and the errors stay ours (in the words the README uses).
 */
final class Commands {
    private Commands() {
    }

    /** One command: its name, what follows it, one line about it, its options and what its exit codes mean. */
    record Command(String name, String synopsis, String about, List<String> options, int maxArguments, String argumentsName,
                   String exits) {
        /** A fresh {@link Options} (Commons CLI keeps parsed values in its {@code Option}s): this command's and the common ones. */
        Options parserOptions() {
            Options o = new Options();
            options.forEach(n -> o.addOption(CATALOGUE.get(n).get()));
            COMMON.forEach(n -> o.addOption(CATALOGUE.get(n).get()));
            return o;
        }
    }

    private static final Map<String, Supplier<Option>> CATALOGUE = new LinkedHashMap<>();

    private static void define(String name, Supplier<Option> option) {
        CATALOGUE.put(name, option);
    }

    static {
        define("lang", () -> Option.builder("l").longOpt("lang").hasArg().argName("TAGS")
                .desc("languages, comma-separated BCP 47 tags (default: all); es-MX is served by es").get());
        define("lang-one", () -> Option.builder("l").longOpt("lang").hasArg().argName("TAG").desc("the language (a BCP 47 tag)").get());
        define("leaflet", () -> Option.builder("L").longOpt("leaflet").hasArg().argName("IDS")
                .desc("leaflets, comma-separated ids (default: all)").get());
        define("out", () -> Option.builder("o").longOpt("out").hasArg().argName("DIR").desc("output folder (default: output/ in the project)").get());
        define("out-file", () -> Option.builder("o").longOpt("out").hasArg().argName("FILE").desc("the file to write").get());
        define("paper", () -> Option.builder().longOpt("paper").hasArg().argName("SIZE")
                .desc("a4 or letter (default: the clinic's country's, else each language's country's custom)").get());
        define("region", () -> Option.builder().longOpt("region").hasArg().argName("CC")
                .desc("the country the leaflets are printed in, for the paper (e.g. US: Letter for every language)").get());
        define("justify", () -> Option.builder().longOpt("justify").desc("justify body text (default: ragged, which reads more easily)").get());
        define("clinic", () -> Option.builder().longOpt("clinic").hasArg().argName("ID|FILE")
                .desc("a clinic's edition: clinics/ID.yaml (or a profile FILE) on every leaflet").get());
        define("draft", () -> Option.builder().longOpt("draft")
                .desc("build leaflets whose translation has gaps anyway, the gaps in English, every page marked DRAFT").get());
        define("format", () -> Option.builder().longOpt("format").hasArg().argName("FORMAT")
                .desc("text (default) or json (the whole report, on standard output)").get());
        define("force", () -> Option.builder().longOpt("force").desc("rebuild PDFs that are up to date").get());
        define("update", () -> Option.builder().longOpt("update")
                .desc("add the entries an existing bundle lacks, keeping every text, note, state and comment it has").get());
        define("overwrite", () -> Option.builder().longOpt("overwrite")
                .desc("start an existing bundle again from scratch, keeping the old file as <tag>.yaml.<n>.bak").get());
        define("jobs", () -> Option.builder().longOpt("jobs").hasArg().argName("N")
                .desc("leaflets built at once, 1 to 256 (default: one per processor; the bytes are the same)").get());
        define("shard", () -> Option.builder().longOpt("shard").hasArg().argName("K/N")
                .desc("only shard K of N (a stable split of the languages x leaflets, for CI matrices)").get());
        define("tags", () -> Option.builder().longOpt("tags").desc("print the tag tree of one FILE, in the order a screen reader reads it").get());
        define("port", () -> Option.builder().longOpt("port").hasArg().argName("N").desc("the port, 0 to 65535 (default 8377; 0 picks a free one)").get());
        define("expose", () -> Option.builder().longOpt("expose")
                .desc("allow a --host other computers can reach; prints a warning and an address with an access token").get());
        define("host", () -> Option.builder().longOpt("host").hasArg().argName("ADDRESS")
                .desc("the address to listen on (default 127.0.0.1: this computer only)").get());
        define("runs", () -> Option.builder().longOpt("runs").hasArg().argName("N").desc("timed runs of each cold figure; 0 skips them and serve (default 5)").get());
        define("rounds", () -> Option.builder().longOpt("rounds").hasArg().argName("N").desc("measured JMH iterations of 1 s for the warm figures; 0 skips them (default 5)").get());
        define("scale", () -> Option.builder().longOpt("scale").hasArg().argName("N")
                .desc("leaflets in the largest synthetic matrix (default 1000; 0 skips it)").get());
        define("pages", () -> Option.builder().longOpt("pages").hasArg().argName("LIST").desc("pages to render, e.g. 1 or 1,3-4 (default: all)").get());
        define("dpi", () -> Option.builder().longOpt("dpi").hasArg().argName("N").desc("resolution of the images, 20 to 600 (default: 110)").get());
        define("strict", () -> Option.builder().longOpt("strict")
                .desc("fail (exit 1) on a warning about what was asked for, as on an error").get());
        define("no-progress", () -> Option.builder().longOpt("no-progress")
                .desc("no progress bar (there is none when the output is not a terminal, or NO_COLOR is set)").get());
        define("root", () -> Option.builder().longOpt("root").hasArg().argName("DIR")
                .desc("the project folder with content/, translations/ and fonts/ (default: the launcher's folder)").get());
        define("quiet", () -> Option.builder("q").longOpt("quiet").desc("print errors only").get());
        define("verbose", () -> Option.builder("v").longOpt("verbose").desc("print more: each leaflet, with timings").get());
        define("debug", () -> Option.builder().longOpt("debug").desc("show the stack trace of an internal error").get());
        define("help", () -> Option.builder("h").longOpt("help").desc("show this help").get());
    }

    /** What every command takes. */
    static final List<String> COMMON = List.of("root", "quiet", "verbose", "debug", "help");

    private static final String BUILD_EXITS = "0 built (or up to date); 1 content or translations have errors, or a warning with --strict"
            + " (nothing wrong is written; a PDF that cannot be rebuilt is kept and marked stale in manifest.json); 2 usage error";

    static final Map<String, Command> ALL = new LinkedHashMap<>();

    private static void command(Command c) {
        ALL.put(c.name(), c);
    }

    static {
        command(new Command("build", "[options]",
                "builds patient leaflets as PDFs, every leaflet in every language into <out>/<lang>/<leaflet>.pdf",
                List.of("lang", "leaflet", "out", "paper", "region", "justify", "clinic", "draft", "jobs", "force", "shard", "strict", "no-progress"),
                0, "", BUILD_EXITS));
        command(new Command("watch", "[options]",
                "builds as build does, then again each time a file under content/, translations/, clinics/ or fonts/ is saved (Ctrl-C to stop)",
                List.of("lang", "leaflet", "out", "paper", "region", "justify", "clinic", "draft", "jobs"),
                0, "", "runs until stopped; 2 usage error"));
        command(new Command("preview", "--lang TAGS --leaflet IDS [options]",
                "renders pages of the chosen leaflets to PNG in <out>/<lang>/<leaflet>-p<N>.png (default output/preview)",
                List.of("lang", "leaflet", "out", "paper", "region", "justify", "clinic", "pages", "dpi", "strict"),
                0, "", "0 rendered; 1 errors in what was asked for (or a warning with --strict); 2 usage error, or no page asked for exists"));
        command(new Command("check", "[--lang TAGS] [--format text|json] [--strict]",
                "lists every problem of the bundles (errors and warnings) with file, line, key and a hint",
                List.of("lang", "format", "strict"), 0, "", "0 no errors; 1 errors (or warnings with --strict); 2 usage error"));
        command(new Command("status", "[--out DIR]",
                "a table of languages and leaflets (translated, stale, missing, review), also written as <out>/status.json",
                List.of("out"), 0, "", "0 always, unless the project cannot be read (1) or the usage is wrong (2)"));
        command(new Command("init", "TAG [--update|--overwrite]",
                "writes translations/TAG.yaml with every English string to translate",
                List.of("update", "overwrite"), 1, "TAG", "0 written; 1 the bundle exists (without --update or --overwrite); 2 usage error"));
        command(new Command("accept", "--lang TAG [KEY...]",
                "records that entries were updated to the current English (all stale ones, or the KEYs named)",
                List.of("lang-one"), Integer.MAX_VALUE, "KEY", "0 accepted; 1 the bundle has errors; 2 usage error"));
        command(new Command("export-xliff", "--lang TAG [--out FILE]",
                "writes the bundle as XLIFF 2.0 for translation tools (default file output/xliff/TAG.xlf)",
                List.of("lang", "out-file"), 0, "", "0 written; 1 the bundle has errors; 2 usage error"));
        command(new Command("import-xliff", "FILE [--format text|json] [--strict]",
                "reads an XLIFF 2.0 file back into its bundle, checking every target as check does",
                List.of("format", "strict"), 1, "FILE", "0 imported; 1 nothing could be imported, or a warning with --strict; 2 usage error"));
        command(new Command("export-po", "--lang TAG [--out FILE]",
                "writes the bundle as gettext PO for Weblate, Poedit and the like (default file output/po/TAG.po; docs/po.md)",
                List.of("lang", "out-file"), 0, "", "0 written; 1 the bundle has errors; 2 usage error"));
        command(new Command("import-po", "FILE [--format text|json] [--strict]",
                "reads a PO file back into its bundle, checking every entry as check does",
                List.of("format", "strict"), 1, "FILE", "0 imported; 1 nothing could be imported, or a warning with --strict; 2 usage error"));
        command(new Command("verify", "[FILE...] [--out DIR] [--clinic ID] | --tags FILE",
                "checks built PDFs (default: all in <out>): text and tags in reading order, fonts, layout, PDF/UA-1, PDF/A-2u;"
                        + " each PDF names its language and leaflet in its own metadata",
                List.of("out", "clinic", "tags"), Integer.MAX_VALUE, "FILE", "0 every PDF passed; 1 one failed; 2 usage error"));
        command(new Command("merge", "SHARD_DIR... [--out DIR]",
                "merges the output folders of a CI matrix's shards (build --shard K/N) into one, as a single build writes it:"
                        + " the PDFs and the manifests of every edition, each PDF checked against its shard's manifest",
                List.of("out"), Integer.MAX_VALUE, "SHARD_DIR", "0 merged; 1 a shard's manifest or PDF is wrong, or two shards disagree (nothing is written); 2 usage error"));
        command(new Command("bench", "[--runs N] [--rounds N] [--scale N]",
                "measures cold and warm build times, memory, PDF sizes, serve and a 1,000-leaflet matrix against their targets (see BENCHMARKS.md)",
                List.of("runs", "rounds", "scale"), 0, "", "0 measured; 1 a build failed; 2 usage error"));
        command(new Command("serve", "[--port N] [--host ADDRESS [--expose]]",
                "a local web page to build, preview and download leaflets (http://127.0.0.1:8377/)",
                List.of("port", "host", "expose"), 0, "", "runs until stopped; 1 it cannot listen; 2 usage error"));
    }

    /** The options that take a value, by every name they are written with ({@code --lang}, {@code -l}). */
    static Set<String> valued() {
        java.util.HashSet<String> out = new java.util.HashSet<>();
        for (Supplier<Option> s : CATALOGUE.values()) {
            Option o = s.get();
            if (o.hasArg()) {
                if (o.getLongOpt() != null) {
                    out.add("--" + o.getLongOpt());
                }
                if (o.getOpt() != null) {
                    out.add("-" + o.getOpt());
                }
            }
        }
        return out;
    }

    /** The commands that take an option (by its long name), for "it is an option of preview". */
    static List<String> owners(String longName) {
        List<String> out = new ArrayList<>();
        for (Command c : ALL.values()) {
            for (String n : c.options()) {
                if (longName.equals(CATALOGUE.get(n).get().getLongOpt())) {
                    out.add(c.name());
                    break;
                }
            }
        }
        return out;
    }

    /** {@code handout --help}: the commands, one line each. */
    static void overview(PrintStream to) {
        to.println("usage: handout COMMAND [options]   (handout COMMAND --help for its options)");
        to.println();
        int width = ALL.keySet().stream().mapToInt(String::length).max().orElse(8);
        for (Command c : ALL.values()) {
            to.printf(java.util.Locale.ROOT, "  %-" + width + "s  %s%n", c.name(), c.about());
        }
        to.println();
        to.println("handout --version prints the version, the build's commit and date, Java's and the libraries' versions.");
        to.flush();
    }

    /** {@code handout COMMAND --help}: its usage, what it does, its options and its exit codes. */
    static void help(Command c, PrintStream to) {
        TextHelpAppendable text = new TextHelpAppendable(to);
        text.setMaxWidth(100);
        HelpFormatter f = HelpFormatter.builder().setHelpAppendable(text).setShowSince(false).get();
        try {
            f.printHelp("handout " + c.name() + " " + c.synopsis(), c.about() + ".", c.parserOptions(), "Exit status: " + c.exits() + ".", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        to.flush();
    }

    static String usage(Command c) {
        return "usage: handout " + c.name() + " " + c.synopsis() + "\n       handout " + c.name() + " --help";
    }
}
