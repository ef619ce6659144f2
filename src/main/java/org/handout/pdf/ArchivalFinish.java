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
 * <li>every font gets a ToUnicode map for every glyph drawn, including the conjuncts, ligatures and
 * contextual forms that map to no single character (PDF/A-2u; OpenPDF maps only single characters);</li>
 * <li>font subset prefixes come from the font and the glyphs in the subset, and the document
 * {@code /ID} from the leaflet's content, so the same input gives the same bytes;</li>
 * <li>XMP metadata mirrors the document information (title, language, dates, tools) and says what
 * the file is: PDF/A-2u, PDF/UA-1, the English edition and the translation status;</li>
 * <li>an sRGB output intent (the JDK's sRGB profile) for the colours.</li>
 * </ul>
 */
final class ArchivalFinish {
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private ArchivalFinish() {
    }

    static byte[] finish(byte[] pdf, Leaflet leaflet, PdfExporter.Stamp stamp, Map<String, Map<Integer, String>> toUnicode,
                         String creator) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            fonts(doc, toUnicode);
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

    /** ToUnicode maps and reproducible subset prefixes for every Type 0 font of the document. */
    private static void fonts(PDDocument doc, Map<String, Map<Integer, String>> toUnicode) throws IOException {
        Set<COSDictionary> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (PDPage page : doc.getPages()) {
            PDResources resources = page.getResources();
            COSDictionary fonts = resources == null ? null : resources.getCOSObject().getCOSDictionary(COSName.FONT);
            if (fonts == null) {
                continue;
            }
            for (COSName name : fonts.keySet()) {
                COSBase base = fonts.getDictionaryObject(name);
                if (!(base instanceof COSDictionary font) || !done.add(font) || !COSName.TYPE0.equals(font.getCOSName(COSName.SUBTYPE))) {
                    continue;
                }
                String baseFont = font.getNameAsString(COSName.BASE_FONT);
                String ps = baseFont.substring(baseFont.indexOf('+') + 1);
                Map<Integer, String> glyphs = toUnicode.get(ps);
                if (glyphs == null) {
                    throw new IllegalStateException("no glyph text recorded for font " + ps);
                }
                COSStream cmap = doc.getDocument().createCOSStream();
                try (OutputStream os = cmap.createOutputStream(COSName.FLATE_DECODE)) {
                    os.write(cmap(glyphs).getBytes(StandardCharsets.US_ASCII));
                }
                font.setItem(COSName.TO_UNICODE, cmap);
                String prefixed = prefix(ps, glyphs) + "+" + ps;
                font.setName(COSName.BASE_FONT, prefixed);
                COSArray descendants = font.getCOSArray(COSName.DESCENDANT_FONTS);
                if (descendants != null && descendants.getObject(0) instanceof COSDictionary cid) {
                    cid.setName(COSName.BASE_FONT, prefixed);
                    COSDictionary descriptor = cid.getCOSDictionary(COSName.FONT_DESC);
                    if (descriptor != null) {
                        descriptor.setName(COSName.FONT_NAME, prefixed);
                        // a CIDSet must list every CID of the subset or be absent (PDF/A-2 6.2.11.4.2)
                        descriptor.removeItem(COSName.CID_SET);
                    }
                }
            }
        }
    }

    /** Six capitals derived from the font and the glyphs of its subset: the same subset, the same name. */
    static String prefix(String ps, Map<Integer, String> glyphs) {
        byte[] h = sha256(ps + glyphs.keySet());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            b.append((char) ('A' + Math.floorMod(h[i], 26)));
        }
        return b.toString();
    }

    /** A ToUnicode CMap: each glyph id (the CID under Identity-H) to the UTF-16 of its text. */
    static String cmap(Map<Integer, String> glyphs) {
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
        Integer[] gids = glyphs.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                .sorted().toArray(Integer[]::new);
        for (int i = 0; i < gids.length; i += 100) {
            int n = Math.min(100, gids.length - i);
            b.append(n).append(" beginbfchar\n");
            for (int k = i; k < i + n; k++) {
                b.append(String.format(java.util.Locale.ROOT, "<%04X> <", gids[k]));
                for (char c : glyphs.get(gids[k]).toCharArray()) {
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
