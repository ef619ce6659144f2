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
        Server server = new Server(new Workspace(p.root()), "127.0.0.1", 0);
        server.start();
        try {
            HttpResponse<String> home = get("http://127.0.0.1:" + server.port() + "/");
            assertEquals(200, home.statusCode(), home.body());
            HttpResponse<String> again = get("http://127.0.0.1:" + server.port() + "/pdf?lang=de&leaflet=symptoms");
            assertEquals(200, again.statusCode(), "and it still builds: " + again.body());
        } finally {
            server.stop();
        }
    }

    @Test
    void aBrokenContentFileIsAPlainExplanationOnEveryRouteNotA500() throws Exception {
        TestProject p = TestProject.copyInto(dir.resolve("broken"));
        // the shared strings do not parse: no leaflet can be made (the content does not load at all)
        p.write("content/common.yaml", p.read("content/common.yaml") + "\n  broken: [unclosed\n");
        Server server = new Server(new Workspace(p.root()), "127.0.0.1", 0);
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.port();
            for (String route : List.of("/", "/preview?lang=en&leaflet=overview", "/pdf?lang=en&leaflet=overview",
                    "/zip?lang=en&leaflet=overview", "/page.png?lang=en&leaflet=overview&page=1")) {
                HttpResponse<String> r = get(base + route);
                assertTrue(r.statusCode() != 500, route + " gave a 500: " + r.body());
                assertFalse(r.body().contains("Exception") || r.body().contains("null"), route + ": " + r.body());
                assertTrue(r.body().contains("content/common.yaml"), route + " names the file: " + r.body());
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void aLanguageRepeatedInTheZipAddressIsTakenOnce() throws Exception {
        Server server = new Server(new Workspace(TestProject.REAL), "127.0.0.1", 0);
        server.start();
        try {
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/zip?lang=de&lang=de&leaflet=symptoms&leaflet=symptoms")).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            List<String> names = new ArrayList<>();
            try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(r.body()))) {
                for (java.util.zip.ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                    names.add(e.getName());
                }
            }
            assertEquals(List.of("de/symptoms.pdf"), names);
        } finally {
            server.stop();
        }
    }

    @Test
    void aUsClinicsZipIsLetterInEveryLanguage() throws Exception {
        Server server = new Server(new Workspace(TestProject.REAL), "127.0.0.1", 0);
        server.start();
        try {
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
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
        } finally {
            server.stop();
        }
    }

    @Test
    void everyPageIsLaidOutForThePhoneItIsOpenedOn() throws Exception {
        Server server = new Server(new Workspace(TestProject.REAL), "127.0.0.1", 0);
        server.start();
        try {
            for (String route : List.of("/", "/preview?lang=en&leaflet=symptoms")) {
                String body = get("http://127.0.0.1:" + server.port() + route).body();
                // without it a phone lays the page out 980 px wide, its text 6 px high
                assertTrue(body.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), route);
            }
        } finally {
            server.stop();
        }
    }
}
