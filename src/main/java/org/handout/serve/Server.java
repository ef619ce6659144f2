package org.handout.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.handout.build.BuildOptions;
import org.handout.build.BuildReport;
import org.handout.build.Pipeline;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.clinic.Clinic;
import org.handout.clinic.ClinicLoader;
import org.handout.i18n.BundleChecker;
import org.handout.layout.Align;
import org.handout.preview.PageImages;
import org.handout.report.Problem;
import org.handout.report.Problems;

/**
 * {@code handout serve}: a local web page to build, preview and download leaflets, for the
 * nurses and receptionists who print them and the translators who check their work. It binds to
 * 127.0.0.1 unless told otherwise, answers only to its own address, names clinics, languages and
 * leaflets by id (never by path: an unknown id is a 404), and builds what it serves into a
 * temporary folder of its own, removed when it stops. Every page is built from the inputs as they
 * are on disk at the request, so a translator's saved edit shows at the next load (the preview and
 * the translator's page reload themselves when an input changes). All text put into a page is
 * HTML-escaped; the page's scripts and styles are files of its own (no inline code).
 */
public final class Server {
    /** The cookie a browser keeps the access token in, once it has opened the address printed with it. */
    static final String TOKEN_COOKIE = "handout-token";
    /** The largest query string a request may carry. */
    static final int MAX_QUERY = 4096;
    /** The resolution of page images in a preview and of thumbnails. */
    static final int PAGE_DPI = 80;
    static final int THUMB_DPI = 24;

