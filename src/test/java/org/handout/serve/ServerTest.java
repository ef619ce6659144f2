package org.handout.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.handout.build.Workspace;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route of handout serve, and what it refuses: unknown ids, path tricks, other methods, garbage. */
class ServerTest {
    @TempDir
    static java.nio.file.Path dir;
    static Server server;
    static HttpClient client = HttpClient.newHttpClient();
    static TestProject project;

    @BeforeAll
    static void start() throws IOException {
        project = TestProject.copyInto(dir.resolve("project"));
        server = new Server(new Workspace(project.root()), "127.0.0.1", 0);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void theHomePageOffersClinicsLanguagesLeafletsAndEachLanguagesStatus() throws Exception {
        HttpResponse<byte[]> r = get("/");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        String html = text(r);
        assertTrue(html.contains("<option value=\"riverside\">riverside</option>"), html);
        assertTrue(html.contains("<option value=\"ar\">ar — العربية</option>"), html);
        assertTrue(html.contains("<option value=\"staging\">staging</option>"), html);
        assertTrue(html.contains("<td>de</td><td>100% complete</td>"), html);
        assertTrue(html.contains("<td>draft</td>"), html);
    }

    @Test
    void previewShowsEveryPageAsAnImageAndLinksTheDownload() throws Exception {
        HttpResponse<byte[]> r = get("/preview?clinic=riverside&lang=es&leaflet=contacts");
        assertEquals(200, r.statusCode(), text(r));
        String html = text(r);
        assertTrue(html.contains("src=\"/page.png?clinic=riverside&amp;lang=es&amp;leaflet=contacts&amp;page=1\""), html);
        assertTrue(html.contains("href=\"/pdf?clinic=riverside&amp;lang=es&amp;leaflet=contacts\""), html);
        HttpResponse<byte[]> png = get("/page.png?clinic=riverside&lang=es&leaflet=contacts&page=1");
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(javax.imageio.ImageIO.read(new ByteArrayInputStream(png.body())).getWidth() > 500);
        assertEquals(404, get("/page.png?clinic=riverside&lang=es&leaflet=contacts&page=9").statusCode());
    }

    @Test
    void aPdfDownloadHoldsTheClinicsNameInThatLanguage() throws Exception {
        HttpResponse<byte[]> r = get("/pdf?clinic=riverside&lang=es&leaflet=overview");
        assertEquals(200, r.statusCode());
        assertEquals("attachment; filename=\"riverside-es-overview.pdf\"", r.headers().firstValue("Content-Disposition").orElseThrow());
        try (PDDocument d = Loader.loadPDF(r.body())) {
            String t = new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
            assertTrue(t.contains("Clínica de Cáncer del Hospital Infantil Riverside"), t);
        }
    }

    @Test
    void aZipHoldsEveryChosenLeafletInEveryChosenLanguage() throws Exception {
        HttpResponse<byte[]> r = get("/zip?clinic=riverside&lang=fr&lang=hi&leaflet=overview&leaflet=staging");
        assertEquals(200, r.statusCode(), text(r));
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                assertTrue(new String(zip.readNBytes(5), StandardCharsets.US_ASCII).equals("%PDF-"), e.getName());
            }
        }
        assertEquals(List.of("fr/overview.pdf", "fr/staging.pdf", "hi/overview.pdf", "hi/staging.pdf"), names);
    }

    @Test
    void unknownIdsAndPathTricksAreA404WithAPlainMessage() throws Exception {
        for (String bad : List.of("/pdf?lang=xx&leaflet=overview", "/pdf?lang=../../etc/passwd&leaflet=overview",
                "/pdf?lang=fr&leaflet=..%2F..%2Fpom.xml", "/preview?clinic=../riverside&lang=fr&leaflet=overview",
                "/preview?clinic=nobody&lang=fr&leaflet=overview", "/zip?lang=fr", "/page.png?lang=fr&leaflet=overview&page=one",
                "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/output/fr/overview.pdf", "/content/overview.yaml", "/pdf")) {
            HttpResponse<byte[]> r = get(bad);
            assertEquals(404, r.statusCode(), bad + ": " + text(r));
            assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow(), bad);
            assertFalse(text(r).contains("root:") || text(r).contains("<project"), bad + " leaked a file");
        }
        assertEquals("no such language\n", text(get("/pdf?lang=%3Cscript%3E&leaflet=overview")));
    }

    @Test
    void theServerAnswersOnlyGetAndSurvivesAMalformedRequest() throws Exception {
        HttpResponse<byte[]> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, post.statusCode());
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream o = s.getOutputStream();
            o.write("\u0000\u0001GARBAGE / HTTP/9\r\n\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            s.setSoTimeout(3000);
            InputStream in = s.getInputStream();
            try {
                in.readAllBytes();
            } catch (IOException e) {
                // the server may just close the connection
            }
        }
        assertEquals(200, get("/").statusCode(), "still serving after a malformed request");
    }
}
