package org.handout.preview;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders pages of a PDF to PNG files with PDFBox, so a translator can see a leaflet without a
 * PDF viewer. PDFBox draws from the embedded font subsets, so the image shows what a printer gets.
 */
public final class PageImages {
    private PageImages() {
    }

    /**
     * Renders the chosen pages (1-based; empty means all; pages past the end are skipped) of
     * {@code pdf} at {@code dpi} into {@code dir} as {@code <name>-p<N>.png}; returns the files.
     */
    public static List<Path> render(Path pdf, List<Integer> pages, int dpi, Path dir, String name) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.createDirectories(dir);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(doc);
            int count = doc.getNumberOfPages();
            List<Integer> chosen = pages.isEmpty() ? java.util.stream.IntStream.rangeClosed(1, count).boxed().toList() : pages;
            for (int page : chosen) {
                if (page < 1 || page > count) {
                    continue;
                }
                BufferedImage image = renderer.renderImageWithDPI(page - 1, dpi, ImageType.RGB);
                Path file = dir.resolve(String.format(Locale.ROOT, "%s-p%d.png", name, page));
                Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
                ImageIO.write(image, "png", tmp.toFile());
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                out.add(file);
            }
        }
        return out;
    }

    /** One page (1-based) of {@code pdf} at {@code dpi} as PNG bytes, made in memory; empty past the last page. */
    public static java.util.Optional<byte[]> png(Path pdf, int page, int dpi) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            if (page < 1 || page > doc.getNumberOfPages()) {
                return java.util.Optional.empty();
            }
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(page - 1, dpi, ImageType.RGB);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return java.util.Optional.of(out.toByteArray());
        }
    }

    /** The number of pages of a PDF. */
    public static int pageCount(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        }
    }
}
