package org.handout.pdf;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Calendar;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.handout.doc.Leaflet;

/**
 * Completes what OpenPDF wrote into an archival, accessible, reproducible file, with PDFBox:
 * <ul>
 * <li>the fonts the content streams name: each face a Type 0 font of our own codes, its TrueType
 * subset written by FontBox with the empty glyphs the text needs appended ({@link EmptyGlyphs}), a
 * CID-to-GID map, the widths, and a ToUnicode map that gives every code its text (PDF/A-2u);</li>
 * <li>font subset prefixes come from the face and its codes, and the document {@code /ID} from the
 * leaflet's content, so the same input gives the same bytes;</li>
 * <li>XMP metadata mirrors the document information (title, language, dates, tools) and says what
 * the file is: PDF/A-2u, PDF/UA-1, the English edition and the translation status;</li>
 * <li>an sRGB output intent (the JDK's sRGB profile) for the colours.</li>
 * </ul>
 */
final class ArchivalFinish {
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private ArchivalFinish() {
    }

    static byte[] finish(byte[] pdf, Leaflet leaflet, PdfExporter.Stamp stamp, EmbeddedFonts fonts,
                         java.util.List<Set<String>> pageFonts, String creator) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            fonts(doc, fonts, pageFonts);
            // a page with links is read in the order of its structure tree, annotations too (PDF/UA-1 7.18.3)
            for (org.apache.pdfbox.pdmodel.PDPage page : doc.getPages()) {
                if (!page.getAnnotations().isEmpty()) {
                    page.getCOSObject().setName(COSName.getPDFName("Tabs"), "S");
                }
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setProducer(creator + " (OpenPDF, PDFBox)");
            // Gregorian and UTC whatever the machine: Calendar.getInstance gives a Buddhist year under th-TH
            Calendar date = new java.util.GregorianCalendar(java.util.TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT);
            date.setTimeInMillis(stamp.date().toEpochMilli());
            info.setCreationDate(date);
            info.setModificationDate(date);
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            byte[] xmp = xmp(info, leaflet, stamp).getBytes(StandardCharsets.UTF_8);
            PDMetadata metadata = new PDMetadata(doc, new ByteArrayInputStream(xmp));
            catalog.setMetadata(metadata);
            PDOutputIntent intent = new PDOutputIntent(doc, new ByteArrayInputStream(SRGB));
            intent.setInfo("sRGB IEC61966-2.1");
            intent.setOutputCondition("sRGB IEC61966-2.1");
            intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
            intent.setRegistryName("http://www.color.org");
            catalog.addOutputIntent(intent);
            // (MarkInfo /Suspects is left out: absent means false, and poppler 22 misreads an explicit false)
            byte[] id = Arrays.copyOf(sha256(leaflet.outline() + "\n" + stamp + "\n" + creator + "\n" + pages(doc)), 16);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            doc.getDocument().getTrailer().setItem(COSName.ID, ids);
            // PDF/A-2 and PDF/UA-1 are PDF 1.7 (ISO 32000-1) standards
            doc.getDocument().setVersion(1.7f);
            catalog.getCOSObject().removeItem(COSName.VERSION);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PDFBox could not finish the PDF", e);
        }
    }

    private static String pages(PDDocument doc) {
        StringBuilder b = new StringBuilder();
        for (PDPage p : doc.getPages()) {
            b.append(p.getMediaBox().getWidth()).append('x').append(p.getMediaBox().getHeight()).append(';');
        }
        return b.toString();
    }

    /**
     * Writes each face as a Type 0 font with our own codes (see {@link EmbeddedFonts}): a TrueType
     * subset (FontBox), a CID-to-GID map from each code to its glyph in the subset, the width of
     * each code, and a ToUnicode map from each code to its text; then names them in the resources
     * of the pages that use them. The subset prefix comes from the face and its codes, so the same
     * leaflet gives the same bytes.
     */
    private static void fonts(PDDocument doc, EmbeddedFonts fonts, java.util.List<Set<String>> pageFonts) throws IOException {
        Map<String, COSDictionary> byResource = new java.util.HashMap<>();
        for (EmbeddedFonts.Used used : fonts.all()) {
            byResource.put(used.resource, font(doc, used));
        }
        for (int i = 0; i < doc.getNumberOfPages(); i++) {
            PDPage page = doc.getPage(i);
            PDResources resources = page.getResources();
            if (resources == null) {
                resources = new PDResources();
                page.setResources(resources);
            }
            COSDictionary dict = resources.getCOSObject().getCOSDictionary(COSName.FONT);
            if (dict == null) {
                dict = new COSDictionary();
                resources.getCOSObject().setItem(COSName.FONT, dict);
            }
            for (String name : i < pageFonts.size() ? pageFonts.get(i) : Set.<String>of()) {
                dict.setItem(COSName.getPDFName(name), byResource.get(name));
            }
        }
    }

    private static COSDictionary font(PDDocument doc, EmbeddedFonts.Used used) throws IOException {
        org.handout.layout.Face face = used.face;
        java.util.Set<Integer> glyphs = new java.util.TreeSet<>();
        java.util.Set<Integer> carriers = new java.util.TreeSet<>();
        for (int g : used.glyphs) {
            if (EmbeddedFonts.Used.isCarrier(g)) {
                carriers.add(g);
            } else {
                glyphs.add(g);
            }
        }
        org.handout.layout.Face.Subset subset = face.subset(glyphs);
        Map<Integer, Integer> newGlyph = new java.util.HashMap<>();
        subset.oldGlyphs().forEach((n, o) -> newGlyph.put(o, n));
        byte[] program = subset.bytes();
        if (!carriers.isEmpty()) {
            int next = EmptyGlyphs.count(program);
            int[] advances = new int[carriers.size()];
            int k = 0;
            for (int c : carriers) {
                advances[k++] = -1 - c;
                newGlyph.put(c, next++);
            }
            program = EmptyGlyphs.append(program, advances);
        }
        String ps = face.postScriptName();
        String name = prefix(ps, used) + "+" + ps;

        COSStream file = doc.getDocument().createCOSStream();
        try (OutputStream os = file.createOutputStream(COSName.FLATE_DECODE)) {
            os.write(program);
        }
        file.setInt(COSName.LENGTH1, program.length);
        org.handout.layout.Face.Metrics m = face.metrics();
        COSDictionary descriptor = new COSDictionary();
        descriptor.setItem(COSName.TYPE, COSName.FONT_DESC);
        descriptor.setName(COSName.FONT_NAME, name);
        descriptor.setInt(COSName.FLAGS, 4);
        descriptor.setItem(COSName.FONT_BBOX, numbers(m.xMin(), m.yMin(), m.xMax(), m.yMax()));
        descriptor.setFloat(COSName.ITALIC_ANGLE, m.italicAngle());
        descriptor.setInt(COSName.ASCENT, Math.round(face.ascent()));
        descriptor.setInt(COSName.DESCENT, -Math.round(face.descent()));
        descriptor.setInt(COSName.CAP_HEIGHT, Math.round(m.capHeight()));
        descriptor.setInt(COSName.STEM_V, 80);
        descriptor.setItem(COSName.FONT_FILE2, file);

        byte[] cidToGid = new byte[used.size() * 2];
        COSArray widths = new COSArray();
        for (int code = 0; code < used.size(); code++) {
            int g = newGlyph.getOrDefault(used.glyphs.get(code), 0);
            cidToGid[2 * code] = (byte) (g >> 8);
            cidToGid[2 * code + 1] = (byte) g;
            if (code > 0) {
                widths.add(org.apache.pdfbox.cos.COSInteger.get(used.widths.get(code)));
            }
        }
        COSStream map = doc.getDocument().createCOSStream();
        try (OutputStream os = map.createOutputStream(COSName.FLATE_DECODE)) {
            os.write(cidToGid);
        }
        COSArray w = new COSArray();
        w.add(org.apache.pdfbox.cos.COSInteger.ONE);
        w.add(widths);

        COSDictionary systemInfo = new COSDictionary();
        systemInfo.setString(COSName.REGISTRY, "Adobe");
        systemInfo.setString(COSName.ORDERING, "Identity");
        systemInfo.setInt(COSName.SUPPLEMENT, 0);
        COSDictionary cid = new COSDictionary();
        cid.setItem(COSName.TYPE, COSName.FONT);
        cid.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
        cid.setName(COSName.BASE_FONT, name);
        cid.setItem(COSName.CIDSYSTEMINFO, systemInfo);
        cid.setItem(COSName.FONT_DESC, descriptor);
        cid.setItem(COSName.W, w);
        cid.setItem(COSName.CID_TO_GID_MAP, map);

        COSStream cmap = doc.getDocument().createCOSStream();
        try (OutputStream os = cmap.createOutputStream(COSName.FLATE_DECODE)) {
            os.write(cmap(used.texts).getBytes(StandardCharsets.US_ASCII));
        }
        COSDictionary type0 = new COSDictionary();
        type0.setItem(COSName.TYPE, COSName.FONT);
        type0.setItem(COSName.SUBTYPE, COSName.TYPE0);
        type0.setName(COSName.BASE_FONT, name);
        type0.setItem(COSName.ENCODING, COSName.IDENTITY_H);
        COSArray descendants = new COSArray();
        descendants.add(cid);
        type0.setItem(COSName.DESCENDANT_FONTS, descendants);
        type0.setItem(COSName.TO_UNICODE, cmap);
        return type0;
    }

    private static COSArray numbers(float... values) {
        COSArray a = new COSArray();
        for (float v : values) {
            a.add(org.apache.pdfbox.cos.COSInteger.get(Math.round(v)));
        }
        return a;
    }

    /** Six capitals derived from the face and its codes: the same subset, the same name. */
    static String prefix(String ps, EmbeddedFonts.Used used) {
        byte[] h = sha256(ps + used.glyphs + used.texts);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            b.append((char) ('A' + Math.floorMod(h[i], 26)));
        }
        return b.toString();
    }

    /** A ToUnicode CMap: each code (code 0 is never drawn) to the UTF-16 of its text. */
    static String cmap(java.util.List<String> texts) {
        StringBuilder b = new StringBuilder("""
                /CIDInit /ProcSet findresource begin
                12 dict begin
                begincmap
                /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
                /CMapName /Adobe-Identity-UCS def
                /CMapType 2 def
                1 begincodespacerange
                <0000> <FFFF>
                endcodespacerange
                """);
        int count = texts.size() - 1;
        for (int i = 1; i <= count; i += 100) {
            int n = Math.min(100, count - i + 1);
            b.append(n).append(" beginbfchar\n");
            for (int k = i; k < i + n; k++) {
                b.append(String.format(java.util.Locale.ROOT, "<%04X> <", k));
                for (char c : texts.get(k).toCharArray()) {
                    b.append(String.format(java.util.Locale.ROOT, "%04X", (int) c));
                }
                b.append(">\n");
            }
            b.append("endbfchar\n");
        }
        b.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return b.toString();
    }

    /** XMP that mirrors the document information and identifies the file as PDF/A-2u and PDF/UA-1. */
    private static String xmp(PDDocumentInformation info, Leaflet leaflet, PdfExporter.Stamp stamp) {
        String date = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(stamp.date().atOffset(ZoneOffset.UTC));
        String keywords = info.getKeywords() == null ? "" : info.getKeywords();
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "  <rdf:Description rdf:about=\"\"\n"
                + "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                + "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                + "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                + "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                + "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
                + "    xmlns:handout=\"https://handout.invalid/ns/leaflet/1.0/\"\n"
                + "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                + "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                + "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                + "   <dc:format>application/pdf</dc:format>\n"
                + "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml(info.getTitle()) + "</rdf:li></rdf:Alt></dc:title>\n"
                + "   <dc:language><rdf:Bag><rdf:li>" + xml(leaflet.lang()) + "</rdf:li></rdf:Bag></dc:language>\n"
                + "   <pdf:Keywords>" + xml(keywords) + "</pdf:Keywords>\n"
                + "   <pdf:Producer>" + xml(info.getProducer()) + "</pdf:Producer>\n"
                + "   <xmp:CreatorTool>" + xml(info.getCreator()) + "</xmp:CreatorTool>\n"
                + "   <xmp:CreateDate>" + date + "</xmp:CreateDate>\n"
                + "   <xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n"
                + "   <xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n"
                + "   <pdfaid:part>2</pdfaid:part>\n"
                + "   <pdfaid:conformance>U</pdfaid:conformance>\n"
                + "   <pdfuaid:part>1</pdfuaid:part>\n"
                + "   <handout:leaflet>" + xml(leaflet.id()) + "</handout:leaflet>\n"
                + "   <handout:edition>" + xml(stamp.edition()) + "</handout:edition>\n"
                + "   <handout:translation>" + xml(stamp.translation()) + "</handout:translation>\n"
                + "   <pdfaExtension:schemas>\n"
                + "    <rdf:Bag>\n"
                + schema("PDF/UA identification", "http://www.aiim.org/pdfua/ns/id/", "pdfuaid",
                        property("part", "Integer", "internal", "the part of ISO 14289 the file conforms to"))
                + schema("handout leaflet", "https://handout.invalid/ns/leaflet/1.0/", "handout",
                        property("leaflet", "Text", "external", "the leaflet's id")
                                + property("edition", "Text", "external", "the date of the English edition the leaflet was made from")
                                + property("translation", "Text", "external", "source, draft or reviewed: whether a qualified reviewer checked the translation"))
                + "    </rdf:Bag>\n"
                + "   </pdfaExtension:schemas>\n"
                + "  </rdf:Description>\n"
                + " </rdf:RDF>\n"
                + "</x:xmpmeta>\n"
                + "<?xpacket end=\"r\"?>";
    }

    private static String schema(String name, String uri, String prefix, String properties) {
        return "     <rdf:li rdf:parseType=\"Resource\">\n"
                + "      <pdfaSchema:schema>" + xml(name) + "</pdfaSchema:schema>\n"
                + "      <pdfaSchema:namespaceURI>" + xml(uri) + "</pdfaSchema:namespaceURI>\n"
                + "      <pdfaSchema:prefix>" + prefix + "</pdfaSchema:prefix>\n"
                + "      <pdfaSchema:property><rdf:Seq>\n" + properties + "      </rdf:Seq></pdfaSchema:property>\n"
                + "     </rdf:li>\n";
    }

    private static String property(String name, String type, String category, String description) {
        return "       <rdf:li rdf:parseType=\"Resource\">\n"
                + "        <pdfaProperty:name>" + name + "</pdfaProperty:name>\n"
                + "        <pdfaProperty:valueType>" + type + "</pdfaProperty:valueType>\n"
                + "        <pdfaProperty:category>" + category + "</pdfaProperty:category>\n"
                + "        <pdfaProperty:description>" + xml(description) + "</pdfaProperty:description>\n"
                + "       </rdf:li>\n";
    }

    private static String xml(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
