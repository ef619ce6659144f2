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
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDObjectReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.handout.verify.PdfReadBack;
import org.handout.verify.TagTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A clinic writes a leaflet of its own, {@code src/test/resources/new-leaflet/content/visit.yaml},
 * with a four-column table, a numbered list with a nested bulleted list, a figure with alt text, a
 * link, a QR code, strong and emphasised words and a checklist, and translates it into Arabic and
 * Hindi: it builds from the YAML alone, passes {@code verify} (PDF/UA-1, PDF/A-2u, text and tags
 * read back), and each block has the tags a screen reader needs.
 */
class NewLeafletFromYamlAloneTest {
    private static final Path FIXTURE = Path.of("src/test/resources/new-leaflet");
    @TempDir
    static Path dir;
    private static Path out;

    @BeforeAll
    static void build() throws IOException {
        Path root = dir.resolve("project");
        Files.createDirectories(root.resolve("content"));
        Files.createDirectories(root.resolve("translations"));
        Files.writeString(root.resolve("content/common.yaml"), Files.readString(Path.of("content/common.yaml"))
                .replaceFirst("(?m)^leaflets: .*$", "leaflets: [visit]"));
        for (String f : List.of("content/visit.yaml", "content/map.png", "translations/ar.yaml", "translations/hi.yaml")) {
            Files.copy(FIXTURE.resolve(f), root.resolve(f));
        }
        Files.createSymbolicLink(root.resolve("fonts"), Path.of("fonts").toAbsolutePath());
        out = dir.resolve("out");
        String[] said = run("build", "--root", root.toString(), "--out", out.toString());
        assertEquals("0", said[0], said[2]);
        String[] verify = run("verify", "--root", root.toString(), out.resolve("en/visit.pdf").toString(),
                out.resolve("ar/visit.pdf").toString(), out.resolve("hi/visit.pdf").toString());
        assertEquals("0", verify[0], verify[1] + verify[2]);
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    private static List<String> types(String lang) throws IOException {
        return PdfReadBack.read(out.resolve(lang + "/visit.pdf")).tags().stream().map(TagTree.Node::type).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ar", "hi"})
    void theTableHasColumnHeadersAndRowHeadersWithTheirScope(String lang) throws IOException {
        List<TagTree.Node> tags = PdfReadBack.read(out.resolve(lang + "/visit.pdf")).tags();
        assertEquals(4, tags.stream().filter(n -> n.type().equals("TH") && n.scope().equals("Column")).count(), "four column headers");
        assertEquals(2, tags.stream().filter(n -> n.type().equals("TH") && n.scope().equals("Row")).count(), "a row header per row");
        assertEquals(3, tags.stream().filter(n -> n.type().equals("TR")).count(), "the head row and two rows");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ar", "hi"})
    void theNumberedListIsNumberedAndHoldsItsNestedListInsideAnItem(String lang) throws IOException {
        List<TagTree.Node> tags = PdfReadBack.read(out.resolve(lang + "/visit.pdf")).tags();
        List<String> labels = tags.stream().filter(n -> n.type().equals("Lbl")).map(n -> n.text().strip()).toList();
        assertTrue(labels.containsAll(List.of("1.", "2.", "3.")), "numbered labels, in order: " + labels);
        // the nested list is deeper than the list it is in, inside the second item's body
        int outer = tags.stream().filter(n -> n.type().equals("L")).mapToInt(TagTree.Node::depth).min().orElseThrow();
        assertTrue(tags.stream().anyMatch(n -> n.type().equals("L") && n.depth() == outer + 3), "L > LI > LBody > L");
        try (PDDocument d = Loader.loadPDF(out.resolve(lang + "/visit.pdf").toFile())) {
            List<String> numbering = new ArrayList<>();
            walk(d.getDocumentCatalog().getStructureTreeRoot().getKids(), e -> {
                if (e.getStructureType().equals("L") && e.getCOSObject().getDictionaryObject(COSName.A) instanceof COSDictionary a
                        && a.getDictionaryObject(COSName.getPDFName("ListNumbering")) instanceof COSName n) {
                    numbering.add(n.getName());
                }
            });
            assertEquals(List.of("Decimal"), numbering, "the numbered list, and only it, says its labels are decimal numbers");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ar", "hi"})
    void theFigureAndTheQrCodeAreFiguresWithAltTextAndCaptions(String lang) throws IOException {
        try (PDDocument d = Loader.loadPDF(out.resolve(lang + "/visit.pdf").toFile())) {
            List<String> alts = new ArrayList<>();
            walk(d.getDocumentCatalog().getStructureTreeRoot().getKids(), e -> {
                if (e.getStructureType().equals("Figure")) {
                    alts.add(e.getAlternateDescription());
                }
            });
            assertEquals(2, alts.size(), "the drawing and the QR code");
            assertTrue(!alts.get(0).isBlank() && !alts.get(0).startsWith("http"), "the drawing's own, translated alt text: " + alts.get(0));
            assertEquals("https://riverside.example.org/oncology", alts.get(1), "a QR code says its address");
        }
        assertEquals(2, types(lang).stream().filter("Caption"::equals).count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ar", "hi"})
    void theLinkIsATaggedLinkAnnotationWithItsAddress(String lang) throws IOException {
        try (PDDocument d = Loader.loadPDF(out.resolve(lang + "/visit.pdf").toFile())) {
            List<PDStructureElement> links = new ArrayList<>();
            walk(d.getDocumentCatalog().getStructureTreeRoot().getKids(), e -> {
                if (e.getStructureType().equals("Link")) {
                    links.add(e);
                }
            });
            assertEquals(1, links.size());
            List<PDAnnotationLink> annotations = new ArrayList<>();
            for (Object kid : links.get(0).getKids()) {
                if (kid instanceof PDObjectReference ref && ref.getReferencedObject() instanceof PDAnnotationLink a) {
                    annotations.add(a);
                }
            }
            assertTrue(!annotations.isEmpty(), "the Link element holds its annotation (OBJR)");
            for (PDAnnotationLink a : annotations) {
                assertEquals("https://riverside.example.org/oncology", ((PDActionURI) a.getAction()).getURI());
                assertTrue(a.getContents() != null && a.getContents().contains("https://riverside.example.org/oncology"),
                        "the annotation describes where it goes");
            }
            String linkText = PdfReadBack.read(out.resolve(lang + "/visit.pdf")).tags().stream()
                    .filter(n -> n.type().equals("Link")).map(TagTree.Node::text).findFirst().orElseThrow();
            assertTrue(!linkText.isBlank(), "the Link element holds the linked words");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ar", "hi"})
    void theChecklistIsAListOfItemsAfterTheTwoLists(String lang) throws IOException {
        List<TagTree.Node> tags = PdfReadBack.read(out.resolve(lang + "/visit.pdf")).tags();
        List<Integer> lists = java.util.stream.IntStream.range(0, tags.size()).filter(i -> tags.get(i).type().equals("L")).boxed().toList();
        assertEquals(3, lists.size(), "the numbered list, its nested list and the checklist");
        // the checklist's two questions are the items of the last list (by position: two lists' nodes are equal records)
        int last = lists.get(2);
        long items = tags.subList(last + 1, tags.size()).stream().takeWhile(n -> n.depth() > tags.get(last).depth())
                .filter(n -> n.type().equals("LI")).count();
        assertEquals(2, items, "a list item per question");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "hi"})
    void theStrongWordsAndOnlyThemAreSetInTheBoldFace(String lang) throws IOException {
        // (in a left-to-right line each run is its own marked content, with the glyphs of its own face)
        String strong = lang.equals("en") ? "your child's medicines" : "अपने बच्चे की दवाइयाँ";
        String plain = lang.equals("en") ? "from other doctors." : "साथ लाएँ।";
        PdfReadBack read = PdfReadBack.read(out.resolve(lang + "/visit.pdf"));
        List<PdfReadBack.Span> spans = read.pages().get(0).spans();
        PdfReadBack.Span bold = spans.stream().filter(x -> x.text().contains(strong)).findFirst().orElseThrow();
        PdfReadBack.Span regular = spans.stream().filter(x -> x.text().contains(plain)).findFirst().orElseThrow();
        assertTrue(bold.glyphs().stream().filter(g -> !g.blank()).allMatch(g -> g.font().contains("Bold")), "strong: " + bold.text());
        assertTrue(regular.glyphs().stream().filter(g -> !g.blank()).noneMatch(g -> g.font().contains("Bold")), "plain: " + regular.text());
    }

    private interface Visit {
        void element(PDStructureElement e);
    }

    private static void walk(List<Object> kids, Visit v) {
        for (Object k : kids) {
            if (k instanceof PDStructureElement e) {
                v.element(e);
                walk(e.getKids(), v);
            }
        }
    }
}
