package org.handout.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handout.build.Workspace;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps {@code handout serve} from being turned against its user: it answers only to its own
 * address (DNS rebinding), stays responsive with many idle connections, needs a token beyond this
 * computer, leaves no temporary folder behind, and a FIFO among the bundles does not wedge it.
 */
class ServerSafetyTest {
    @TempDir
    Path dir;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A raw request with the given Host header; the status line's code. */
    private static int rawStatus(int port, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /version HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    private static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What a test does with a server: given its address. */
    private interface Use {
        void at(String base) throws Exception;
    }

    /** Runs {@code use} against a server on the project at {@code root}, stopped after. */
    private static void serving(Path root, Use use) throws Exception {
        Server server = new Server(new Workspace(root), "127.0.0.1", 0);
        server.start();
        try {
            use.at("http://127.0.0.1:" + server.port());
        } finally {
            server.stop();
        }
    }

    @Test
    void aRequestForAnotherHostIsRefusedAsDnsRebindingWouldSendIt() throws Exception {
        Server server = new Server(new Workspace(TestProject.REAL), "127.0.0.1", 0);
        server.start();
        try {
            int port = server.port();
            assertEquals(421, rawStatus(port, "attacker.example:" + port), "a rebound name");
            assertEquals(421, rawStatus(port, "127.0.0.1:" + (port + 1)), "another port");
            assertEquals(200, rawStatus(port, "127.0.0.1:" + port));
            assertEquals(200, rawStatus(port, "localhost:" + port));
            assertEquals(200, rawStatus(port, "LOCALHOST:" + port), "host names are case-insensitive");
        } finally {
            server.stop();
        }
    }

    @Test
    void fiftyIdleConnectionsLeaveItAnswering() throws Exception {
        Server server = new Server(new Workspace(TestProject.REAL), "127.0.0.1", 0);
        server.start();
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                if (i % 2 == 0) {
                    // half of them start a request and never finish it
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                idle.add(s);
            }
            long t = System.nanoTime();
            HttpResponse<String> r = get("http://127.0.0.1:" + server.port() + "/version");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(System.nanoTime() - t < 5_000_000_000L, "answered while 50 connections hang");
        } finally {
            for (Socket s : idle) {
                s.close();
            }
            server.stop();
        }
    }

