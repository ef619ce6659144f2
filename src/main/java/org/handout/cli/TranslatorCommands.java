package org.handout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.i18n.Bundle;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.handout.workflow.BundleWriter;
import org.handout.workflow.Json;
import org.handout.workflow.Po;
import org.handout.workflow.Translators;
import org.handout.workflow.Xliff;

/**
 * The translator's commands: {@code check}, {@code status}, {@code init}, {@code accept},
 * {@code export-xliff}, {@code import-xliff}, {@code export-po} and {@code import-po}. Each loads the project, calls the workflow
 * package and prints; the exit code is 0 when fine (warnings allowed), 1 on errors, 2 on misuse.
 */
final class TranslatorCommands {
    private final Workspace ws;
    private final PrintStream out;
    private final PrintStream err;

    TranslatorCommands(Workspace ws, PrintStream out, PrintStream err) {
        this.ws = ws;
        this.out = out;
        this.err = err;
    }

    /** Problems that concern the chosen languages (all when none is chosen) or everything (content, fonts). */
    private static List<Problem> relevant(Project project, List<String> langs) {
        List<Problem> out = new ArrayList<>();
        for (Problem p : project.problems()) {
            boolean bundle = p.file().startsWith("translations/");
            if (!bundle || langs.isEmpty() || langs.stream().anyMatch(t -> p.file().equals("translations/" + t + ".yaml"))) {
                out.add(p);
            }
        }
        return out;
    }

    int check(List<String> langs, String format, boolean strict) {
        if (!format.equals("text") && !format.equals("json")) {
            err.println("handout: --format must be text or json, not '" + format + "'");
            return 2;
        }
        Project project = Project.load(ws);
        for (String tag : langs) {
            if (!project.languageTags().contains(tag)) {
                err.println("handout: no bundle translations/" + tag + ".yaml"
                        + org.handout.i18n.Suggestions.didYouMean(org.handout.i18n.Suggestions.language(tag, project.languageTags()))
                        + " (the languages are " + String.join(", ", project.languageTags()) + "; handout init " + tag + " starts one)");
                return 2;
            }
        }
        List<Problem> problems = relevant(project, langs);
        long errors = problems.stream().filter(Problem::isError).count();
        if (format.equals("json")) {
            out.print(Json.problems(problems));
        } else {
            for (Problem p : problems) {
                out.println(p.formatLong());
            }
            List<String> tags = langs.isEmpty() ? project.languageTags().subList(1, project.languageTags().size()) : langs;
            for (String tag : tags) {
                String file = "translations/" + tag + ".yaml";
                long e = problems.stream().filter(p -> p.file().equals(file) && p.isError()).count();
                long w = problems.stream().filter(p -> p.file().equals(file) && !p.isError()).count();
                out.printf(Locale.ROOT, "%-8s %s%n", tag, e + w == 0 ? "ok" : e + " error" + (e == 1 ? "" : "s") + ", " + w + " warning" + (w == 1 ? "" : "s"));
            }
        }
        long warnings = problems.size() - errors;
        if (strict && errors == 0 && warnings > 0) {
            err.printf(Locale.ROOT, "handout: --strict: %d warning%s fail%s the check%n", warnings, warnings == 1 ? "" : "s", warnings == 1 ? "s" : "");
            return 1;
        }
        return errors > 0 ? 1 : 0;
    }

