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

    static HttpResponse<byte[]> get(String path, String header, String value) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).header(header, value).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theHomePageOffersClinicsByNameLanguagesInTheirOwnScriptLeafletsByTitleAndPaper() throws Exception {
        HttpResponse<byte[]> r = get("/");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        String html = text(r);
        assertTrue(html.contains("<option value=\"riverside\">Riverside Children&#39;s Hospital Cancer Clinic — Letter paper</option>"), html);
        // a language by its own name, in its own language and direction, and by its name in the page's language
        assertTrue(html.contains("<span class=\"own\" lang=\"ar\" dir=\"auto\">العربية</span><span class=\"sub\">Arabic</span>"), html);
        assertTrue(html.contains("<span class=\"own\" lang=\"ht\" dir=\"auto\">Kreyòl ayisyen</span>"), "ICU has no own name for ht: " + html);
        assertTrue(html.contains("<span class=\"title\">Stages and treatment of neuroblastoma</span>"), html);
        assertTrue(html.contains("<select id=\"paper\" name=\"paper\">"), html);
        // one form holds the whole choice: the ZIP cannot be of another clinic than the one shown
        assertEquals(1, html.split("<form ", -1).length - 1, html);
        assertTrue(html.contains("formaction=\"/zip\""), html);
        // languages in the order of their names in the page's language: Arabic before Bangla before German
        assertTrue(html.indexOf("value=\"ar\"") < html.indexOf("value=\"bn\"") && html.indexOf("value=\"bn\"") < html.indexOf("value=\"de\""), html);
    }

    @Test
    void theChoiceInTheAddressIsTheChoiceOnThePage() throws Exception {
        String html = text(get("/?clinic=riverside&paper=a4&lang=es&lang=ar&leaflet=contacts"));
        assertTrue(html.contains("<option value=\"riverside\" selected>"), html);
        assertTrue(html.contains("<option value=\"a4\" selected>"), html);
        assertTrue(html.contains("id=\"lang-es\" value=\"es\" checked>") && html.contains("id=\"lang-ar\" value=\"ar\" checked>"), html);
        assertTrue(html.contains("id=\"leaflet-contacts\" value=\"contacts\" checked>"), html);
        assertFalse(html.contains("id=\"lang-fr\" value=\"fr\" checked>"), html);
        assertEquals(404, get("/?paper=b5").statusCode());
    }

    @Test
    void thePageSpeaksSpanishWhenAskedOrWhenTheBrowserPrefersIt() throws Exception {
        String asked = text(get("/?ui=es"));
        assertTrue(asked.startsWith("<!DOCTYPE html><html lang=\"es\" dir=\"ltr\">"), asked);
        assertTrue(asked.contains("<h1>Imprimir o descargar folletos para pacientes</h1>"), asked);
        assertTrue(asked.contains("<span class=\"sub\">árabe</span>"), "a language named in the page's language: " + asked);
        assertTrue(asked.contains("<input type=\"hidden\" name=\"ui\" value=\"es\">"), "the page's language goes with the choice: " + asked);
        String preferred = text(get("/", "Accept-Language", "es-MX,es;q=0.9,en;q=0.5"));
        assertTrue(preferred.contains("<html lang=\"es\""), preferred);
        String unknown = text(get("/", "Accept-Language", "sw,zz;q=0.5"));
        assertTrue(unknown.contains("<html lang=\"en\""), "English when the page has none of the browser's languages: " + unknown);
        assertTrue(text(get("/", "Accept-Language", "x".repeat(600) + ",,;;q=")).contains("<html lang=\"en\""));
    }

    @Test
    void theTranslatorsPageShowsBothLanguagesPageByPageAndWhereEachLanguageStands() throws Exception {
        HttpResponse<byte[]> r = get("/translate?lang=es&leaflet=symptoms");
        assertEquals(200, r.statusCode(), text(r));
        String html = text(r);
        assertTrue(html.contains("src=\"/page.png?lang=en&amp;leaflet=symptoms&amp;page=1&amp;draft=1\""), html);
        assertTrue(html.contains("src=\"/page.png?lang=es&amp;leaflet=symptoms&amp;page=1&amp;draft=1\""), html);
        assertTrue(html.contains("<h3>Problems on page 1</h3>"), html);
        assertTrue(html.contains("data-version=\""), "it reloads itself when a file is saved: " + html);
        assertTrue(html.contains("<th scope=\"row\"><span lang=\"de\" dir=\"auto\">Deutsch</span> <code>de</code></th><td>100 % · complete</td>"), html);
        assertEquals(404, get("/translate?lang=en&leaflet=symptoms").statusCode(), "English is the source, not a translation");
        assertEquals(404, get("/translate?lang=es&leaflet=nothing").statusCode());
    }

    @Test
    void previewShowsEveryPageAsAnImageAndLinksTheDownloadAndThePrint() throws Exception {
        HttpResponse<byte[]> r = get("/preview?clinic=riverside&lang=es&leaflet=contacts");
        assertEquals(200, r.statusCode(), text(r));
        String html = text(r);
        assertTrue(html.contains("src=\"/page.png?clinic=riverside&amp;lang=es&amp;leaflet=contacts&amp;page=1\""), html);
        assertTrue(html.contains("href=\"/pdf?clinic=riverside&amp;lang=es&amp;leaflet=contacts\""), html);
        assertTrue(html.contains("href=\"/pdf?clinic=riverside&amp;lang=es&amp;leaflet=contacts&amp;inline=1\""), html);
        assertTrue(html.contains("href=\"/?clinic=riverside&amp;lang=es&amp;leaflet=contacts\""), "back to the same choice: " + html);
        HttpResponse<byte[]> png = get("/page.png?clinic=riverside&lang=es&leaflet=contacts&page=1");
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(javax.imageio.ImageIO.read(new ByteArrayInputStream(png.body())).getWidth() > 500);
        HttpResponse<byte[]> thumb = get("/page.png?lang=en&leaflet=contacts&page=1&size=thumb&draft=1");
        assertTrue(javax.imageio.ImageIO.read(new ByteArrayInputStream(thumb.body())).getWidth() < 250, "a thumbnail is small");
        assertEquals(404, get("/page.png?clinic=riverside&lang=es&leaflet=contacts&page=9").statusCode());
        HttpResponse<byte[]> inline = get("/pdf?lang=es&leaflet=contacts&inline=1");
        assertEquals("inline; filename=\"es-contacts.pdf\"", inline.headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void severalChosenLeafletsArePreviewedOneAtATimeWithAZipOfThemAll() throws Exception {
        String html = text(get("/preview?lang=es&lang=fr&leaflet=contacts&leaflet=overview&show=fr/overview"));
        assertTrue(html.contains("aria-current=\"page\"><span lang=\"fr\" dir=\"auto\">Français</span>"), html);
        assertTrue(html.contains("href=\"/zip?lang=es&amp;lang=fr&amp;leaflet=contacts&amp;leaflet=overview\">Download all 4 ready leaflets as a ZIP"), html);
        assertEquals(404, get("/preview?lang=es&leaflet=contacts&show=fr/overview").statusCode(), "only what was chosen is shown");
        HttpResponse<byte[]> none = get("/preview?lang=es");
        assertEquals(400, none.statusCode());
        assertTrue(text(none).contains("Choose at least one language and at least one leaflet.") && text(none).contains("href=\"/?lang=es\""), text(none));
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
                "/preview?clinic=nobody&lang=fr&leaflet=overview", "/page.png?lang=fr&leaflet=overview&page=one",
                "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/output/fr/overview.pdf", "/content/overview.yaml")) {
            HttpResponse<byte[]> r = get(bad);
            assertEquals(404, r.statusCode(), bad + ": " + text(r));
            String type = r.headers().firstValue("Content-Type").orElseThrow();
            assertEquals(bad.startsWith("/page.png") ? "text/plain; charset=utf-8" : "text/html; charset=utf-8", type, bad);
            assertFalse(text(r).contains("root:") || text(r).contains("<project"), bad + " leaked a file");
        }
        String script = text(get("/pdf?lang=%3Cscript%3E&leaflet=overview"));
        assertTrue(script.contains("<p>There is no such language.</p>"), script);
        assertFalse(script.contains("<script>"), "nothing a request holds becomes markup: " + script);
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
