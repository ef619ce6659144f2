package org.handout.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.handout.testing.FontBytes;
import org.junit.jupiter.api.Test;

/**
 * A font file is refused, with what to do, when the JDK, OpenPDF or FontBox would read it
 * differently or not at all; and a face whose glyphs would print wrongly says which character.
 */
class FontFilesTest {
    static final Path FONTS = Path.of("fonts");
    static final Path FIXTURES = Path.of("src/test/resources/fonts");

    private static byte[] hebrew() throws IOException {
        return Files.readAllBytes(FONTS.resolve("NotoSansHebrew-Regular.ttf"));
    }

    private static String refusal(byte[] bytes) {
        return FontFiles.check("fonts/x", bytes).map(r -> r.message() + " | " + r.hint()).orElse("accepted");
    }

    private static byte[] withTag(byte[] font, String tag) {
        byte[] copy = font.clone();
        System.arraycopy(tag.getBytes(StandardCharsets.ISO_8859_1), 0, copy, 0, 4);
        return copy;
    }

    @Test
    void everyFontOfTheProjectIsAcceptedAndReadableByThePdfWriter() throws IOException {
        List<Path> fonts;
        try (Stream<Path> s = Files.list(FONTS)) {
            fonts = s.filter(f -> f.toString().endsWith(".ttf")).sorted().toList();
        }
        java.util.Set<String> named = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z0-9-]+\\.ttf").matcher(Files.readString(FONTS.resolve("fonts.yaml")));
        while (m.find()) {
            named.add(m.group());
        }
        assertEquals(named, fonts.stream().map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                "the files fonts.yaml names, and no other");
        for (Path f : fonts) {
            byte[] bytes = Files.readAllBytes(f);
            assertEquals(Optional.empty(), FontFiles.check(f.toString(), bytes), f.toString());
            assertEquals(Optional.empty(), FontFiles.trial(bytes).failure(), f.toString());
        }
    }

    @Test
    void outlineFormatsTheWriterCannotEmbedAreRefusedWithWhatToDo() throws IOException {
        assertEquals("font file fonts/x has CFF (PostScript) outlines ('OTTO'); handout embeds TrueType (glyf) outlines only | use the "
                + "TrueType (glyf) version of the font, or convert it as fonts/tools/make-cjk-subset.py does",
                refusal(Files.readAllBytes(FIXTURES.resolve("NotoSansSC-cff.otf"))));
        assertTrue(refusal(Files.readAllBytes(FIXTURES.resolve("NotoSans-two-faces.ttc")))
                .startsWith("font file fonts/x is a font collection (several faces in one file); handout needs one face per file | take the "
                        + "face out of the collection"));
        assertTrue(refusal(withTag(hebrew(), "wOFF")).startsWith("font file fonts/x is a web font (WOFF); handout needs the TrueType font itself"));
        assertTrue(refusal(withTag(hebrew(), "wOF2")).startsWith("font file fonts/x is a web font (WOFF2)"));
        assertTrue(refusal(withTag(hebrew(), "true")).startsWith("font file fonts/x has Apple's 'true' header, which OpenPDF cannot read"));
        assertEquals("font file fonts/x is not a TrueType font | check that fonts.yaml names the right file, and that the file is a .ttf font",
                refusal(Files.readAllBytes(FONTS.resolve("OFL.txt"))));
    }

    @Test
    void aFileThatIsCutShortOrLacksATableThePdfWriterNeedsIsRefused() throws IOException {
        byte[] font = hebrew();
        assertTrue(refusal(java.util.Arrays.copyOf(font, font.length / 2)).startsWith("font file fonts/x is cut short: its '"));
        byte[] noOs2 = font.clone();
        FontBytes.Table os2 = FontBytes.table(noOs2, "OS/2");
        for (int i = 12; i < 12 + 16 * (ByteBuffer.wrap(font).getShort(4) & 0xFFFF); i += 16) {
            if (ByteBuffer.wrap(noOs2).getInt(i + 8) == os2.offset()) {
                noOs2[i + 3] = '3'; // 'OS/3', which nothing reads
            }
        }
        assertEquals("font file fonts/x has no 'OS/2' table, which handout needs to embed it | the file is incomplete or was made by a "
                + "tool that drops tables; use the font as its maker ships it", refusal(noOs2));
        byte[] farLoca = font.clone();
        FontBytes.Table loca = FontBytes.table(farLoca, "loca");
        ByteBuffer.wrap(farLoca).putShort(loca.offset() + 20, (short) 0xFFFF);
        assertEquals("font file fonts/x is damaged: its 'loca' table points outside its 'glyf' table | the font file is damaged; replace it",
                refusal(farLoca));
    }

    private static Face face(byte[] bytes) throws Exception {
        return new Face("x.ttf", "fonts/x.ttf", bytes, Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes)));
    }

    /** The font's advance for a glyph, rewritten in its 'hmtx' table (NotoSans has a metric for every glyph). */
    private static byte[] withAdvance(byte[] font, int glyph, int advance) {
        byte[] copy = font.clone();
        ByteBuffer.wrap(copy).putShort(FontBytes.table(copy, "hmtx").offset() + 4 * glyph, (short) advance);
        return copy;
    }

    @Test
    void aBlankGlyphOrALetterWithNoOrAnAbsurdWidthIsAFaultOfTheFace() throws Exception {
        byte[] sans = Files.readAllBytes(FONTS.resolve("NotoSans-Regular.ttf"));
        Face whole = face(sans);
        assertEquals(Optional.empty(), whole.fault('A'));
        int a = whole.font().createGlyphVector(Face.FRC, "A").getGlyphCode(0);
        assertEquals(Optional.of("is blank"), face(FontBytes.zeroLoca(sans)).fault('A'));
        assertEquals(Optional.of("has no width"), face(withAdvance(sans, a, 0)).fault('A'));
        assertEquals(Optional.of("is 60.0 em wide"), face(withAdvance(sans, a, 60000)).fault('A'));
        Face blank = face(FontBytes.zeroLoca(sans));
        assertEquals(0x21, blank.firstFault('Z'), "the first bad character is the lowest, whichever text found it");
    }
}