    @Test
    void beyondThisComputerEveryRequestNeedsTheToken() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new Server(new Workspace(TestProject.REAL), "0.0.0.0", 0),
                "no address other computers reach without a token");
        Server server = new Server(new Workspace(TestProject.REAL), "0.0.0.0", 0, Optional.of("s3cret-token"));
        server.start();
        try {
            String base = "http://0.0.0.0:" + server.port();
            // the Host header names the address it listens on
            assertEquals(403, get(base + "/version").statusCode(), "no token");
            assertEquals(403, get(base + "/version?token=wrong").statusCode());
            HttpResponse<String> first = get(base + "/version?token=s3cret-token");
            assertEquals(200, first.statusCode());
            String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith(Server.TOKEN_COOKIE + "=s3cret-token;") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            assertEquals(200, get(base + "/version", "Cookie", Server.TOKEN_COOKIE + "=s3cret-token").statusCode(), "then the cookie is enough");
        } finally {
            server.stop();
        }
    }

    @Test
    void serveRefusesAnAddressOtherComputersReachWithoutExpose() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = org.handout.cli.Main.run(new String[] {"serve", "--root", TestProject.REAL.toString(), "--host", "0.0.0.0", "--port", "0"},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("add --expose to mean it"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void itsTemporaryFolderIsRemovedWhenItStops() throws Exception {
        Server server = new Server(new Workspace(TestProject.REAL), "127.0.0.1", 0);
        server.start();
        Path cache = server.cache();
        HttpResponse<String> r = get("http://127.0.0.1:" + server.port() + "/pdf?lang=en&leaflet=symptoms");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Files.isDirectory(cache));
        server.stop();
        assertFalse(Files.exists(cache), "no folder left behind: " + cache);
    }

    @Test
    void aFifoAmongTheBundlesDoesNotWedgeIt() throws Exception {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Process mkfifo = new ProcessBuilder("mkfifo", p.root().resolve("translations/xx.yaml").toString()).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        serving(p.root(), base -> {
            HttpResponse<String> home = get(base + "/");
            assertEquals(200, home.statusCode(), home.body());
            HttpResponse<String> again = get(base + "/pdf?lang=de&leaflet=symptoms");
            assertEquals(200, again.statusCode(), "and it still builds: " + again.body());
        });
    }

    @Test
    void aBrokenContentFileIsAPlainExplanationOnEveryRouteNotA500() throws Exception {
        TestProject p = TestProject.copyInto(dir.resolve("broken"));
        // the shared strings do not parse: no leaflet can be made (the content does not load at all)
        p.write("content/common.yaml", p.read("content/common.yaml") + "\n  broken: [unclosed\n");
        serving(p.root(), base -> {
            for (String route : List.of("/", "/preview?lang=en&leaflet=overview", "/pdf?lang=en&leaflet=overview",
                    "/zip?lang=en&leaflet=overview", "/page.png?lang=en&leaflet=overview&page=1")) {
                HttpResponse<String> r = get(base + route);
                assertTrue(r.statusCode() != 500, route + " gave a 500: " + r.body());
                assertFalse(r.body().contains("Exception") || r.body().contains("null"), route + ": " + r.body());
                assertTrue(r.body().contains("content/common.yaml"), route + " names the file: " + r.body());
            }
        });
    }

    @Test
    void aLanguageRepeatedInTheZipAddressIsTakenOnce() throws Exception {
        serving(TestProject.REAL, base -> {
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base
                    + "/zip?lang=de&lang=de&leaflet=symptoms&leaflet=symptoms")).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            List<String> names = new ArrayList<>();
            try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(r.body()))) {
                for (java.util.zip.ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                    names.add(e.getName());
                }
            }
            assertEquals(List.of("de/symptoms.pdf"), names);
        });
    }

    @Test
    void aUsClinicsZipIsLetterInEveryLanguage() throws Exception {
        serving(TestProject.REAL, base -> {
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base
                    + "/zip?clinic=riverside&lang=en&lang=de&lang=ar&leaflet=symptoms")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            int pdfs = 0;
            try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(r.body()))) {
                for (java.util.zip.ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                    try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(z.readAllBytes())) {
                        for (org.apache.pdfbox.pdmodel.PDPage page : d.getPages()) {
                            assertEquals(612, Math.round(page.getMediaBox().getWidth()), e.getName() + " is Letter, as the clinic's country (US) prints");
                            assertEquals(792, Math.round(page.getMediaBox().getHeight()), e.getName());
                        }
                    }
                    pdfs++;
                }
            }
            assertEquals(3, pdfs);
            // a paper chosen on the page wins over the country's
            HttpResponse<byte[]> a4 = CLIENT.send(HttpRequest.newBuilder(URI.create(base
                    + "/zip?clinic=riverside&paper=a4&lang=en&leaflet=symptoms")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(a4.body()))) {
                z.getNextEntry();
                try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(z.readAllBytes())) {
                    assertEquals(595, Math.round(d.getPage(0).getMediaBox().getWidth()), "A4 when A4 is chosen");
                }
            }
        });
    }

    @Test
    void everyPageIsLaidOutForThePhoneItIsOpenedOn() throws Exception {
        serving(TestProject.REAL, base -> {
            for (String route : List.of("/", "/preview?lang=en&leaflet=symptoms")) {
                String body = get(base + route).body();
                // without it a phone lays the page out 980 px wide, its text 6 px high
                assertTrue(body.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), route);
            }
        });
    }

    /** A copy of the project whose German bundle lacks one sentence of the symptoms leaflet. */
    private TestProject withAGap(String name) throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve(name));
        p.write("translations/de.yaml", TestProject.withoutEntry(p.read("translations/de.yaml"), "symptoms.term.fast-heartbeat"));
        return p;
    }

    private static HttpResponse<byte[]> bytes(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void oneLeafletThatCannotBeGivenOutLeavesTheRestOfTheZipWithANoteSayingWhatIsMissing() throws Exception {
        serving(withAGap("gap").root(), base -> {
            HttpResponse<byte[]> r = bytes(base + "/zip?lang=de&lang=fr&leaflet=symptoms&leaflet=contacts");
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            assertEquals(List.of("de/contacts.pdf", "fr/symptoms.pdf", "fr/contacts.pdf", "NOT-INCLUDED.txt"), entries(r.body()));
            assertEquals("1", r.headers().firstValue("X-Handout-Left-Out").orElseThrow());
            String note;
            try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(r.body()))) {
                java.util.zip.ZipEntry e;
                do {
                    e = z.getNextEntry();
                } while (!e.getName().equals("NOT-INCLUDED.txt"));
                note = new String(z.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(note.contains("1 of the 4 chosen leaflets is not in this ZIP file:"), note);
            assertTrue(note.contains("Signs and symptoms of neuroblastoma in German. Its translation is not finished"), note);
            assertTrue(note.contains("Ask the German translator to finish it."), note);
            // in Spanish when the page is
            HttpResponse<byte[]> es = bytes(base + "/zip?lang=de&lang=fr&leaflet=symptoms&ui=es");
            assertEquals(List.of("fr/symptoms.pdf", "NO-INCLUIDOS.txt"), entries(es.body()));
            // nothing at all to give out: a page that says so, and the way back to the choice
            HttpResponse<byte[]> none = bytes(base + "/zip?lang=de&leaflet=symptoms");
            String html = new String(none.body(), StandardCharsets.UTF_8);
            assertEquals(409, none.statusCode(), html);
            assertTrue(html.contains("None of the chosen leaflets can be downloaded yet.") && html.contains("href=\"/?lang=de&amp;leaflet=symptoms\""), html);
        });
    }

    @Test
    void thePreviewWarnsBeforeADownloadWouldBeRefusedAndTheRefusalExplainsInPlainWords() throws Exception {
        serving(withAGap("warn").root(), base -> {
            String preview = get(base + "/preview?lang=de&leaflet=symptoms").body();
            assertTrue(preview.contains("<h2>This leaflet cannot be given to families yet</h2>"), preview);
            assertFalse(preview.contains("id=\"download\""), "no download link that would be refused: " + preview);
            assertTrue(preview.contains("<img class=\"page\""), "the draft can still be looked at: " + preview);
            String several = get(base + "/preview?lang=de&lang=fr&leaflet=symptoms").body();
            assertTrue(several.contains("1 of the 2 chosen leaflets is not ready and will be left out of the ZIP file:"), several);
            HttpResponse<String> refused = get(base + "/pdf?lang=de&leaflet=symptoms");
            assertEquals(409, refused.statusCode());
            assertEquals("text/html; charset=utf-8", refused.headers().firstValue("Content-Type").orElseThrow());
            String html = refused.body();
            assertTrue(html.contains("“Signs and symptoms of neuroblastoma” in German cannot be downloaded yet."), html);
            assertTrue(html.contains("Ask the German translator to finish it."), html);
            assertTrue(html.contains("translations/de.yaml"), "the details name the file: " + html);
            assertTrue(html.contains("href=\"/preview?lang=de&amp;leaflet=symptoms&amp;show=de%2Fsymptoms\""), "a way back: " + html);
            assertFalse(html.contains("Exception") || html.contains("at org."), html);
        });
    }

    @Test
    void concurrentPreviewsOfDifferentLanguagesEachGetTheirOwnPage() throws Exception {
        serving(TestProject.REAL, base -> {
            List<String> langs = List.of("en", "de", "ar", "hi", "ja", "ru", "th", "vi");
            List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> all = new ArrayList<>();
            for (String l : langs) {
                all.add(CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(base + "/page.png?lang=" + l
                        + "&leaflet=symptoms&page=1")).timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray()));
            }
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (int i = 0; i < langs.size(); i++) {
                HttpResponse<byte[]> r = all.get(i).get();
                assertEquals(200, r.statusCode(), langs.get(i) + ": " + new String(r.body(), StandardCharsets.UTF_8));
                assertTrue(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body())) != null, langs.get(i));
                distinct.add(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(r.body())));
            }
            assertEquals(langs.size(), distinct.size(), "every language its own page, none another's");
        });
    }

    @Test
    void aRequestWithABodyOrTooManyHeadersIsRefused() throws Exception {
        Server server = new Server(new Workspace(TestProject.REAL), "127.0.0.1", 0);
        server.start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /version HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("413", status.substring(9, 12));
        } finally {
            server.stop();
        }
        Server again = new Server(new Workspace(TestProject.REAL), "127.0.0.1", 0);
        again.start();
        try (Socket s = new Socket("127.0.0.1", again.port())) {
            s.setSoTimeout(10_000);
            StringBuilder headers = new StringBuilder("GET /version HTTP/1.1\r\nHost: 127.0.0.1:" + again.port() + "\r\n");
            for (int i = 0; i < 200; i++) {
                headers.append("X-Filler-").append(i).append(": ").append("x".repeat(100)).append("\r\n");
            }
            s.getOutputStream().write(headers.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            byte[] answer;
            try {
                answer = s.getInputStream().readNBytes(12);
            } catch (IOException e) {
                answer = new byte[0]; // closed without an answer: refused too
            }
            String status = new String(answer, StandardCharsets.US_ASCII);
            assertTrue(answer.length == 0 || !status.substring(9, 12).equals("200"), "200 headers of 100 bytes are not read: " + status);
            assertEquals(200, rawStatus(again.port(), "127.0.0.1:" + again.port()), "and it goes on serving");
        } finally {
            again.stop();
        }
    }

    @Test
    void theProgressOfAZipIsReportedByItsJob() throws Exception {
        serving(TestProject.REAL, base -> {
            assertEquals("{\"known\":false}", get(base + "/progress?job=abcdef123456").body());
            HttpResponse<byte[]> zip = bytes(base + "/zip?lang=de&lang=fr&leaflet=symptoms&job=abcdef123456");
            assertEquals(200, zip.statusCode());
            assertEquals("{\"known\":true,\"done\":2,\"total\":2,\"leftOut\":0,\"finished\":true}", get(base + "/progress?job=abcdef123456").body());
        });
    }

    @Test
    void aHugeBundleIsRefusedByItsSizeWithoutBeingReadAndTheRestIsServed() throws Exception {
        TestProject p = TestProject.copyInto(dir.resolve("huge"));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.root().resolve("translations/xx.yaml").toFile(), "rw")) {
            f.setLength(200L << 20); // 200 MB, sparse
        }
        serving(p.root(), base -> {
            long start = System.nanoTime();
            assertEquals(200, get(base + "/").statusCode());
            HttpResponse<String> tr = get(base + "/translate?lang=xx&leaflet=symptoms");
            assertTrue(tr.body().contains("translations/xx.yaml"), tr.body().length() > 2000 ? tr.body().substring(0, 2000) : tr.body());
            assertEquals(200, get(base + "/pdf?lang=de&leaflet=symptoms").statusCode(), "the other languages are still served");
            assertTrue(System.nanoTime() - start < 60_000_000_000L, "answered without reading 200 MB");
        });
    }
}