    static {
        // the JDK's server reads these once: a connection that sends nothing, or a request that
        // comes byte by byte, is closed instead of holding a worker (seconds); connections are capped
        setIfAbsent("sun.net.httpserver.maxReqTime", "20");
        setIfAbsent("sun.net.httpserver.maxRspTime", "600");
        setIfAbsent("sun.net.httpserver.idleInterval", "10");
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "64");
        setIfAbsent("sun.net.httpserver.maxConnections", "256");
        setIfAbsent("sun.net.httpserver.maxReqHeaders", "64");
        setIfAbsent("sun.net.httpserver.maxReqHeaderSize", "16384");
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
    /** Set by {@link #stop}: no build starts after it (the warm-up might otherwise refill the removed folder). */
    private volatile boolean stopped;
    /** The Host headers the server answers to ({@code 127.0.0.1:8377}, {@code localhost:8377}, ...), lower case. */
    private final Set<String> hosts = new HashSet<>();
    /** The access token a request must carry when the server listens beyond this computer. */
    private final Optional<String> token;
    private final Thread cleanup;
    private final Progress progress = new Progress();
    /** Page images already drawn, by PDF, its time and size, page and resolution (the newest 120). */
    private final Map<String, byte[]> images = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> e) {
            return size() > 120;
        }
    });

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
        List<String> names = new ArrayList<>(List.of(host));
        if (isLoopback(address)) {
            names.addAll(List.of("127.0.0.1", "localhost", "[::1]"));
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
        // the first preview should not pay for loading the project, parsing fonts and the JIT's
        // first compilations: one draft is built in the background as soon as the server listens
        Thread.ofVirtual().name("handout-serve-warm-up").start(this::warmUp);
    }

    private void warmUp() {
        try {
            Project p = project();
            if (p.content() != null && p.languages() != null && !p.content().leafletIds().isEmpty()) {
                // and its first page drawn, as the preview's image and the home page's thumbnail are: PDFBox's
                // renderer took 0.36 s for its first page and 20 ms for later ones
                Made m = draft("en", p.content().leafletIds().get(0));
                if (m.pdf().isPresent()) {
                    image(m.pdf().get(), 1, PAGE_DPI);
                }
            }
        } catch (RuntimeException e) {
            // a broken project is explained on the first page anyway
        }
    }

    /** Stops serving and removes its temporary folder (after a build under way, which then is the last). */
    public void stop() {
        stopped = true;
        http.stop(0);
        synchronized (building) {
            removeCache();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    Workspace workspace() {
        return ws;
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
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
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

    // ---- requests ----------------------------------------------------------------------------

    /** A request: its path, its query parameters (each name may repeat) and the page's language. */
    record Request(String path, Map<String, List<String>> params, Ui ui) {
        Optional<String> one(String name) {
            List<String> v = params.getOrDefault(name, List.of());
            return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }

        List<String> all(String name) {
            return params.getOrDefault(name, List.of()).stream().distinct().toList();
        }
    }

    /**
     * An answer that is not what was asked for: a status, a plain explanation in the page's
     * language, what to do about it, and details for whoever keeps the files.
     */
    static final class Refusal extends RuntimeException {
        final int status;
        final String todo;
        final List<String> details;
        /** Where the page's way back leads: the choice as it was, or the start. */
        final String back;

        Refusal(int status, String message) {
            this(status, message, "", List.of());
        }

        Refusal(int status, String message, String todo, List<String> details) {
            this(status, message, todo, details, "/");
        }

        private Refusal(int status, String message, String todo, List<String> details, String back) {
            super(message, null, false, false);
            this.status = status;
            this.todo = todo;
            this.details = List.copyOf(details);
            this.back = back;
        }

        Refusal withBack(String address) {
            return new Refusal(status, getMessage(), todo, details, address);
        }
    }

    /** The routes whose answer is not a page a person reads: a refusal there is plain text. */
    private static final Set<String> MACHINE_ROUTES = Set.of("/page.png", "/version", "/progress", "/app.js", "/app.css", "/favicon.ico");

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Ui ui = Ui.negotiate(Optional.empty(), ex.getRequestHeaders().getFirst("Accept-Language"));
            String path = ex.getRequestURI().getRawPath();
            try {
                // DNS rebinding: a page of another site that resolves its name to this address is refused
                String host = ex.getRequestHeaders().getFirst("Host");
                if (host == null || !hosts.contains(host.strip().toLowerCase(Locale.ROOT))) {
                    throw new Refusal(421, "this server answers only to its own address (" + String.join(", ", new TreeSet<>(hosts)) + ")");
                }
                if (token.isPresent()) {
                    admit(ex);
                }
                if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                    throw new Refusal(405, "only GET is served here");
                }
                String length = ex.getRequestHeaders().getFirst("Content-Length");
                if ((length != null && !length.strip().equals("0")) || ex.getRequestHeaders().containsKey("Transfer-Encoding")) {
                    throw new Refusal(413, "a request here has no body");
                }
                Request req = parse(ex);
                ui = req.ui();
                switch (req.path()) {
                    case "/" -> html(ex, 200, new Views(this, req.ui()).home(usable(req.ui()), selection(req, usable(req.ui()), false)));
                    case "/preview" -> preview(ex, req);
                    case "/translate" -> translate(ex, req);
                    case "/page.png" -> send(ex, 200, "image/png", page(req), null);
                    case "/pdf" -> pdf(ex, req);
                    case "/zip" -> zip(ex, req);
                    case "/progress" -> send(ex, 200, "application/json", progress.json(req.one("job").orElse("")).getBytes(StandardCharsets.UTF_8), null);
                    case "/version" -> send(ex, 200, "text/plain; charset=utf-8", version().getBytes(StandardCharsets.UTF_8), null);
                    case "/app.js" -> send(ex, 200, "text/javascript; charset=utf-8", asset("app.js"), null);
                    case "/app.css" -> send(ex, 200, "text/css; charset=utf-8", asset("app.css"), null);
                    case "/favicon.ico" -> noContent(ex);
                    default -> throw new Refusal(404, req.ui().t("error.notFound"));
                }
            } catch (Refusal r) {
                refuse(ex, path, ui, r);
            } catch (RuntimeException e) {
                refuse(ex, path, ui, new Refusal(500, ui.t("error.internal"), ui.t("error.internal.todo"),
                        List.of(e.getClass().getSimpleName() + ": " + e.getMessage())));
            }
        }
    }

    private void refuse(HttpExchange ex, String path, Ui ui, Refusal r) throws IOException {
        if (MACHINE_ROUTES.contains(path) || r.status == 421 || r.status == 403) {
            String text = r.getMessage() + "\n" + (r.todo.isEmpty() ? "" : r.todo + "\n") + String.join("\n", r.details);
            send(ex, r.status, "text/plain; charset=utf-8", (text.strip() + "\n").getBytes(StandardCharsets.UTF_8), null);
        } else {
            html(ex, r.status, new Views(this, ui).refusal(r, version()));
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
        if (query != null && query.length() > MAX_QUERY) {
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
        Ui ui = Ui.negotiate(Optional.ofNullable(params.get("ui")).filter(l -> !l.isEmpty()).map(l -> l.get(0)),
                ex.getRequestHeaders().getFirst("Accept-Language"));
        return new Request(path, params, ui);
    }

    private static void html(HttpExchange ex, int status, String page) throws IOException {
        send(ex, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), null);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, String filename) throws IOException {
        send(ex, status, type, body, filename, true);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, String filename, boolean attachment) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        ex.getResponseHeaders().set("X-Frame-Options", "DENY");
        ex.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        if (filename != null) {
            ex.getResponseHeaders().set("Content-Disposition", (attachment ? "attachment" : "inline") + "; filename=\"" + filename + "\"");
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void noContent(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "max-age=86400");
        ex.sendResponseHeaders(204, -1);
    }

    private static byte[] asset(String name) {
        try (InputStream in = Server.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new Refusal(404, "not found");
        }
    }

    // ---- what a request may name -------------------------------------------------------------

    /** The clinic profiles there are, by id. */
    List<String> clinics() {
        if (!Files.isDirectory(ws.clinics())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(ws.clinics())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches(Clinic.ID + "\\.yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A clinic's profile as it is now, or empty when it cannot be read (its edition then cannot be built). */
    Optional<Clinic> clinic(String id) {
        if (!clinics().contains(id)) {
            return Optional.empty();
        }
        return ClinicLoader.load(ws.clinics().resolve(id + ".yaml"), "clinics/" + id + ".yaml", new Problems());
    }

    /**
     * The choice a request makes, every id checked against the project: an unknown clinic,
     * language, leaflet or paper is a 404. {@code complete}: at least one language and leaflet.
     */
    private Selection selection(Request req, Project project, boolean complete) {
        Ui ui = req.ui();
        String clinic = req.one("clinic").orElse("");
        if (!clinic.isEmpty() && !clinics().contains(clinic)) {
            throw new Refusal(404, ui.t("error.noClinic"));
        }
        String paper = req.one("paper").orElse("").toLowerCase(Locale.ROOT);
        if (!paper.isEmpty() && !paper.equals("a4") && !paper.equals("letter")) {
            throw new Refusal(404, ui.t("error.noPaper"));
        }
        List<String> langs = req.all("lang");
        List<String> leaflets = req.all("leaflet");
        for (String l : langs) {
            if (!project.languageTags().contains(l)) {
                throw new Refusal(404, ui.t("error.noLanguage"));
            }
        }
        for (String l : leaflets) {
            if (!project.content().leafletIds().contains(l)) {
                throw new Refusal(404, ui.t("error.noLeaflet"));
            }
        }
        Selection s = new Selection(clinic, langs, leaflets, paper, req.one("ui").filter(Ui.LANGUAGES::contains).orElse(""));
        if (complete && (langs.isEmpty() || leaflets.isEmpty())) {
            throw new Refusal(400, ui.t("error.chooseBoth"), ui.t("error.chooseBoth.todo"), List.of()).withBack("/?" + s.query());
        }
        return s;
    }

    // ---- building ----------------------------------------------------------------------------

    /** Why a PDF cannot be given out: its translation is unfinished, has a mistake, does not fit, or else. */
    enum Why {
        GAPS, ERRORS, LAYOUT, OTHER;

        /** Why, in plain words, in the page's language (the bundle's {@code why.<name>}). */
        String said(Ui ui) {
            return ui.t("why." + name().toLowerCase(Locale.ROOT));
        }

        /** What to do about it (the bundle's {@code todo.<name>}), for a leaflet in {@code lang}. */
        String todo(Ui ui, String lang) {
            return ui.t("todo." + name().toLowerCase(Locale.ROOT), "language", ui.languageName(lang));
        }
    }

    /** What became of one chosen PDF: its file, or why there is none. */
    record Made(String lang, String leaflet, Optional<Path> pdf, Optional<Why> why, List<Problem> problems) {
        boolean ok() {
            return pdf.isPresent();
        }
    }

    /**
     * Whether a release PDF of {@code lang} and {@code leaflet} would be held back, found from the
     * check alone (no build): what the preview and the home page warn of before a download.
     */
    static Optional<Why> holdBack(Project project, String lang, String leaflet) {
        List<Problem> blockers = project.blockers(lang, leaflet);
        if (blockers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(blockers.stream().allMatch(BundleChecker::isGap) ? Why.GAPS : Why.ERRORS);
    }

    private Path output(Selection s, boolean draft) {
        return cache.resolve(draft ? "draft" : "release").resolve(s.paper().isEmpty() ? "default" : s.paper());
    }

    /**
     * Builds (or finds up to date) the chosen leaflets of one language, one build for them all
     * (two at a time); a preview is a draft build, a download a release build.
     */
    private List<Made> build(Selection s, String lang, List<String> leaflets, boolean draft) {
        return build(s, List.of(lang), leaflets, draft, org.handout.build.Progress.none());
    }

    /**
     * Builds the chosen leaflets of the chosen languages in one build (two at a time: fonts parsed
     * once per thread, the content read once), telling {@code progress} as each leaflet is done.
     */
    private List<Made> build(Selection s, List<String> langs, List<String> leaflets, boolean draft, org.handout.build.Progress progress) {
        synchronized (building) {
            if (stopped) {
                throw new Refusal(503, "the server is stopping");
            }
            Path out = output(s, draft);
            BuildOptions options = new BuildOptions(langs, leaflets, out, s.paperChoice(), Optional.empty(), Align.START, draft)
                    .withJobs(2).withClinic(s.clinic().isEmpty() ? Optional.empty() : Optional.of(ws.clinics().resolve(s.clinic() + ".yaml")));
            BuildReport r = new Pipeline(ws, progress).build(options);
            Project project = project();
            List<Made> made = new ArrayList<>();
            for (String lang : langs) {
                Path dir = (s.clinic().isEmpty() ? out : Pipeline.clinicOutput(out, s.clinic())).resolve(lang);
                String bundle = project.languages() == null ? "" : "translations/" + project.brokenBundleFor(lang)
                        .orElse(project.languages().resolve(lang).bundle().tag()) + ".yaml";
                for (String leaflet : leaflets) {
                    Path pdf = dir.resolve(leaflet + ".pdf");
                    List<Problem> mine = r.problems().stream().filter(Problem::isError)
                            .filter(p -> !p.file().startsWith("translations/") || p.file().equals(bundle))
                            .filter(p -> p.concernsLeaflet(leaflet)).toList();
                    if (Files.isRegularFile(pdf) && !r.stale().containsKey(pdf) && !r.usageError()) {
                        made.add(new Made(lang, leaflet, Optional.of(pdf), Optional.empty(), List.of()));
                        continue;
                    }
                    Why why = mine.isEmpty() ? Why.OTHER : mine.stream().allMatch(BundleChecker::isGap) ? Why.GAPS
                            : mine.stream().anyMatch(p -> p.kind() == Problem.Kind.LAYOUT) ? Why.LAYOUT : Why.ERRORS;
                    made.add(new Made(lang, leaflet, Optional.empty(), Optional.of(why), mine.isEmpty() ? r.problems() : mine));
                }
            }
            return made;
        }
    }

    /** One release PDF, or a refusal that says in plain words why it cannot be had and what to do. */
    private Path release(Selection s, Ui ui, String lang, String leaflet) {
        Made m = build(s, lang, List.of(leaflet), false).get(0);
        if (m.ok()) {
            return m.pdf().get();
        }
        throw notReady(ui, m, "/preview?" + s.queryShowing(lang, leaflet));
    }

    /** The refusal of a PDF that cannot be had: which, why and what to do, the details, and where the way back leads. */
    private Refusal notReady(Ui ui, Made m, String back) {
        Why why = m.why().orElse(Why.OTHER);
        return new Refusal(409, ui.t("refused.title", "leaflet", leafletName(ui, m.leaflet()), "language", ui.languageName(m.lang()))
                + " " + why.said(ui), why.todo(ui, m.lang()), m.problems().stream().limit(20).map(Problem::format).toList()).withBack(back);
    }

    /** A PDF to look at: the release one when it can be made, else a draft (gaps filled with English, marked on every page). */
    Made forPreview(Selection s, String lang, String leaflet) {
        Made m = build(s, lang, List.of(leaflet), false).get(0);
        if (m.ok()) {
            return m;
        }
        Made d = build(s, lang, List.of(leaflet), true).get(0);
        return new Made(lang, leaflet, d.pdf(), m.why(), m.problems());
    }

    /** A draft PDF (gaps filled with English): what the translator's page shows. */
    Made draft(String lang, String leaflet) {
        return build(new Selection("", List.of(lang), List.of(leaflet), "", ""), lang, List.of(leaflet), true).get(0);
    }

    /** A leaflet's title in the page's language when a bundle of that language has it, else in English. */
    String leafletName(Ui ui, String leaflet) {
        Project project = project();
        if (project.content() == null) {
            return leaflet;
        }
        return project.content().leaflet(leaflet).map(src -> {
            String english = src.title().pattern();
            if (project.languages() == null || ui.tag().equals("en")) {
                return english;
            }
            return project.languages().bundle(ui.tag()).flatMap(b -> b.message(src.title().key()))
                    .map(org.handout.content.Message::pattern).filter(p -> !p.contains("{")).orElse(english);
        }).orElse(leaflet);
    }

    private Project project;
    private String projectVersion = "";

    /** The project as the files are now: loaded again only when a file under content/, translations/, clinics/ or fonts/ changed. */
    synchronized Project project() {
        String v = version();
        if (project == null || !v.equals(projectVersion)) {
            project = Project.load(ws);
            projectVersion = v;
        }
        return project;
    }

    /** A short fingerprint of the inputs' names, times and sizes: it changes when a file is saved. */
    String version() {
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

    /**
     * The project, when its content and bundles load; otherwise a refusal that says, in plain
     * words, which files and lines are wrong (the page recovers by itself once they are fixed).
     */
    private Project usable(Ui ui) {
        Project project = project();
        if (project.content() == null || project.languages() == null) {
            List<String> where = project.problems().stream().filter(Problem::isError).limit(10).map(Problem::format).toList();
            throw new Refusal(503, ui.t("error.broken"), ui.t("error.broken.todo"), where);
        }
        return project;
    }

    // ---- routes ------------------------------------------------------------------------------

    private void preview(HttpExchange ex, Request req) throws IOException {
        Project project = usable(req.ui());
        Selection s = selection(req, project, true);
        String[] shown = s.pairs().get(0);
        Optional<String> show = req.one("show");
        if (show.isPresent()) {
            String[] p = show.get().split("/", 2);
            if (p.length != 2 || !s.langs().contains(p[0]) || !s.leaflets().contains(p[1])) {
                throw new Refusal(404, req.ui().t("error.notChosen"));
            }
            shown = p;
        }
        Made m = forPreview(s, shown[0], shown[1]);
        if (m.pdf().isEmpty()) {
            throw notReady(req.ui(), m, "/?" + s.query());
        }
        int pages;
        try {
            pages = PageImages.pageCount(m.pdf().get());
        } catch (IOException e) {
            throw new Refusal(500, req.ui().t("error.internal"), "", List.of(e.getMessage()));
        }
        html(ex, 200, new Views(this, req.ui()).preview(project, s, m, pages, version()));
    }

    private void translate(HttpExchange ex, Request req) throws IOException {
        Ui ui = req.ui();
        Project project = usable(ui);
        List<String> langs = project.languageTags().stream().filter(t -> !t.equals("en")).toList();
        if (langs.isEmpty()) {
            throw new Refusal(404, ui.t("error.noLanguage"));
        }
        String lang = req.one("lang").orElse(langs.get(0));
        String leaflet = req.one("leaflet").orElse(project.content().leafletIds().get(0));
        if (!langs.contains(lang)) {
            throw new Refusal(404, ui.t("error.noLanguage"));
        }
        if (!project.content().leafletIds().contains(leaflet)) {
            throw new Refusal(404, ui.t("error.noLeaflet"));
        }
        Made english = draft("en", leaflet);
        Made translated = draft(lang, leaflet);
        html(ex, 200, new Views(this, ui).translate(project, lang, leaflet, english, translated, version(),
                req.one("ui").filter(Ui.LANGUAGES::contains).orElse("")));
    }

    private byte[] page(Request req) {
        Project project = usable(req.ui());
        Selection s = selection(req, project, true);
        if (s.langs().size() != 1 || s.leaflets().size() != 1) {
            throw new Refusal(404, "name one language and one leaflet");
        }
        int page;
        try {
            page = Integer.parseInt(req.one("page").orElse("1"));
        } catch (NumberFormatException e) {
            throw new Refusal(404, "no such page");
        }
        if (page < 1 || page > 999) {
            throw new Refusal(404, "no such page");
        }
        int dpi = req.one("size").orElse("").equals("thumb") ? THUMB_DPI : PAGE_DPI;
        String lang = s.langs().get(0);
        String leaflet = s.leaflets().get(0);
        Made m = req.one("draft").isPresent() ? draft(lang, leaflet) : forPreview(s, lang, leaflet);
        if (m.pdf().isEmpty()) {
            throw new Refusal(409, "not built");
        }
        return image(m.pdf().get(), page, dpi);
    }

    /** Page {@code page} of {@code pdf} as a PNG at {@code dpi}, drawn once per version of the file. */
    private byte[] image(Path pdf, int page, int dpi) {
        try {
            String key = pdf + "|" + Files.getLastModifiedTime(pdf).toMillis() + "|" + Files.size(pdf) + "|" + page + "|" + dpi;
            byte[] known = images.get(key);
            if (known != null) {
                return known;
            }
            byte[] png = PageImages.png(pdf, page, dpi).orElseThrow(() -> new Refusal(404, "no such page"));
            images.put(key, png);
            return png;
        } catch (IOException e) {
            throw new Refusal(500, "cannot draw the page: " + e.getMessage());
        }
    }

    private void pdf(HttpExchange ex, Request req) throws IOException {
        Project project = usable(req.ui());
        Selection s = selection(req, project, true);
        if (s.langs().size() != 1 || s.leaflets().size() != 1) {
            throw new Refusal(400, req.ui().t("error.oneEach"), "", List.of()).withBack("/?" + s.query());
        }
        String lang = s.langs().get(0);
        String leaflet = s.leaflets().get(0);
        Path pdf = release(s, req.ui(), lang, leaflet);
        String name = (s.clinic().isEmpty() ? "" : s.clinic() + "-") + lang + "-" + leaflet + ".pdf";
        send(ex, 200, "application/pdf", Files.readAllBytes(pdf), name, req.one("inline").isEmpty());
    }

    /**
     * The chosen leaflets in the chosen languages as one ZIP: what can be given out is in it, with
     * a note in the page's language naming what is left out and why; only when nothing can be is it
     * a refusal. A {@code job} id lets the page show how far the building has got.
     */
    private void zip(HttpExchange ex, Request req) throws IOException {
        Ui ui = req.ui();
        Project project = usable(ui);
        Selection s = selection(req, project, true);
        String job = req.one("job").filter(j -> j.matches("[A-Za-z0-9]{6,40}")).orElse("");
        int total = s.langs().size() * s.leaflets().size();
        progress.start(job, total);
        List<Made> made;
        try {
            // one build of them all: the page hears of each leaflet as it is done
            made = build(s, s.langs(), s.leaflets(), false, new org.handout.build.Progress() {
                @Override
                public void line(String text) {
                }

                @Override
                public void leaflets(int done, int of) {
                    progress.done(job, done);
                }
            });
            progress.leftOut(job, (int) made.stream().filter(m -> !m.ok()).count());
        } finally {
            progress.finish(job);
        }
        List<Made> left = made.stream().filter(m -> !m.ok()).toList();
        if (left.size() == made.size()) {
            throw new Refusal(409, ui.t("zip.none"), ui.t("zip.none.todo"), notIncluded(ui, left)).withBack("/?" + s.query());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            // PDFs are compressed already: deflating them again at the default level took about a second for all 217, for 2 % less
            zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
            for (Made m : made) {
                if (m.ok()) {
                    entry(zip, m.lang() + "/" + m.leaflet() + ".pdf", Files.readAllBytes(m.pdf().get()));
                }
            }
            if (!left.isEmpty()) {
                String note = ui.t("zip.note.head", "count", left.size(), "total", made.size()) + "\n\n"
                        + String.join("\n", notIncluded(ui, left)) + "\n";
                entry(zip, ui.t("zip.note.file") + ".txt", note.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        ex.getResponseHeaders().set("X-Handout-Left-Out", String.valueOf(left.size()));
        send(ex, 200, "application/zip", bytes.toByteArray(), (s.clinic().isEmpty() ? "leaflets" : s.clinic()) + ".zip");
    }

    /** One line per PDF left out: which, why, and what to do, in plain words. */
    List<String> notIncluded(Ui ui, List<Made> left) {
        List<String> out = new ArrayList<>();
        for (Made m : left) {
            Why why = m.why().orElse(Why.OTHER);
            out.add("- " + ui.t("zip.note.line", "language", ui.languageName(m.lang()), "leaflet", leafletName(ui, m.leaflet()))
                    + " " + why.said(ui) + " " + why.todo(ui, m.lang()));
        }
        return out;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** How far each ZIP being built has got, by the page's job id (the newest 64 jobs). */
    static final class Progress {
        private final Map<String, int[]> jobs = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, int[]> e) {
                return size() > 64;
            }
        };

        synchronized void start(String job, int total) {
            if (!job.isEmpty()) {
                jobs.put(job, new int[] {0, total, 0, 0});
            }
        }

        synchronized void done(String job, int n) {
            int[] j = jobs.get(job);
            if (j != null) {
                j[0] = Math.max(j[0], n);
            }
        }

        synchronized void leftOut(String job, int n) {
            int[] j = jobs.get(job);
            if (j != null) {
                j[0] = j[1];
                j[3] = n;
            }
        }

        synchronized void finish(String job) {
            int[] j = jobs.get(job);
            if (j != null) {
                j[2] = 1;
            }
        }

        synchronized String json(String job) {
            int[] j = jobs.get(job);
            if (j == null) {
                return "{\"known\":false}";
            }
            return "{\"known\":true,\"done\":" + j[0] + ",\"total\":" + j[1] + ",\"leftOut\":" + j[3] + ",\"finished\":" + (j[2] == 1) + "}";
        }
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
