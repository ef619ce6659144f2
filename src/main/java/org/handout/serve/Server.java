package org.handout.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.handout.build.BuildOptions;
import org.handout.build.BuildReport;
import org.handout.build.Pipeline;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.preview.PageImages;
import org.handout.workflow.Translators;

/**
 * {@code handout serve}: a local web page to build, preview and download leaflets, for the
 * nurses and receptionists who print them and the translators who check their work. It binds to
 * 127.0.0.1 unless told otherwise, answers only its own routes, names clinics, languages and
 * leaflets by id (never by path: an unknown id is a 404), and builds what it serves into a folder
 * of its own. Every page is built from the inputs as they are on disk at the request, so a
 * translator's saved edit shows at the next load (the preview page reloads itself when an input
 * changes). All text put into a page is HTML-escaped.
 */
public final class Server {
    private final Workspace ws;
    private final Path cache;
    private final HttpServer http;
    private final Object building = new Object();

    public Server(Workspace ws, String host, int port) throws IOException {
        this.ws = ws;
        this.cache = Files.createTempDirectory("handout-serve");
        this.http = HttpServer.create(new InetSocketAddress(host, port), 16);
        http.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "handout-serve");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/", this::handle);
    }

    public void start() {
        http.start();
    }

    public void stop() {
        http.stop(0);
    }

    /** The port it listens on (useful when started on port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** A request: its path and its query parameters (each name may repeat). */
    private record Request(String path, Map<String, List<String>> params) {
        Optional<String> one(String name) {
            List<String> v = params.getOrDefault(name, List.of());
            return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }
    }

    /** An answer that is not a page: a status and a plain message. */
    private static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                    throw new Refusal(405, "only GET is served here");
                }
                Request req = parse(ex);
                switch (req.path()) {
                    case "/" -> send(ex, 200, "text/html; charset=utf-8", home().getBytes(StandardCharsets.UTF_8), null);
                    case "/preview" -> send(ex, 200, "text/html; charset=utf-8", preview(req).getBytes(StandardCharsets.UTF_8), null);
                    case "/page.png" -> send(ex, 200, "image/png", page(req), null);
                    case "/pdf" -> pdf(ex, req);
                    case "/zip" -> zip(ex, req);
                    case "/version" -> send(ex, 200, "text/plain; charset=utf-8", version().getBytes(StandardCharsets.UTF_8), null);
                    default -> throw new Refusal(404, "not found");
                }
            } catch (Refusal r) {
                send(ex, r.status, "text/plain; charset=utf-8", (r.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), null);
            } catch (RuntimeException e) {
                send(ex, 500, "text/plain; charset=utf-8", "the server could not answer: " .concat(String.valueOf(e.getMessage()))
                        .concat("\n").getBytes(StandardCharsets.UTF_8), null);
            }
        }
    }

    private static Request parse(HttpExchange ex) {
        String path = ex.getRequestURI().getRawPath();
        Map<String, List<String>> params = new LinkedHashMap<>();
        String query = ex.getRequestURI().getRawQuery();
        if (query != null && query.length() > 4096) {
            throw new Refusal(414, "the request is too long");
        }
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                } catch (IllegalArgumentException e) {
                    throw new Refusal(400, "the request's query is not well formed");
                }
            }
        }
        return new Request(path, params);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, String filename) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'");
        if (filename != null) {
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    // ---- the ids a request may name ----------------------------------------------------------

    private List<String> clinics() {
        if (!Files.isDirectory(ws.clinics())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(ws.clinics())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches(org.handout.clinic.Clinic.ID + "\\.yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private String clinic(Request req) {
        String c = req.one("clinic").orElse("");
        if (!c.isEmpty() && !clinics().contains(c)) {
            throw new Refusal(404, "no such clinic");
        }
        return c;
    }

    private static String chosen(Request req, String name, List<String> known, String what) {
        String v = req.one(name).orElseThrow(() -> new Refusal(404, "choose a " + what));
        if (!known.contains(v)) {
            throw new Refusal(404, "no such " + what);
        }
        return v;
    }

    // ---- building ----------------------------------------------------------------------------

    /** Builds (or finds up to date) one leaflet; a preview is a draft build, a download is a release build. */
    private Path built(String clinic, String lang, String leaflet, boolean draft) {
        synchronized (building) {
            Path out = cache.resolve(draft ? "preview" : "release");
            BuildOptions options = new BuildOptions(List.of(lang), List.of(leaflet), out, Optional.empty(), Optional.empty(),
                    org.handout.layout.Align.START, draft).withJobs(1)
                    .withClinic(clinic.isEmpty() ? Optional.empty() : Optional.of(ws.clinics().resolve(clinic + ".yaml")));
            BuildReport r = new Pipeline(ws, new PrintStream(OutputStream.nullOutputStream())).build(options);
            Path pdf = (clinic.isEmpty() ? out : Pipeline.clinicOutput(out, clinic)).resolve(lang).resolve(leaflet + ".pdf");
            if (!Files.isRegularFile(pdf) || r.stale().containsKey(pdf) || r.usageError()) {
                String why = r.problems().stream().filter(p -> p.isError()).findFirst().map(p -> p.format()).orElse("it could not be built");
                throw new Refusal(409, "not built: " + why + (draft ? "" : "\n(handout check lists what the translation still needs)"));
            }
            return pdf;
        }
    }

    private Project project;
    private String projectVersion = "";

    /** The project as the files are now: loaded again only when a file under content/, translations/, clinics/ or fonts/ changed. */
    private synchronized Project project() {
        String v = version();
        if (project == null || !v.equals(projectVersion)) {
            project = Project.load(ws);
            projectVersion = v;
        }
        return project;
    }

    private String version() {
        StringBuilder b = new StringBuilder();
        for (Path dir : List.of(ws.content(), ws.translations(), ws.clinics(), ws.fonts())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.sorted().toList()) {
                    b.append(f.getFileName()).append(Files.getLastModifiedTime(f).toMillis()).append(Files.size(f));
                }
            } catch (IOException e) {
                b.append("?");
            }
        }
        return Integer.toHexString(b.toString().hashCode());
    }

    // ---- the pages ---------------------------------------------------------------------------

    private String home() {
        Project project = project();
        if (project.content() == null || project.languages() == null) {
            throw new Refusal(503, "the content has errors: run handout check");
        }
        List<String> langs = project.languageTags();
        List<String> leaflets = project.content().leafletIds();
        Html h = Html.page("handout: patient leaflets");
        h.raw("<h1>Patient leaflets</h1>");
        h.raw("<form action=\"/preview\" method=\"get\"><fieldset><legend>See a leaflet</legend>");
        h.raw("<label>Clinic <select name=\"clinic\" id=\"clinic\"><option value=\"\">(none: national edition)</option>");
        for (String c : clinics()) {
            h.raw("<option value=\"").text(c).raw("\">").text(c).raw("</option>");
        }
        h.raw("</select></label> <label>Language <select name=\"lang\" id=\"lang\">");
        for (String l : langs) {
            h.raw("<option value=\"").text(l).raw("\">").text(l).raw(" — ")
                    .text(com.ibm.icu.util.ULocale.forLanguageTag(l).getDisplayName(com.ibm.icu.util.ULocale.forLanguageTag(l))).raw("</option>");
        }
        h.raw("</select></label> <label>Leaflet <select name=\"leaflet\" id=\"leaflet\">");
        for (String l : leaflets) {
            h.raw("<option value=\"").text(l).raw("\">").text(l).raw("</option>");
        }
        h.raw("</select></label> <button type=\"submit\" id=\"show\">Show the pages</button></fieldset></form>");
        h.raw("<form action=\"/zip\" method=\"get\"><fieldset><legend>Download several as a ZIP</legend>");
        h.raw("<input type=\"hidden\" name=\"clinic\" id=\"zipclinic\" value=\"\">");
        for (String l : langs) {
            h.raw("<label><input type=\"checkbox\" name=\"lang\" value=\"").text(l).raw("\"> ").text(l).raw("</label> ");
        }
        h.raw("<br>");
        for (String l : leaflets) {
            h.raw("<label><input type=\"checkbox\" name=\"leaflet\" value=\"").text(l).raw("\"> ").text(l).raw("</label> ");
        }
        h.raw(" <button type=\"submit\">Download ZIP</button></fieldset></form>");
        h.raw("<script>document.getElementById('clinic').addEventListener('change',function(e){"
                + "document.getElementById('zipclinic').value=e.target.value;});</script>");
        h.raw("<h2>Where each language stands</h2><table><tr><th>language</th>");
        for (String l : leaflets) {
            h.raw("<th>").text(l).raw("</th>");
        }
        h.raw("<th>review</th></tr>");
        Map<String, List<Translators.Cell>> rows = new LinkedHashMap<>();
        new Translators(ws, project).status().forEach(c -> rows.computeIfAbsent(c.language(), k -> new ArrayList<>()).add(c));
        rows.forEach((lang, cells) -> {
            h.raw("<tr><td>").text(lang).raw("</td>");
            for (Translators.Cell c : cells) {
                String state = c.missing() > 0 ? "missing " + c.missing() : c.stale() > 0 ? "stale " + c.stale() : "complete";
                h.raw("<td>").text(c.percent() + "% " + state).raw("</td>");
            }
            h.raw("<td>").text(cells.get(0).review()).raw("</td></tr>");
        });
        h.raw("</table>");
        return h.end();
    }

    private String preview(Request req) {
        Project project = project();
        String clinic = clinic(req);
        String lang = chosen(req, "lang", project.languageTags(), "language");
        String leaflet = chosen(req, "leaflet", project.content().leafletIds(), "leaflet");
        Path pdf = built(clinic, lang, leaflet, true);
        int pages;
        try {
            pages = PageImages.pageCount(pdf);
        } catch (IOException e) {
            throw new Refusal(500, "cannot read the leaflet: " + e.getMessage());
        }
        String query = "clinic=" + Html.url(clinic) + "&lang=" + Html.url(lang) + "&leaflet=" + Html.url(leaflet);
        Html h = Html.page(leaflet + " (" + lang + ")");
        h.raw("<p><a href=\"/\">Back</a> · <a id=\"download\" href=\"/pdf?").text(query).raw("\">Download the PDF</a></p>");
        h.raw("<h1>").text(leaflet).raw(" — ").text(lang).raw(clinic.isEmpty() ? "" : " — ").text(clinic).raw("</h1>");
        for (int i = 1; i <= pages; i++) {
            h.raw("<p><img class=\"page\" alt=\"page ").text(String.valueOf(i)).raw("\" src=\"/page.png?").text(query)
                    .raw("&amp;page=").text(String.valueOf(i)).raw("\"></p>");
        }
        h.raw("<script>var v='").text(version()).raw("';setInterval(function(){fetch('/version').then(function(r){return r.text();})"
                + ".then(function(t){if(t!==v){location.reload();}});},2000);</script>");
        return h.end();
    }

    private byte[] page(Request req) {
        Project project = project();
        String clinic = clinic(req);
        String lang = chosen(req, "lang", project.languageTags(), "language");
        String leaflet = chosen(req, "leaflet", project.content().leafletIds(), "leaflet");
        int page;
        try {
            page = Integer.parseInt(req.one("page").orElse("1"));
        } catch (NumberFormatException e) {
            throw new Refusal(404, "no such page");
        }
        Path pdf = built(clinic, lang, leaflet, true);
        try {
            Path dir = Files.createTempDirectory(cache, "png");
            List<Path> png = PageImages.render(pdf, List.of(page), 80, dir, "p");
            if (png.isEmpty()) {
                throw new Refusal(404, "no such page");
            }
            byte[] bytes = Files.readAllBytes(png.get(0));
            Files.delete(png.get(0));
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new Refusal(500, "cannot render the page: " + e.getMessage());
        }
    }

    private void pdf(HttpExchange ex, Request req) throws IOException {
        Project project = project();
        String clinic = clinic(req);
        String lang = chosen(req, "lang", project.languageTags(), "language");
        String leaflet = chosen(req, "leaflet", project.content().leafletIds(), "leaflet");
        Path pdf = built(clinic, lang, leaflet, false);
        String name = (clinic.isEmpty() ? "" : clinic + "-") + lang + "-" + leaflet + ".pdf";
        send(ex, 200, "application/pdf", Files.readAllBytes(pdf), name);
    }

    private void zip(HttpExchange ex, Request req) throws IOException {
        Project project = project();
        String clinic = clinic(req);
        List<String> langs = req.params().getOrDefault("lang", List.of());
        List<String> leaflets = req.params().getOrDefault("leaflet", List.of());
        if (langs.isEmpty() || leaflets.isEmpty()) {
            throw new Refusal(404, "choose at least one language and one leaflet");
        }
        for (String l : langs) {
            if (!project.languageTags().contains(l)) {
                throw new Refusal(404, "no such language");
            }
        }
        for (String l : leaflets) {
            if (!project.content().leafletIds().contains(l)) {
                throw new Refusal(404, "no such leaflet");
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String lang : langs) {
                for (String leaflet : leaflets) {
                    Path pdf = built(clinic, lang, leaflet, false);
                    ZipEntry e = new ZipEntry(lang + "/" + leaflet + ".pdf");
                    e.setTime(0);
                    zip.putNextEntry(e);
                    zip.write(Files.readAllBytes(pdf));
                    zip.closeEntry();
                }
            }
        }
        send(ex, 200, "application/zip", bytes.toByteArray(), (clinic.isEmpty() ? "leaflets" : clinic) + ".zip");
    }

    /** Prints where it listens and serves until the process ends. */
    public static int run(Workspace ws, String host, int port, PrintStream out) throws IOException, InterruptedException {
        Server s = new Server(ws, host, port);
        s.start();
        out.printf(Locale.ROOT, "serving http://%s:%d/ (Ctrl-C to stop)%n", host.contains(":") ? "[" + host + "]" : host, s.port());
        Thread.currentThread().join();
        return 0;
    }
}