    int status(Path outputDir) {
        Project project = Project.load(ws);
        if (!project.usable() || project.languages() == null) {
            project.problems().stream().filter(Problem::isError).forEach(p -> err.println(p.formatLong()));
            return 1;
        }
        Translators t = new Translators(ws, project);
        List<Translators.Cell> cells = t.status();
        List<String> leaflets = project.content().leafletIds();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-9s", "language"));
        for (String l : leaflets) {
            head.append(String.format(Locale.ROOT, "%-20s", l));
        }
        out.println(head.append("review"));
        Map<String, List<Translators.Cell>> byLang = new LinkedHashMap<>();
        cells.forEach(c -> byLang.computeIfAbsent(c.language(), k -> new ArrayList<>()).add(c));
        for (Map.Entry<String, List<Translators.Cell>> e : byLang.entrySet()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-9s", e.getKey()));
            for (Translators.Cell c : e.getValue()) {
                String s = c.percent() + "%" + (c.stale() > 0 ? " " + c.stale() + " stale" : "")
                        + (c.missing() > 0 ? " " + c.missing() + " missing" : "");
                row.append(String.format(Locale.ROOT, "%-20s", s));
            }
            out.println(row.append(e.getValue().get(0).review()));
        }
        StringBuilder json = new StringBuilder("{\n  \"edition\": ").append(Json.string(t.edition().toString()))
                .append(",\n  \"languages\": [");
        boolean firstLang = true;
        for (Map.Entry<String, List<Translators.Cell>> e : byLang.entrySet()) {
            json.append(firstLang ? "\n" : ",\n").append("    {\"language\": ").append(Json.string(e.getKey()))
                    .append(", \"review\": ").append(Json.string(e.getValue().get(0).review())).append(", \"leaflets\": {");
            firstLang = false;
            boolean firstLeaflet = true;
            for (Translators.Cell c : e.getValue()) {
                json.append(firstLeaflet ? "" : ", ").append(Json.string(c.leaflet())).append(": {\"strings\": ").append(c.strings())
                        .append(", \"translated\": ").append(c.translated()).append(", \"stale\": ").append(c.stale())
                        .append(", \"missing\": ").append(c.missing()).append(", \"percent\": ").append(c.percent()).append('}');
                firstLeaflet = false;
            }
            json.append("}}");
        }
        Map<String, String> staleOutputs = org.handout.build.Manifest.staleIn(outputDir);
        json.append("\n  ],\n  \"staleOutputs\": {");
        boolean firstStale = true;
        for (Map.Entry<String, String> e : staleOutputs.entrySet()) {
            json.append(firstStale ? "\n    " : ",\n    ").append(Json.string(e.getKey())).append(": ").append(Json.string(e.getValue()));
            firstStale = false;
        }
        json.append(staleOutputs.isEmpty() ? "}\n}\n" : "\n  }\n}\n");
        staleOutputs.forEach((path, reason) -> out.println("STALE in output/: " + path + " (" + reason + ")"));
        try {
            Files.createDirectories(outputDir);
            BundleWriter.write(outputDir.resolve("status.json"), json.toString());
        } catch (IOException e) {
            err.println("handout: cannot write " + outputDir.resolve("status.json") + ": " + e.getMessage());
            return 1;
        }
        out.println("written: " + outputDir.resolve("status.json"));
        return 0;
    }

    int init(List<String> args, Translators.InitMode mode) {
        if (args.size() != 1) {
            err.println("handout: init takes one language tag, e.g. handout init pt-BR");
            return 2;
        }
        Project project = Project.load(ws);
        if (!project.usable()) {
            project.problems().stream().filter(Problem::isError).forEach(p -> err.println(p.formatLong()));
            return 1;
        }
        Problems problems = new Problems();
        try {
            Optional<Translators.Initialised> done = new Translators(ws, project).init(args.get(0), mode, problems);
            problems.sorted().forEach(p -> err.println(p.formatLong()));
            if (done.isEmpty()) {
                return problems.sorted().stream().anyMatch(p -> p.file().isEmpty()) ? 2 : 1;
            }
            Path file = done.get().file();
            String shown = ws.root().toAbsolutePath().relativize(file.toAbsolutePath()).toString();
            done.get().backup().ifPresent(b -> out.println("kept the old bundle as "
                    + ws.root().toAbsolutePath().relativize(b.toAbsolutePath())));
            if (mode == Translators.InitMode.UPDATE) {
                out.println(done.get().added().isEmpty() ? "nothing to add: " + shown + " has every entry"
                        : "added " + done.get().added().size() + " entr" + (done.get().added().size() == 1 ? "y" : "ies")
                        + " at the end of " + shown + " (state: initial); everything else is as it was");
            } else {
                out.println("written: " + shown);
            }
            out.println("next: translate each 'text', then run handout check --lang " + file.getFileName().toString().replace(".yaml", ""));
            return 0;
        } catch (IOException e) {
            err.println("handout: cannot write the bundle: " + e.getMessage());
            return 1;
        }
    }

