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
    /** The cookie a browser keeps the access token in, once it has opened the address printed with it. */
    static final String TOKEN_COOKIE = "handout-token";

    static {
        // the JDK's server reads these once: a connection that sends nothing, or a request that
        // comes byte by byte, is closed instead of holding a worker (seconds); connections are capped
        setIfAbsent("sun.net.httpserver.maxReqTime", "20");
        setIfAbsent("sun.net.httpserver.maxRspTime", "600");
        setIfAbsent("sun.net.httpserver.idleInterval", "10");
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "64");
        setIfAbsent("sun.net.httpserver.maxConnections", "256");
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private final Workspace ws;
    private final Path cache;
    private final HttpServer http;
    private final Object building = new Object();
    /** The Host headers the server answers to ({@code 127.0.0.1:8377}, {@code localhost:8377}, ...), lower case. */
    private final java.util.Set<String> hosts = new java.util.HashSet<>();
    /** The access token a request must carry when the server listens beyond this computer. */
    private final Optional<String> token;
    private final Thread cleanup;

    /** A server on a loopback address ({@code 127.0.0.1}, {@code ::1}): this computer only, no token. */
    public Server(Workspace ws, String host, int port) throws IOException {
        this(ws, host, port, Optional.empty());
    }

    /**
     * A server on {@code host}; an address beyond this computer needs an access {@code token},
     * which every request must carry (as {@code ?token=} once, then as a cookie).
     */
    public Server(Workspace ws, String host, int port, Optional<String> token) throws IOException {
        this.ws = ws;
        this.token = token;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("no such address to listen on: " + host);
        }
        if (!isLoopback(address) && token.isEmpty()) {
            throw new IllegalArgumentException(host + " is reachable from other computers; serve it only with --expose, which sets an access token");
        }
        this.cache = Files.createTempDirectory("handout-serve");
        this.http = HttpServer.create(address, 64);
        // a virtual thread per exchange: the JDK's server reads a request's headers on the exchange's
        // thread, so with a fixed pool a few connections that start a request and never finish it
        // (or just stay open) took every worker; connections are capped above, and builds run one at a time
        http.setExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("handout-serve-", 0).factory()));
        http.createContext("/", this::handle);
        int bound = http.getAddress().getPort();
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(host));
        if (isLoopback(address)) {
            names.addAll(java.util.List.of("127.0.0.1", "localhost", "[::1]"));
        }
        for (String n : names) {
            String name = n.contains(":") && !n.startsWith("[") ? "[" + n + "]" : n;
            hosts.add((name + ":" + bound).toLowerCase(Locale.ROOT));
        }
        // the temporary folder goes with the process, however it ends
        this.cleanup = new Thread(this::removeCache, "handout-serve-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static boolean isLoopback(InetSocketAddress a) {
        return a.getAddress() != null && a.getAddress().isLoopbackAddress();
    }

    public void start() {
        http.start();
    }

    /** Stops serving and removes its temporary folder. */
    public void stop() {
        http.stop(0);
        removeCache();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    /** The folder the server builds into (removed when it stops). */
    Path cache() {
        return cache;
    }

    private void removeCache() {
        if (!Files.exists(cache)) {
            return;
        }
        try (Stream<Path> s = Files.walk(cache)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: the system's temporary folder is cleaned eventually
        }
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
                // DNS rebinding: a page of another site that resolves its name to this address is refused
                String host = ex.getRequestHeaders().getFirst("Host");
                if (host == null || !hosts.contains(host.strip().toLowerCase(Locale.ROOT))) {
                    throw new Refusal(421, "this server answers only to its own address (" + String.join(", ", new java.util.TreeSet<>(hosts)) + ")");
                }
                if (token.isPresent()) {
                    admit(ex);
                }
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

    /**
     * A request to a server reachable from other computers carries the access token: in the
     * query once (the address printed at start), which sets a cookie, or in that cookie.
     */
    private void admit(HttpExchange ex) {
        String expected = token.orElseThrow();
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=") && same(pair.substring(6), expected)) {
                    ex.getResponseHeaders().add("Set-Cookie", TOKEN_COOKIE + "=" + expected + "; Path=/; HttpOnly; SameSite=Strict");
                    return;
                }
            }
        }
        for (String cookies : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String c : cookies.split(";")) {
                String kv = c.strip();
                if (kv.startsWith(TOKEN_COOKIE + "=") && same(kv.substring(TOKEN_COOKIE.length() + 1), expected)) {
                    return;
                }
            }
        }
        throw new Refusal(403, "open the address handout serve printed, with its token");
    }

    private static boolean same(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
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

    /**
     * The project, when its content and bundles load; otherwise a refusal that says, in plain
     * words, which files and lines are wrong (the page recovers by itself once they are fixed).
     */
    private Project usable() {
        Project project = project();
        if (project.content() == null || project.languages() == null) {
            List<String> where = project.problems().stream().filter(org.handout.report.Problem::isError).limit(10)
                    .map(org.handout.report.Problem::format).toList();
            throw new Refusal(503, "The leaflets cannot be made right now: a file they are made from has a mistake.\n"
                    + String.join("\n", where) + "\nWhoever edits the files can fix it (handout check lists every problem);"
                    + " this page works again as soon as the file is saved fixed.");
        }
        return project;
    }

    private String home() {
        Project project = usable();
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
        Project project = usable();
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
        Project project = usable();
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
        Project project = usable();
        String clinic = clinic(req);
        String lang = chosen(req, "lang", project.languageTags(), "language");
        String leaflet = chosen(req, "leaflet", project.content().leafletIds(), "leaflet");
        Path pdf = built(clinic, lang, leaflet, false);
        String name = (clinic.isEmpty() ? "" : clinic + "-") + lang + "-" + leaflet + ".pdf";
        send(ex, 200, "application/pdf", Files.readAllBytes(pdf), name);
    }

    private void zip(HttpExchange ex, Request req) throws IOException {
        Project project = usable();
        String clinic = clinic(req);
        // a language or leaflet named twice is taken once (a ZIP cannot hold one name twice)
        List<String> langs = req.params().getOrDefault("lang", List.of()).stream().distinct().toList();
        List<String> leaflets = req.params().getOrDefault("leaflet", List.of()).stream().distinct().toList();
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

    /**
     * Prints where it listens and serves until the process ends. An address beyond this computer
     * is refused unless {@code expose}: then a warning is printed and every request needs the
     * printed address's random token.
     */
    public static int run(Workspace ws, String host, int port, boolean expose, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        boolean local = isLoopback(address);
        if (!local && !expose) {
            err.println("handout: serve --host " + host + " would let other computers reach the leaflets and the project; "
                    + "add --expose to mean it (an access token is then required)");
            return 2;
        }
        Optional<String> token = Optional.empty();
        if (!local) {
            byte[] b = new byte[16];
            new java.security.SecureRandom().nextBytes(b);
            token = Optional.of(java.util.HexFormat.of().formatHex(b));
            err.println("handout: warning: serving on " + host + ", reachable from other computers on this network; "
                    + "only those given the address with its token below can use it");
        }
        Server s = new Server(ws, host, port, token);
        s.start();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        out.printf(Locale.ROOT, "serving http://%s:%d/%s (Ctrl-C to stop)%n", shown, s.port(), token.map(t -> "?token=" + t).orElse(""));
        Thread.currentThread().join();
        return 0;
    }
}
