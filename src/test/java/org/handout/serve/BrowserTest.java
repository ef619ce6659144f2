package org.handout.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.handout.build.Workspace;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * handout serve as its users meet it, in a real Chromium (Debian's, driven by npm playwright-core
 * from readers/, which .ci/run installs): readers/browser.mjs runs the main flows at a phone's
 * width (390 px) and a desktop's (1280 px) and axe-core over every view; this test starts the
 * server, requires every flow to pass and axe to find nothing, and opens what was downloaded. The
 * screenshots stay in target/screenshots/ for a person to look at. Locally it is skipped when
 * Chromium or the Node packages are missing; in CI (HANDOUT_REQUIRE_BROWSER=1) it must run.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCRIPT = Path.of("readers/browser.mjs");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    Path dir;

    @Test
    void theMainFlowsWorkAtPhoneAndDesktopWidthsWithNoAxeViolations() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isDirectory(Path.of("readers/node_modules/playwright-core"))
                && Files.isDirectory(Path.of("readers/node_modules/axe-core"));
        if (System.getenv("HANDOUT_REQUIRE_BROWSER") != null) {
            assertTrue(present, "Chromium and readers/node_modules (playwright-core, axe-core) are required here: "
                    + "apt-get install chromium; npm ci --prefix readers");
        }
        Assumptions.assumeTrue(present, "Chromium or the readers' Node packages are not installed");
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        // one unfinished translation, so that the page has something it must refuse and explain
        p.write("translations/de.yaml", TestProject.withoutEntry(p.read("translations/de.yaml"), "symptoms.term.fast-heartbeat"));
        Server server = new Server(new Workspace(p.root()), "127.0.0.1", 0);
        server.start();
        JsonNode result;
        try {
            Files.createDirectories(SCREENSHOTS);
            Process node = new ProcessBuilder("node", SCRIPT.toString(), "http://127.0.0.1:" + server.port(),
                    SCREENSHOTS.toAbsolutePath().toString(), p.root().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = node.getInputStream().readAllBytes();
            assertTrue(node.waitFor(8, TimeUnit.MINUTES), "the browser run took over 8 minutes");
            result = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
        } finally {
            server.stop();
        }
        List<String> failed = new ArrayList<>();
        result.get("checks").forEach(c -> {
            if (!c.get("ok").asBoolean()) {
                failed.add(c.get("name").asText() + ": " + c.get("detail").asText());
            }
        });
        assertEquals(List.of(), failed, "flows that failed in the browser");
        assertTrue(result.get("checks").size() >= 28, "every flow ran: " + result.get("checks").size());
        List<String> violations = new ArrayList<>();
        result.get("violations").forEach(v -> violations.add(v.get("view").asText() + " at " + v.get("width").asText() + " px: "
                + v.get("id").asText() + " (" + v.get("impact").asText() + ") " + v.get("nodes")));
        assertEquals(List.of(), violations, "axe-core");
        for (String view : List.of("home", "home-chosen", "home-es", "preview", "preview-not-ready", "refused", "translate")) {
            for (int width : new int[] {390, 1280}) {
                assertTrue(Files.size(SCREENSHOTS.resolve(view + "-" + width + ".png")) > 10_000, view + " " + width);
            }
        }

        // the PDF downloaded from the preview: the clinic's edition, in Spanish
        for (int width : new int[] {390, 1280}) {
            String text = text(Files.readAllBytes(Path.of(result.at("/downloads/preview-" + width + ".pdf/file").asText())));
            assertTrue(text.contains("Clínica de Cáncer del Hospital Infantil Riverside"), text);
        }
        // the ZIP of a bookmarked choice: a US clinic's, Letter throughout, the unfinished leaflet left out with a note
        Map<String, byte[]> bookmark = unzip(result.at("/downloads/bookmark.zip/file").asText());
        assertEquals("riverside.zip", result.at("/downloads/bookmark.zip/suggested").asText());
        // in the order the page lists the languages (by their names: Arabic, German, Spanish)
        assertEquals(List.of("ar/symptoms.pdf", "ar/contacts.pdf", "de/contacts.pdf", "es/symptoms.pdf", "es/contacts.pdf", "NOT-INCLUDED.txt"),
                List.copyOf(bookmark.keySet()));
        assertTrue(new String(bookmark.get("NOT-INCLUDED.txt"), StandardCharsets.UTF_8).contains("Signs and symptoms of neuroblastoma in German."));
        bookmark.forEach((name, bytes) -> {
            if (name.endsWith(".pdf")) {
                letter(name, bytes);
            }
        });
        // Back after a preview, then the ZIP: the clinic the page shows is the clinic in the ZIP
        Map<String, byte[]> back = unzip(result.at("/downloads/back.zip/file").asText());
        assertEquals("riverside.zip", result.at("/downloads/back.zip/suggested").asText());
        assertEquals(List.of("fr/overview.pdf"), List.copyOf(back.keySet()));
        letter("fr/overview.pdf", back.get("fr/overview.pdf"));
        assertTrue(text(back.get("fr/overview.pdf")).contains("Clinique d’oncologie de l’Hôpital pour enfants Riverside"));
        // without JavaScript, the same
        Map<String, byte[]> nojs = unzip(result.at("/downloads/nojs.zip/file").asText());
        assertEquals(List.of("es/overview.pdf"), List.copyOf(nojs.keySet()));
        assertTrue(text(nojs.get("es/overview.pdf")).contains("Clínica de Cáncer del Hospital Infantil Riverside"));
    }

    private static String text(byte[] pdf) {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new AssertionError("not a PDF", e);
        }
    }

    private static void letter(String name, byte[] pdf) {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            for (PDPage page : d.getPages()) {
                assertEquals(612, Math.round(page.getMediaBox().getWidth()), name + " is Letter, as the clinic's country (US) prints");
                assertEquals(792, Math.round(page.getMediaBox().getHeight()), name);
            }
        } catch (IOException e) {
            throw new AssertionError(name + " is not a PDF", e);
        }
    }

    private static Map<String, byte[]> unzip(String file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(Path.of(file))))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                out.put(e.getName(), z.readAllBytes());
            }
        }
        return out;
    }
}
