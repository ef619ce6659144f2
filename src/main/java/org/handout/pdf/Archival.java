package org.handout.pdf;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.handout.doc.Leaflet;
import org.handout.layout.Face;
import org.handout.layout.Page;
import org.openpdf.text.pdf.PdfArray;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfIndirectReference;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfNumber;
import org.openpdf.text.pdf.PdfStream;
import org.openpdf.text.pdf.PdfString;
import org.openpdf.text.pdf.PdfWriter;

/**
 * What makes the file OpenPDF writes archival, accessible and reproducible, written in the same
 * pass as the pages (there is no second pass over the PDF):
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
final class Archival {
    private static final PdfName GTS_PDFA1 = new PdfName("GTS_PDFA1");
    private static final PdfName IDENTITY_H = new PdfName("Identity-H");
    /** The JDK's sRGB profile, deflated once per run: every leaflet embeds the same stream. */
    private static final byte[] SRGB = PreparedImages.deflate(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());

    private Archival() {
    }

    /** A document {@code /ID} from what the leaflet is: its outline, stamp, tool and page sizes. */
    static byte[] fileId(Leaflet leaflet, PdfExporter.Stamp stamp, String creator, List<Page> pages) {
        StringBuilder b = new StringBuilder(leaflet.outline()).append('\n').append(stamp).append('\n').append(creator).append('\n');
        for (Page p : pages) {
            b.append(p.width()).append('x').append(p.height()).append(';');
        }
        return Arrays.copyOf(sha256(b.toString()), 16);
    }

    /** The sRGB output intent for the catalog's {@code /OutputIntents}. */
    static PdfArray outputIntents(PdfWriter writer) throws IOException {
        PdfStream profile = deflated(SRGB);
        profile.put(PdfName.N, new PdfNumber(3));
        PdfDictionary intent = new PdfDictionary(PdfName.OUTPUTINTENT);
        intent.put(PdfName.S, GTS_PDFA1);
        intent.put(PdfName.INFO, new PdfString("sRGB IEC61966-2.1"));
        intent.put(PdfName.OUTPUTCONDITION, new PdfString("sRGB IEC61966-2.1"));
        intent.put(PdfName.OUTPUTCONDITIONIDENTIFIER, new PdfString("sRGB IEC61966-2.1"));
        intent.put(PdfName.REGISTRYNAME, new PdfString("http://www.color.org"));
        intent.put(PdfName.DESTOUTPUTPROFILE, writer.addToBody(profile).getIndirectReference());
        PdfArray intents = new PdfArray();
        intents.add(intent);
        return intents;
    }

    /**
     * Writes each face as a Type 0 font with our own codes (see {@link EmbeddedFonts}) under the
     * reference its pages name: a TrueType subset (FontBox), a CID-to-GID map from each code to its
     * glyph in the subset, the width of each code, and a ToUnicode map from each code to its text.
     * The subset prefix comes from the face and its codes, so the same leaflet gives the same bytes.
     */
    static void font(PdfWriter writer, EmbeddedFonts.Used used, PdfIndirectReference ref) throws IOException {
        Face face = used.face;
        Set<Integer> glyphs = new TreeSet<>();
        Set<Integer> carriers = new TreeSet<>();
        for (int g : used.glyphs) {
            if (EmbeddedFonts.Used.isCarrier(g)) {
                carriers.add(g);
            } else {
                glyphs.add(g);
            }
        }
        Face.Subset subset = face.subset(glyphs);
        Map<Integer, Integer> newGlyph = new HashMap<>();
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
        PdfName name = new PdfName(prefix(ps, used) + "+" + ps);

        PdfStream file = compressed(program);
        file.put(PdfName.LENGTH1, new PdfNumber(program.length));
        Face.Metrics m = face.metrics();
        PdfDictionary descriptor = new PdfDictionary(PdfName.FONTDESCRIPTOR);
        descriptor.put(PdfName.FONTNAME, name);
        descriptor.put(PdfName.FLAGS, new PdfNumber(4));
        descriptor.put(PdfName.FONTBBOX, new PdfArray(new int[] {
            Math.round(m.xMin()), Math.round(m.yMin()), Math.round(m.xMax()), Math.round(m.yMax())}));
        descriptor.put(PdfName.ITALICANGLE, new PdfNumber(m.italicAngle()));
        descriptor.put(PdfName.ASCENT, new PdfNumber(Math.round(face.ascent())));
        descriptor.put(PdfName.DESCENT, new PdfNumber(-Math.round(face.descent())));
        descriptor.put(PdfName.CAPHEIGHT, new PdfNumber(Math.round(m.capHeight())));
        descriptor.put(PdfName.STEMV, new PdfNumber(80));
        descriptor.put(PdfName.FONTFILE2, writer.addToBody(file).getIndirectReference());

        byte[] cidToGid = new byte[used.size() * 2];
        int[] widths = new int[used.size() - 1];
        for (int code = 0; code < used.size(); code++) {
            int g = newGlyph.getOrDefault(used.glyphs.get(code), 0);
            cidToGid[2 * code] = (byte) (g >> 8);
            cidToGid[2 * code + 1] = (byte) g;
            if (code > 0) {
                widths[code - 1] = used.widths.get(code);
            }
        }
        PdfArray w = new PdfArray();
        w.add(new PdfNumber(1));
        w.add(new PdfArray(widths));

        PdfDictionary systemInfo = new PdfDictionary();
        systemInfo.put(PdfName.REGISTRY, new PdfString("Adobe"));
        systemInfo.put(PdfName.ORDERING, new PdfString("Identity"));
        systemInfo.put(PdfName.SUPPLEMENT, new PdfNumber(0));
        PdfDictionary cid = new PdfDictionary(PdfName.FONT);
        cid.put(PdfName.SUBTYPE, PdfName.CIDFONTTYPE2);
        cid.put(PdfName.BASEFONT, name);
        cid.put(PdfName.CIDSYSTEMINFO, systemInfo);
        cid.put(PdfName.FONTDESCRIPTOR, writer.addToBody(descriptor).getIndirectReference());
        cid.put(PdfName.W, w);
        cid.put(PdfName.CIDTOGIDMAP, writer.addToBody(compressed(cidToGid)).getIndirectReference());

        PdfDictionary type0 = new PdfDictionary(PdfName.FONT);
        type0.put(PdfName.SUBTYPE, PdfName.TYPE0);
        type0.put(PdfName.BASEFONT, name);
        type0.put(PdfName.ENCODING, IDENTITY_H);
        PdfArray descendants = new PdfArray();
        descendants.add(writer.addToBody(cid).getIndirectReference());
        type0.put(PdfName.DESCENDANTFONTS, descendants);
        type0.put(PdfName.TOUNICODE, writer.addToBody(compressed(
                cmap(used.texts).getBytes(StandardCharsets.US_ASCII))).getIndirectReference());
        writer.addToBody(type0, ref);
    }

    /** A stream of {@code raw} deflated, as OpenPDF deflates its own. */
    private static PdfStream compressed(byte[] raw) {
        return deflated(PreparedImages.deflate(raw));
    }

    /** A stream of bytes already deflated, said so by its filter. */
    private static PdfStream deflated(byte[] deflated) {
        PdfStream stream = new PdfStream(deflated);
        stream.put(PdfName.FILTER, PdfName.FLATEDECODE);
        return stream;
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
                hex(b.append('<'), k).append("> <");
                String text = texts.get(k);
                for (int c = 0; c < text.length(); c++) {
                    hex(b, text.charAt(c));
                }
                b.append(">\n");
            }
            b.append("endbfchar\n");
        }
        b.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return b.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Four upper-case hex digits of a 16-bit value. */
    private static StringBuilder hex(StringBuilder b, int v) {
        return b.append(HEX[v >> 12 & 0xF]).append(HEX[v >> 8 & 0xF]).append(HEX[v >> 4 & 0xF]).append(HEX[v & 0xF]);
    }

    /** XMP that mirrors the document information and identifies the file as PDF/A-2u and PDF/UA-1. */
    static byte[] xmp(Leaflet leaflet, PdfExporter.Stamp stamp, String producer, String creator) {
        String date = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(stamp.date().atOffset(ZoneOffset.UTC));
        String keywords = leaflet.keywords() == null ? "" : leaflet.keywords();
        return ("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
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
                + "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml(leaflet.title()) + "</rdf:li></rdf:Alt></dc:title>\n"
                + "   <dc:language><rdf:Bag><rdf:li>" + xml(leaflet.lang()) + "</rdf:li></rdf:Bag></dc:language>\n"
                + "   <pdf:Keywords>" + xml(keywords) + "</pdf:Keywords>\n"
                + "   <pdf:Producer>" + xml(producer) + "</pdf:Producer>\n"
                + "   <xmp:CreatorTool>" + xml(creator) + "</xmp:CreatorTool>\n"
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
                + "<?xpacket end=\"r\"?>").getBytes(StandardCharsets.UTF_8);
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
