package org.handout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.report.Problem;
import org.handout.verify.PdfReadBack;
import org.handout.verify.TagTree;
import org.handout.verify.Verifier;

/** {@code verify}: one line per PDF, for CI after a build; {@code verify --tags FILE}: the tag tree a screen reader reads. */
final class VerifyCommand {
    private VerifyCommand() {
    }

    static int verify(Workspace ws, List<String> files, Path outputRoot, java.util.Optional<Path> clinicFile, PrintStream out,
                      PrintStream err) {
        Project project = Project.load(ws);
        if (!project.usable()) {
            project.problems().stream().filter(Problem::isError).forEach(p -> err.println(p.formatLong()));
            return 1;
        }
        java.util.Optional<org.handout.clinic.Clinic> clinic = java.util.Optional.empty();
        Path output = outputRoot;
        if (clinicFile.isPresent()) {
            org.handout.report.Problems problems = new org.handout.report.Problems();
            clinic = org.handout.clinic.ClinicLoader.load(clinicFile.get(), clinicFile.get().getFileName().toString(), problems);
            if (clinic.isEmpty()) {
                problems.sorted().forEach(p -> err.println(p.formatLong()));
                return 1;
            }
            output = org.handout.build.Pipeline.clinicOutput(outputRoot, clinic.get().id());
        }
        Verifier verifier = new Verifier(project, clinic);
        try {
            List<Path> pdfs = new ArrayList<>();
            boolean fromFolder = files.isEmpty();
            if (fromFolder) {
                pdfs.addAll(verifier.builtFiles(output));
            } else {
                for (String f : files) {
                    Path p = Path.of(f).toAbsolutePath();
                    if (!Files.isRegularFile(p)) {
                        err.println("handout: no such file: " + f);
                        return 2;
                    }
                    pdfs.add(p);
                }
            }
            if (pdfs.isEmpty()) {
                err.println("handout: no leaflets in " + output + " (run handout build first)");
                return 1;
            }
            int failed = 0;
            for (Path pdf : pdfs) {
                // a file of the output folder should be what its place says; a file named on the command line is what it says it is
                Verifier.Verdict v = verifier.verify(pdf, fromFolder
                        ? java.util.Optional.of(pdf.getParent().getFileName() + "/" + pdf.getFileName().toString().replaceFirst("\\.pdf$", ""))
                        : java.util.Optional.empty());
                String name = pdf.getParent().getFileName() + "/" + pdf.getFileName();
                if (v.ok()) {
                    out.printf(Locale.ROOT, "ok    %-24s %d page%s: %s%n", name, v.pages(), v.pages() == 1 ? "" : "s", String.join(", ", v.passed()));
                } else {
                    failed++;
                    out.printf(Locale.ROOT, "FAIL  %-24s %s%n", name, v.failures().get(0));
                    v.failures().subList(1, v.failures().size()).forEach(f -> out.printf(Locale.ROOT, "      %-24s %s%n", "", f));
                }
            }
            out.printf(Locale.ROOT, "%d of %d PDFs verified%n", pdfs.size() - failed, pdfs.size());
            return failed == 0 ? 0 : 1;
        } catch (IOException e) {
            err.println("handout: cannot read: " + e.getMessage());
            return 1;
        }
    }

    static int tags(List<String> files, PrintStream out, PrintStream err) {
        if (files.size() != 1) {
            err.println("handout: verify --tags takes one PDF, e.g. handout verify --tags output/ar/symptoms.pdf");
            return 2;
        }
        Path file = Path.of(files.get(0));
        if (!Files.isRegularFile(file)) {
            err.println("handout: no such file: " + file);
            return 2;
        }
        try {
            List<TagTree.Node> tags = PdfReadBack.read(file).tags();
            if (tags.isEmpty()) {
                err.println("handout: " + file + " has no tag tree: a screen reader cannot read it");
                return 1;
            }
            tags.forEach(n -> out.println(n.line()));
            return 0;
        } catch (IOException e) {
            err.println("handout: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
