package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.handout.clinic.Clinic;
import org.handout.clinic.ClinicLoader;
import org.handout.report.Problems;
import org.handout.testing.TestProject;
import org.handout.verify.Conformance;
import org.handout.verify.PdfReadBack;
import org.handout.verify.TagTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clinic's edition: its name on every leaflet in every language, its card, hours and logo. */
class ClinicEditionTest {
    @TempDir
    static Path out;
    static BuildReport report;
    static Clinic clinic;
    static Project project;

    @BeforeAll
    static void build() {
        Workspace ws = new Workspace(TestProject.REAL);
        report = new Pipeline(ws, new PrintStream(OutputStream.nullOutputStream()))
                .build(new BuildOptions(List.of(), List.of(), out).withClinic(Optional.of(ws.clinics().resolve("riverside.yaml"))));
        clinic = ClinicLoader.load(ws.clinics().resolve("riverside.yaml"), "clinics/riverside.yaml", new Problems()).orElseThrow();
        project = Project.load(ws);
    }

    @Test
    void theClinicIsOnEveryLeafletInEveryLanguageInThatLanguage() throws IOException {
        assertEquals(org.handout.testing.TestProject.PDF_COUNT, report.written().size(), report.problems().toString());
        for (String lang : project.languageTags()) {
            String name = PdfReadBack.comparable(clinic.name(lang).value());
            for (String leaflet : project.content().leafletIds()) {
                PdfReadBack pdf = PdfReadBack.read(out.resolve("clinics/riverside").resolve(lang).resolve(leaflet + ".pdf"));
                for (PdfReadBack.PageText page : pdf.pages()) {
                    assertTrue(PdfReadBack.comparable(page.furniture()).contains(name + "·217-555-0142"),
                            lang + "/" + leaflet + ": the footer lacks the clinic: " + page.furniture());
                }
                assertEquals(List.of(), org.handout.verify.InsideTextArea.failures(pdf), lang + "/" + leaflet + ": outside the text area");
                List<TagTree.Node> figures = pdf.tags().stream().filter(n -> n.type().equals("Figure")).toList();
                long own = figures(project, leaflet);
                assertEquals(1 + own, figures.size(), lang + "/" + leaflet + ": the logo is one figure, beside the leaflet's own");
            }
            PdfReadBack contacts = PdfReadBack.read(out.resolve("clinics/riverside").resolve(lang).resolve("contacts.pdf"));
            String body = PdfReadBack.comparable(contacts.body());
            String hours = PdfReadBack.comparable(clinic.hours(project.languages().resolve(lang).formatLocale(), lang).orElseThrow());
            assertTrue(body.indexOf(name) >= 0 && body.indexOf(name) < body.indexOf(PdfReadBack.comparable("National Cancer Institute")),
                    lang + ": the clinic's card comes first on the contact sheet");
            assertTrue(body.contains(hours), lang + ": the hours «" + hours + "» are on the card");
        }
    }

    @Test
    void aClinicsEditionIsStillPdfUaAndPdfA() throws IOException {
        for (String f : List.of("ar/contacts.pdf", "ja/overview.pdf", "en/symptoms.pdf")) {
            Path pdf = out.resolve("clinics/riverside").resolve(f);
            for (Conformance.Standard s : Conformance.Standard.values()) {
                assertEquals(List.of(), Conformance.check(pdf, s), f + " " + s.label());
            }
        }
        // German has a name of its own; a language without one shows the English name, marked as English
        PdfReadBack de = PdfReadBack.read(out.resolve("clinics/riverside/de/overview.pdf"));
        assertTrue(PdfReadBack.comparable(de.pages().get(0).furniture()).contains("KrebsambulanzdesRiverside-Kinderkrankenhauses"));
        assertTrue(de.pages().stream().flatMap(p -> p.spans().stream()).noneMatch(s -> s.text().contains("Children's Hospital")),
                "the English name is not on the German leaflet");
        TestProject p = TestProject.copyInto(out.resolve("project"));
        p.replace("clinics/riverside.yaml", "  ko: {name: \"리버사이드 어린이병원 암 클리닉\"}\n", "");
        Workspace ws = new Workspace(p.root());
        Path ko = out.resolve("ko");
        new Pipeline(ws, new PrintStream(OutputStream.nullOutputStream())).build(new BuildOptions(List.of("ko"), List.of("overview"), ko)
                .withClinic(Optional.of(ws.clinics().resolve("riverside.yaml"))));
        PdfReadBack korean = PdfReadBack.read(ko.resolve("clinics/riverside/ko/overview.pdf"));
        assertTrue(korean.pages().get(0).spans().stream().anyMatch(s -> "en".equals(s.lang())
                && s.text().equals("Riverside Children's Hospital Cancer Clinic")), "the English name, marked as English");
    }

    /** The figures and QR codes a leaflet has of its own, in its composed English. */
    private static long figures(Project project, String leaflet) {
        org.handout.doc.Leaflet doc = project.compose(leaflet, project.languages().resolve("en"), new org.handout.report.Problems()).orElseThrow();
        return count(doc.blocks());
    }

    private static long count(List<org.handout.doc.Block> blocks) {
        long n = 0;
        for (org.handout.doc.Block b : blocks) {
            n += (b instanceof org.handout.doc.Block.Figure || b instanceof org.handout.doc.Block.Qr ? 1 : 0) + count(b.children());
        }
        return n;
    }
}
