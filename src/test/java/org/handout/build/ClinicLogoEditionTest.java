package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.handout.testing.Cli;
import org.handout.testing.Images;
import org.handout.testing.TestProject;
import org.handout.verify.Conformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clinic's edition built with logos of every kind a clinic may send (CMYK with its profile,
 * ICC-tagged, grey, 16-bit, with transparency): each leaflet is still PDF/A-2u and PDF/UA-1, its
 * logo an 8-bit DeviceRGB image, the same bytes every build; a damaged logo builds nothing.
 */
class ClinicLogoEditionTest {
    @TempDir
    Path dir;

    private TestProject project() throws IOException {
        return TestProject.copyInto(dir.resolve("project"));
    }

    private Cli.Run build(TestProject p, byte[] logo, Path out) throws IOException {
        Files.write(p.root().resolve("clinics/riverside-logo.png"), logo);
        return Cli.run("build", "--root", p.root().toString(), "--clinic", "riverside", "--lang", "en", "--leaflet", "overview", "--out", out.toString());
    }

    private static Map<String, byte[]> logos() {
        Map<String, byte[]> logos = new LinkedHashMap<>();
        int[][] inks = new int[48][];
        for (int x = 0; x < inks.length; x++) {
            inks[x] = new int[] {x < 16 ? 255 : 0, x >= 16 && x < 32 ? 255 : 0, x >= 32 ? 255 : 0, 0};
        }
        logos.put("CMYK JPEG with its profile", Images.withProfile(Images.cmykJpeg(inks), Images.cmykProfile()));
        byte[] row = new byte[3 * 48];
        Arrays.fill(row, (byte) 120);
        logos.put("PNG with a linear RGB profile", Images.png(48, 16, 8, 2, row, Images.iccp(Images.LINEAR_RGB)));
        logos.put("JPEG with a linear RGB profile",
                Images.withProfile(Images.write(Images.flat(48, 16, BufferedImage.TYPE_INT_RGB, 0xC82828), "jpeg"), Images.LINEAR_RGB));
        logos.put("RGBA PNG", Images.write(Images.flat(48, 16, BufferedImage.TYPE_INT_ARGB, 0x801E5AA0), "png"));
        logos.put("grey JPEG", Images.write(Images.flat(48, 16, BufferedImage.TYPE_BYTE_GRAY, 0x585858), "jpeg"));
        byte[] deep = new byte[8 * 48];
        Arrays.fill(deep, (byte) 0x90);
        logos.put("16-bit RGBA PNG", Images.png(48, 16, 16, 6, deep));
        byte[] indices = new byte[48];
        Arrays.fill(indices, 24, 48, (byte) 1);
        logos.put("palette PNG with tRNS", Images.png(48, 16, 8, 3, indices,
                Images.chunk("PLTE", new byte[] {(byte) 255, 0, 0, 0, 0, (byte) 255}), Images.chunk("tRNS", new byte[] {0})));
        return logos;
    }

    @Test
    void everyKindOfLogoEndsInAnArchivalAccessibleLeafletInSrgbTheSameEveryBuild() throws IOException {
        TestProject p = project();
        List<String> failures = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<String, byte[]> logo : logos().entrySet()) {
            Path out = dir.resolve("out-" + logo.getKey().replaceAll("[^A-Za-z0-9]+", "-"));
            Cli.Run r = build(p, logo.getValue(), out);
            assertEquals(0, r.code(), logo.getKey() + ":\n" + r.err());
            Path pdf = out.resolve("clinics/riverside/en/overview.pdf");
            if (first) {
                // the same logo converted again gives the same PDF, byte for byte
                first = false;
                Path again = dir.resolve("again");
                assertEquals(0, build(p, logo.getValue(), again).code());
                assertArrayEquals(Files.readAllBytes(pdf), Files.readAllBytes(again.resolve("clinics/riverside/en/overview.pdf")), logo.getKey());
            }
            for (Conformance.Standard s : Conformance.Standard.values()) {
                Conformance.check(pdf, s).forEach(f -> failures.add(logo.getKey() + ": " + s.label() + " " + f));
            }
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                PDResources res = doc.getPage(0).getResources();
                List<PDImageXObject> images = new ArrayList<>();
                for (COSName n : res.getXObjectNames()) {
                    if (res.getXObject(n) instanceof PDImageXObject im) {
                        images.add(im);
                    }
                }
                // OpenPDF lists an image's soft mask (its alpha) beside it
                List<PDImageXObject> masks = new ArrayList<>();
                for (PDImageXObject im : images) {
                    if (im.getSoftMask() != null) {
                        masks.add(im.getSoftMask());
                    }
                }
                images.removeIf(im -> masks.stream().anyMatch(m -> m.getCOSObject() == im.getCOSObject()));
                assertEquals(1, images.size(), logo.getKey() + ": one image, the logo");
                assertEquals("DeviceRGB", images.get(0).getColorSpace().getName(), logo.getKey());
                assertEquals(8, images.get(0).getBitsPerComponent(), logo.getKey());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aDamagedLogoIsNamedAtTheProfileAndNothingIsBuilt() throws IOException {
        TestProject p = project();
        byte[] idat = Images.deflate(new byte[4 * 13]);
        idat[2] ^= 0x7F;
        byte[] damaged = Images.png(Images.chunk("IHDR", Images.ihdr(4, 4, 8, 2)), Images.chunk("IDAT", idat));
        Path out = dir.resolve("out");
        Cli.Run r = build(p, damaged, out);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("clinics/riverside.yaml:15: error: the logo riverside-logo.png is a damaged PNG: ")), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(f -> f.toString().endsWith(".pdf")).toList(), "no PDF written");
        }
    }
}