    int accept(List<String> langs, List<String> keys) {
        if (langs.size() != 1) {
            err.println("handout: accept needs one --lang, e.g. handout accept --lang de staging.outlook.cured");
            return 2;
        }
        Project project = Project.load(ws);
        Problems problems = new Problems();
        try {
            List<String> accepted = new Translators(ws, project).accept(langs.get(0), keys, problems);
            problems.sorted().forEach(p -> err.println(p.formatLong()));
            if (problems.hasErrors()) {
                return 1;
            }
            accepted.forEach(k -> out.println("accepted " + k + ": translated from the current English"));
            out.println(accepted.size() + " entr" + (accepted.size() == 1 ? "y" : "ies") + " updated in translations/" + langs.get(0) + ".yaml");
            return 0;
        } catch (IOException e) {
            err.println("handout: cannot write the bundle: " + e.getMessage());
            return 1;
        }
    }

    /**
     * A translation-tool format: its command names, what a file of it is called, its suffix and
     * output folder, how to recognise a file of it (an export never overwrites anything else),
     * and how to write and read it.
     */
    private record Exchange(String name, String what, String called, String suffix, java.util.function.Predicate<String> looksLikeOne,
                            Exporter exporter, Importer importer) {
    }

    @FunctionalInterface
    private interface Exporter {
        void export(Workspace ws, Project project, Bundle bundle, Path file) throws IOException;
    }

    @FunctionalInterface
    private interface Importer {
        Optional<Xliff.Imported> read(Workspace ws, Project project, Path file, String shown, Problems problems)
                throws IOException;
    }

    private static final Exchange XLIFF = new Exchange("xliff", "an XLIFF file", "the XLIFF", "xlf", start -> start.contains("<xliff"),
            (ws, project, bundle, file) -> new Xliff(ws, project).exportTo(bundle, file),
            (ws, project, file, shown, problems) -> new Xliff(ws, project).importFrom(file, shown, problems));
    /** A PO file has a msgid line near its start (after the header's comments). */
    private static final Exchange PO = new Exchange("po", "a PO file", "the PO file", "po", start -> start.matches("(?s)(.*\n)?msgid \".*"),
            (ws, project, bundle, file) -> new Po(ws, project).exportTo(bundle, file),
            (ws, project, file, shown, problems) -> new Po(ws, project).importFrom(file, shown, problems));

    int exportXliff(List<String> langs, Optional<Path> to) {
        return export(XLIFF, langs, to);
    }

    int exportPo(List<String> langs, Optional<Path> to) {
        return export(PO, langs, to);
    }

    int importXliff(List<String> args, String format, boolean strict) {
        return importFrom(XLIFF, args, format, strict);
    }

    int importPo(List<String> args, String format, boolean strict) {
        return importFrom(PO, args, format, strict);
    }

    /** How many problems an import prints as text; the rest are counted (the JSON report has them all). */
    static final int SHOWN_PROBLEMS = 40;

    /** {@code export-<format> --lang X [--out FILE]}: one bundle in the format, to output/<format>/X.<suffix> by default. */
    private int export(Exchange f, List<String> langs, Optional<Path> to) {
        if (langs.size() != 1) {
            err.println("handout: export-" + f.name() + " needs one --lang, e.g. handout export-" + f.name() + " --lang de");
            return 2;
        }
        if (to.isPresent()) {
            Optional<String> refused = notAnExportTarget(to.get(), f.what(), f.looksLikeOne());
            if (refused.isPresent()) {
                err.println("handout: export-" + f.name() + " --out " + to.get() + ": " + refused.get() + "; nothing was written");
                err.println("    hint: write " + f.called() + " somewhere else, e.g. --out "
                        + langs.get(0) + "." + f.suffix());
                return 2;
            }
        }
        Project project = Project.load(ws);
        Optional<Bundle> bundle = project.languages() == null ? Optional.empty()
                : project.languages().bundle(langs.get(0)).filter(b -> !b.isSource());
        if (bundle.isEmpty()) {
            err.println("handout: no bundle for '" + langs.get(0) + "' that loads; handout check --lang " + langs.get(0) + " says why");
            return 1;
        }
        Path file = to.orElse(ws.output().resolve(f.name()).resolve(langs.get(0) + "." + f.suffix()));
        try {
            f.exporter().export(ws, project, bundle.get(), file);
        } catch (IOException e) {
            err.println("handout: cannot write " + file + ": " + e.getMessage());
            return 1;
        }
        out.println("written: " + file);
        return 0;
    }

