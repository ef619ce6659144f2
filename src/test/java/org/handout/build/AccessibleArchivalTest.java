package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.handout.doc.Leaflet;
import org.handout.report.Problems;
import org.handout.verify.Conformance;
import org.handout.verify.InsideTextArea;
import org.handout.verify.PdfReadBack;
import org.handout.verify.TagTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every leaflet in every language is tagged for a screen reader in reading order, passes veraPDF
 * for PDF/UA-1 and PDF/A-2u, and is rebuilt to the same bytes.
 */
class AccessibleArchivalTest {
    static final Workspace WORKSPACE = new Workspace(Path.of(""), Optional.empty());

    @TempDir
    static Path first;
    @TempDir
    static Path second;
    static Project project;

    @BeforeAll
    static void buildTwice() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        new Pipeline(WORKSPACE, quiet).build(new BuildOptions(List.of(), List.of(), first));
        new Pipeline(WORKSPACE, quiet).build(new BuildOptions(List.of(), List.of(), second));
        project = Project.load(WORKSPACE);
    }

    private static Path file(Path dir, String lang, String leaflet) {
        return dir.resolve(lang).resolve(leaflet + ".pdf");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("org.handout.build.LeafletRoundTripTest#pdfs")
    void passesVeraPdfForPdfUa1AndPdfA2u(String lang, String leaflet) throws IOException {
        Path f = file(first, lang, leaflet);
        for (Conformance.Standard s : Conformance.Standard.values()) {
            List<Conformance.Failure> failures = Conformance.check(f, s);
            assertEquals(List.of(), failures, lang + "/" + leaflet + ".pdf fails " + s.label());
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("org.handout.build.LeafletRoundTripTest#pdfs")
    void everyGlyphLiesInsideThePagesTextArea(String lang, String leaflet) throws IOException {
        assertEquals(List.of(), InsideTextArea.failures(PdfReadBack.read(file(first, lang, leaflet))), lang + "/" + leaflet + ".pdf");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("org.handout.build.LeafletRoundTripTest#pdfs")
    void aScreenReaderReadsTheTagTreeInTheOrderOfTheLeaflet(String lang, String leaflet) throws IOException {
        Leaflet doc = project.compose(leaflet, project.languages().resolve(lang), new Problems()).orElseThrow();
        PdfReadBack pdf = PdfReadBack.read(file(first, lang, leaflet));
        List<TagTree.Node> tags = pdf.tags();
        assertEquals("Document", tags.get(0).type());
        assertEquals("H1", tags.get(1).type(), "the title comes first");
        StringBuilder read = new StringBuilder();
        tags.forEach(n -> read.append(n.text()));
        String text = PdfReadBack.comparable(read.toString());
        List<String> strings = doc.strings();
        int footer = doc.footer().notes().size() + (doc.footer().warning().isPresent() ? 1 : 0);
        int from = 0;
        for (String s : strings.subList(0, strings.size() - footer)) {
            int at = text.indexOf(PdfReadBack.comparable(s), from);
            assertTrue(at >= 0, lang + "/" + leaflet + ": the tag tree does not read «" + s + "» in order");
            from = at + PdfReadBack.comparable(s).length();
        }
        for (String s : strings.subList(strings.size() - footer, strings.size())) {
            assertTrue(!text.contains(PdfReadBack.comparable(s)), "the footer «" + s + "» is furniture, not read as content");
        }
        // the section headings are the bookmarks
        // (compared in NFC: a Bengali ো drawn in two parts reads back as its canonical decomposition)
        List<String> headings = tags.stream().filter(n -> n.type().equals("H1") || n.type().equals("H2"))
                .map(n -> java.text.Normalizer.normalize(n.text().strip(), java.text.Normalizer.Form.NFC)).toList();
        assertEquals(headings, pdf.bookmarks().stream().map(String::strip).toList(), "bookmarks follow the headings");
    }

    @Test
    void tagsNameListsTablesTheCallOutBoxCardsAndEnglishNamesInsideAnotherLanguage() throws IOException {
        List<TagTree.Node> symptoms = PdfReadBack.read(file(first, "ar", "symptoms")).tags();
        assertTrue(symptoms.stream().anyMatch(n -> n.type().equals("Aside") && n.standard().equals("Div")),
                "the call-the-doctor box is an aside, role-mapped to Div");
        List<String> listTypes = symptoms.stream().map(TagTree.Node::type).filter(t -> t.equals("L") || t.equals("LI") || t.equals("Lbl")
                || t.equals("LBody")).distinct().toList();
        assertEquals(List.of("L", "LI", "Lbl", "LBody"), listTypes);
        List<TagTree.Node> staging = PdfReadBack.read(file(first, "de", "staging")).tags();
        assertEquals(3, staging.stream().filter(n -> n.type().equals("TH") && n.scope().equals("Column")).count(), "the head row");
        assertEquals(4, staging.stream().filter(n -> n.type().equals("TH") && n.scope().equals("Row")).count(), "each stage heads its row");
        List<TagTree.Node> contacts = PdfReadBack.read(file(first, "ar", "contacts")).tags();
        assertEquals(4, contacts.stream().filter(n -> n.type().equals("Div")).count(), "each contact card is a group");
        PdfReadBack pdf = PdfReadBack.read(file(first, "ar", "contacts"));
        assertTrue(pdf.pages().stream().flatMap(p -> p.spans().stream())
                .anyMatch(s -> "en".equals(s.lang()) && s.text().contains("American Cancer Society")),
                "an English organisation name inside Arabic is marked as English");
    }

    @Test
    void twoBuildsGiveTheSameBytesForEveryPdf() throws IOException {
        Map<String, String> a = digests(first);
        Map<String, String> b = digests(second);
        assertEquals(org.handout.testing.TestProject.PDF_COUNT, a.size());
        assertEquals(a, b);
    }

    @Test
    void datesComeFromTheEditionOrSourceDateEpochAndTheXmpSaysWhatTheFileIs(@TempDir Path dir) throws IOException {
        try (PDDocument d = Loader.loadPDF(file(first, "hi", "overview").toFile())) {
            assertEquals("2026-12-01T00:00:00Z", d.getDocumentInformation().getCreationDate().toInstant().toString(),
                    "dated by the edition");
        }
        Workspace epoch = new Workspace(Path.of(""), Optional.of(Instant.ofEpochSecond(1_800_000_000L)));
        new Pipeline(epoch, new PrintStream(OutputStream.nullOutputStream()))
                .build(new BuildOptions(List.of("hi"), List.of("overview"), dir));
        try (PDDocument d = Loader.loadPDF(file(dir, "hi", "overview").toFile())) {
            assertEquals(Instant.ofEpochSecond(1_800_000_000L), d.getDocumentInformation().getCreationDate().toInstant());
            assertEquals(Instant.ofEpochSecond(1_800_000_000L), d.getDocumentInformation().getModificationDate().toInstant());
            String xmp = new String(d.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(xmp.contains("<xmp:CreateDate>2027-01-15T08:00:00Z</xmp:CreateDate>"), xmp);
            assertTrue(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
            assertTrue(xmp.contains("<handout:translation>draft</handout:translation>"), "the XMP says the translation is a draft");
        }
        assertEquals(Optional.of(Instant.ofEpochSecond(1_700_000_000L)), Workspace.sourceDateEpoch("1700000000"));
        assertEquals(Optional.empty(), Workspace.sourceDateEpoch("yesterday"));
    }

    /**
     * The file is complete as OpenPDF writes it, in one pass: PDF 1.7 in its header, not its
     * catalog; each page's font resources name exactly the fonts its content draws with, each a
     * Type 0 font with its program and ToUnicode; a page with links reads them in tag order
     * ({@code /Tabs /S}) and only such a page says so; the XMP is not compressed (PDF/A-2 6.6.2.1);
     * the {@code /ID}'s halves are equal and the info dictionary does not carry it.
     */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("org.handout.build.LeafletRoundTripTest#pdfs")
    void eachPageNamesTheFontsItDrawsWithAndTheFileSaysWhatItIsInOnePass(String lang, String leaflet) throws IOException {
        Path f = file(first, lang, leaflet);
        String where = lang + "/" + leaflet + ".pdf";
        try (PDDocument d = Loader.loadPDF(f.toFile())) {
            assertEquals(1.7f, d.getDocument().getVersion(), where + ": header version");
            assertTrue(new String(Files.readAllBytes(f), 0, 9, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF-1.7"), where);
            COSDictionary catalog = d.getDocumentCatalog().getCOSObject();
            assertFalse(catalog.containsKey(COSName.VERSION), where + ": no catalog version");
            assertFalse(d.getDocumentCatalog().getMetadata().getCOSObject().containsKey(COSName.FILTER), where + ": plain XMP");
            COSArray id = d.getDocument().getTrailer().getCOSArray(COSName.ID);
            assertEquals(2, id.size(), where);
            assertEquals(16, ((COSString) id.get(0)).getBytes().length, where);
            assertArrayEquals(((COSString) id.get(0)).getBytes(), ((COSString) id.get(1)).getBytes(), where + ": a new file's ID halves");
            assertFalse(d.getDocumentInformation().getCOSObject().containsKey(COSName.getPDFName("FileId")), where + ": info without FileId");
            for (int i = 0; i < d.getNumberOfPages(); i++) {
                PDPage page = d.getPage(i);
                java.util.Set<String> drawn = new java.util.TreeSet<>();
                PDFStreamParser parser = new PDFStreamParser(page);
                List<Object> tokens = parser.parse();
                for (int k = 0; k < tokens.size(); k++) {
                    if (tokens.get(k) instanceof Operator op && op.getName().equals("Tf")) {
                        drawn.add(((COSName) tokens.get(k - 2)).getName());
                    }
                }
                java.util.Set<String> named = new java.util.TreeSet<>();
                for (COSName n : page.getResources().getFontNames()) {
                    named.add(n.getName());
                    COSDictionary font = page.getResources().getCOSObject().getCOSDictionary(COSName.FONT).getCOSDictionary(n);
                    assertEquals(COSName.TYPE0, font.getCOSName(COSName.SUBTYPE), where + " " + n.getName());
                    assertTrue(font.getDictionaryObject(COSName.TO_UNICODE) instanceof org.apache.pdfbox.cos.COSStream, where + " " + n.getName());
                    COSDictionary cid = (COSDictionary) font.getCOSArray(COSName.DESCENDANT_FONTS).getObject(0);
                    assertTrue(cid.getCOSDictionary(COSName.FONT_DESC).getDictionaryObject(COSName.FONT_FILE2)
                            instanceof org.apache.pdfbox.cos.COSStream, where + " " + n.getName() + " is embedded");
                }
                assertEquals(drawn, named, where + " page " + (i + 1) + ": the fonts it names are those it draws with");
                assertEquals(page.getAnnotations().isEmpty() ? null : "S", page.getCOSObject().getNameAsString(COSName.getPDFName("Tabs")),
                        where + " page " + (i + 1) + ": tab order");
            }
        }
    }

    @Test
    void everyPdfHasAnIdOfItsOwn() throws IOException {
        Map<String, String> ids = new TreeMap<>();
        try (Stream<Path> files = Files.walk(first)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pdf")).toList()) {
                try (PDDocument d = Loader.loadPDF(f.toFile())) {
                    String id = HexFormat.of().formatHex(((COSString) d.getDocument().getTrailer().getCOSArray(COSName.ID).get(0)).getBytes());
                    String before = ids.put(id, first.relativize(f).toString());
                    assertEquals(null, before, "the same /ID in " + before + " and " + first.relativize(f));
                }
            }
        }
        assertEquals(org.handout.testing.TestProject.PDF_COUNT, ids.size());
    }

    private static Map<String, String> digests(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pdf")).toList()) {
                out.put(dir.relativize(f).toString(), sha256(Files.readAllBytes(f)));
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