    /**
     * {@code import-<format> FILE [--format text|json]}: its entries into the bundle its language
     * names. As text: the problems (the first {@link #SHOWN_PROBLEMS}, then how many more) and
     * one line of counts; as JSON, the whole report ({@code schemas/import-report.schema.json}).
     */
    private int importFrom(Exchange f, List<String> args, String format, boolean strict) {
        if (!format.equals("text") && !format.equals("json")) {
            err.println("handout: --format must be text or json, not '" + format + "'");
            return 2;
        }
        if (args.size() != 1) {
            err.println("handout: import-" + f.name() + " takes one file, e.g. handout import-" + f.name() + " de." + f.suffix());
            return 2;
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            err.println("handout: no such file: " + file);
            return 2;
        }
        Project project = Project.load(ws);
        Problems problems = new Problems();
        Optional<Xliff.Imported> r;
        try {
            r = f.importer().read(ws, project, file, args.get(0), problems);
        } catch (IOException e) {
            err.println("handout: cannot read or write: " + e.getMessage());
            return 1;
        }
        List<Problem> sorted = problems.sorted();
        if (format.equals("json")) {
            out.print(Json.importReport(args.get(0), f.name(), r, sorted));
        } else {
            sorted.stream().limit(SHOWN_PROBLEMS).forEach(p -> err.println(p.formatLong()));
            if (sorted.size() > SHOWN_PROBLEMS) {
                List<Problem> rest = sorted.subList(SHOWN_PROBLEMS, sorted.size());
                long e = rest.stream().filter(Problem::isError).count();
                err.printf(Locale.ROOT, "... and %d more problem%s (%d error%s, %d warning%s): handout import-%s %s --format json lists every one%n",
                        rest.size(), rest.size() == 1 ? "" : "s", e, e == 1 ? "" : "s", rest.size() - e, rest.size() - e == 1 ? "" : "s",
                        f.name(), args.get(0));
            }
            r.ifPresent(i -> out.printf(Locale.ROOT, "%s: %d updated, %d unchanged, %d stale, %d rejected%n", i.tag(), i.updated().size(),
                    i.unchanged().size(), i.stale().size(), i.rejected().size()));
        }
        // --strict: a warning (a unit marked reviewed by the tool, English copied into a target...) fails it too
        return r.isEmpty() || problems.hasErrors() || (strict && !problems.sorted().isEmpty()) ? 1 : 0;
    }

    /**
     * Why an export ({@code export-xliff}, {@code export-po}) must not write to a file, if it must
     * not: inside the project's inputs (a bundle, the content, the fonts, the clinics), or over a
     * file that is not of the export's format (by its first 2,048 bytes: {@code ours}).
     */
    private Optional<String> notAnExportTarget(Path file, String format, java.util.function.Predicate<String> ours) {
        Path f = file.toAbsolutePath().normalize();
        for (Path dir : List.of(ws.translations(), ws.content(), ws.fonts(), ws.clinics())) {
            if (f.startsWith(dir.toAbsolutePath().normalize())) {
                return Optional.of("it is inside " + ws.root().relativize(dir) + "/, the project's own files (a bundle there is a translator's work)");
            }
        }
        if (Files.isDirectory(f)) {
            return Optional.of("it is a folder");
        }
        if (Files.exists(f)) {
            try (var in = Files.newInputStream(f)) {
                String start = new String(in.readNBytes(2048), java.nio.charset.StandardCharsets.UTF_8);
                if (!ours.test(start)) {
                    return Optional.of("it exists and is not " + format);
                }
            } catch (IOException e) {
                return Optional.of("it cannot be read: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

}
