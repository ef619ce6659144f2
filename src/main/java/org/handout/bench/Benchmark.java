package org.handout.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.handout.build.BuildOptions;
import org.handout.build.BuildReport;
import org.handout.build.Pipeline;
import org.handout.build.Project;
import org.handout.build.Workspace;

/**
 * {@code handout bench}: the figures behind BENCHMARKS.md, measured, not asserted, each against
 * the target of "Faster than the browser for one leaflet too". Cold, through the launcher in fresh
 * processes as a user runs it: one leaflet in one language, the whole matrix (with its peak
 * memory and every PDF's size), and a rebuild with nothing to do. Warm: JMH's
 * {@code LeafletBench} (forks, warm-up, error bars) through {@code tools/jmh.sh}, where the
 * project's sources are there to run it. {@code serve}: the first preview and the ZIPs, over HTTP
 * against a fresh server. Scale: a synthetic matrix of copies of the bundles under private-use
 * tags, to show time grows linearly and how much a core builds.
 */
public final class Benchmark {
    /** Targets from the speed issues, on a 2-core machine. */
    static final double LEAFLET_SECONDS = 0.25;
    static final List<String> LEAFLET_LANGUAGES = List.of("en", "ar", "hi", "zh-Hans");
    static final double COLD_SECONDS = 2.0;
    static final double NOOP_SECONDS = 0.2;
    static final double WARM_MS = 3;
    static final double WARM_CJK_MS = 8;
    static final double FIRST_PREVIEW_SECONDS = 0.5;
    /** The time the serve figures allow for choosing on the start page before the first preview. */
    static final long CHOOSING_MS = 2000;
    static final double ZIP_ONE_LANGUAGE_SECONDS = 1;
    static final double ZIP_ALL_SECONDS = 5;
    static final long PEAK_MB = 300;
    static final long SIZE_KB = 60;
    static final long SIZE_CJK_KB = 120;

    private final Workspace ws;
    private final PrintStream out;

    public Benchmark(Workspace ws, PrintStream out) {
        this.ws = ws;
        this.out = out;
    }

    private static boolean cjk(String tag) {
        return tag.startsWith("zh") || tag.startsWith("ja") || tag.startsWith("ko");
    }

    /**
     * Runs every part: {@code coldRuns} timed runs of each cold figure (0 skips them and serve),
     * {@code warmRounds} measured JMH iterations of 1 s (0 skips them), and {@code scale} the size
     * of the largest synthetic matrix (0 skips it).
     */
    public int run(int coldRuns, int warmRounds, int scale) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "machine: %d processors, %s %s, Java %s (%s); %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        int missed = 0;
        missed += oneLeaflet(coldRuns);
        missed += cold(coldRuns);
        missed += noOp(coldRuns);
        missed += serve(coldRuns);
        missed += warm(warmRounds);
        if (scale > 0) {
            scale(scale);
        }
        out.println(skipped == 5 && scale == 0 ? "nothing measured" : missed == 0 ? "every target measured was met"
                : missed + " target" + (missed == 1 ? "" : "s") + " missed (see above)");
        return missed == 0 ? 0 : 1;
    }

    /** Fresh JVMs through the launcher, as a user runs it: wall time, peak RSS, PDF sizes. */
    private int cold(int runs) throws IOException, InterruptedException {
        if (launcherMissing("cold", runs)) {
            return 0;
        }
        Path dir = Files.createTempDirectory("handout-bench");
        java.util.Optional<Runs> m = median(runs, "cold", Map.of("HANDOUT_REPORT_PEAK", "1"), "build", "--force", "--out", dir.toString());
        if (m.isEmpty()) {
            return 1;
        }
        Runs r = m.get();
        long peakKb = 0;
        for (String log : r.logs()) {
            for (String line : log.split("\n")) {
                if (line.startsWith("peak RSS: ")) {
                    peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        }
        int missed = 0;
        out.printf(Locale.ROOT, "cold full build (fresh JVM, ./handout build --force, %d runs): median %.2f s, min %.2f s, max %.2f s  %s%n",
                runs, r.median(), r.min(), r.max(), verdict(r.median(), COLD_SECONDS, "s"));
        missed += r.median() > COLD_SECONDS ? 1 : 0;
        out.printf(Locale.ROOT, "peak memory (RSS of that JVM): %d MB  %s%n", peakKb / 1024, verdict(peakKb / 1024.0, PEAK_MB, "MB"));
        missed += peakKb / 1024 > PEAK_MB ? 1 : 0;
        missed += sizes(dir);
        return missed;
    }

    private int sizes(Path dir) throws IOException {
        Map<String, long[]> byLang = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".pdf")).toList()) {
                String lang = f.getParent().getFileName().toString();
                long kb = (Files.size(f) + 1023) / 1024;
                long[] m = byLang.computeIfAbsent(lang, k -> new long[] {Long.MAX_VALUE, 0, 0, 0});
                m[0] = Math.min(m[0], kb);
                m[1] = Math.max(m[1], kb);
                m[2] += kb;
                m[3]++;
            }
        }
        int missed = 0;
        out.println("PDF sizes (KB: smallest, largest, mean; budget):");
        for (Map.Entry<String, long[]> e : byLang.entrySet()) {
            long budget = cjk(e.getKey()) ? SIZE_CJK_KB : SIZE_KB;
            long[] m = e.getValue();
            out.printf(Locale.ROOT, "  %-8s %4d %4d %4d  (%d)  %s%n", e.getKey(), m[0], m[1], m[2] / m[3], budget, verdict(m[1], budget, "KB"));
            missed += m[1] > budget ? 1 : 0;
        }
        return missed;
    }

    /** A fresh process through the launcher: wall seconds, exit code and what it printed. */
    private record Timed(double seconds, int code, String log) {
    }

    private Timed time(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ws.root().resolve("handout").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ws.root().toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.MINUTES);
        return new Timed((System.nanoTime() - start) / 1e9, p.exitValue(), log);
    }

    /** The wall seconds of timed runs (median, minimum, maximum) and what each printed. */
    private record Runs(double median, double min, double max, List<String> logs) {
    }

    /** {@code runs} timed runs after one untimed one, with {@code env} added; empty if a run failed (said). */
    private java.util.Optional<Runs> median(int runs, String what, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        time(env, args); // the first run of the day builds the jar or its class cache if they are missing
        List<Double> walls = new ArrayList<>();
        List<String> logs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Timed t = time(env, args);
            if (t.code() != 0) {
                out.println(what + ": the build failed:\n" + t.log());
                return java.util.Optional.empty();
            }
            walls.add(t.seconds());
            logs.add(t.log());
        }
        walls.sort(Double::compare);
        return java.util.Optional.of(new Runs(walls.get(walls.size() / 2), walls.get(0), walls.get(walls.size() - 1), logs));
    }

    /** The parts skipped in this run (of four cold ones and the warm one). */
    private int skipped;

    private boolean launcherMissing(String what, int runs) {
        if (runs == 0) {
            out.println(what + ": skipped (--runs 0)");
            skipped++;
            return true;
        }
        if (!Files.isExecutable(ws.root().resolve("handout"))) {
            out.println(what + ": skipped (no ./handout launcher in " + ws.root() + ")");
            skipped++;
            return true;
        }
        return false;
    }

    /** One leaflet in one language from a fresh process: what a translator and a CI job for one language meet most. */
    private int oneLeaflet(int runs) throws IOException, InterruptedException {
        if (launcherMissing("cold one leaflet", runs)) {
            return 0;
        }
        Path dir = Files.createTempDirectory("handout-bench-one");
        int missed = 0;
        out.printf(Locale.ROOT, "cold one leaflet (fresh process, ./handout build --lang X --leaflet symptoms --force, %d runs; s):%n", runs);
        out.println("  language  median     min     max");
        for (String lang : LEAFLET_LANGUAGES) {
            java.util.Optional<Runs> m = median(runs, "cold one leaflet " + lang, Map.of(), "build", "--lang", lang, "--leaflet", "symptoms", "--force",
                    "-q", "--out", dir.toString());
            if (m.isEmpty()) {
                return missed + 1;
            }
            Runs r = m.get();
            out.printf(Locale.ROOT, "  %-8s %7.2f %7.2f %7.2f  %s%n", lang, r.median(), r.min(), r.max(), verdict(r.median(), LEAFLET_SECONDS, "s"));
            missed += r.median() > LEAFLET_SECONDS ? 1 : 0;
        }
        return missed;
    }

    /** A rebuild with nothing to do, into a folder the matrix was just built in. */
    private int noOp(int runs) throws IOException, InterruptedException {
        if (launcherMissing("no-op rebuild", runs)) {
            return 0;
        }
        Path dir = Files.createTempDirectory("handout-bench-noop");
        if (time(Map.of(), "build", "-q", "--out", dir.toString()).code() != 0) {
            out.println("no-op rebuild: the build failed");
            return 1;
        }
        java.util.Optional<Runs> m = median(runs, "no-op rebuild", Map.of(), "build", "-q", "--out", dir.toString());
        if (m.isEmpty()) {
            return 1;
        }
        Runs r = m.get();
        out.printf(Locale.ROOT, "no-op rebuild (./handout build with nothing changed, %d runs): median %.2f s, min %.2f s, max %.2f s  %s%n",
                runs, r.median(), r.min(), r.max(), verdict(r.median(), NOOP_SECONDS, "s"));
        return r.median() > NOOP_SECONDS ? 1 : 0;
    }

    /**
     * A fresh {@code ./handout serve --port 0}, asked at once for its start page (which waits for the
     * project the server reads as it starts), then, after the time a user takes to choose on it,
     * for a first preview (the page and its first image), a ZIP of one language's leaflets and a
     * ZIP of everything.
     */
    private int serve(int runs) throws IOException, InterruptedException {
        if (launcherMissing("serve", runs)) {
            return 0;
        }
        Project project = Project.load(ws);
        List<String> leaflets = project.content().leafletIds();
        List<String> tags = project.languageTags();
        Process server = new ProcessBuilder(ws.root().resolve("handout").toString(), "serve", "--port", "0")
                .directory(ws.root().toFile()).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String base = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("serving (http://\\S+?)/?(\\s|$)").matcher(line);
                if (m.find()) {
                    base = m.group(1);
                    break;
                }
            }
            if (base == null) {
                out.println("serve: the server did not start");
                return 1;
            }
            Thread drain = new Thread(() -> {
                try {
                    lines.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                    // the server stopped
                }
            });
            drain.setDaemon(true);
            drain.start();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String one = "lang=es&leaflet=" + (leaflets.contains("contacts") ? "contacts" : leaflets.get(0));
            // the start page waits for the project the server reads as it starts; a preview chosen on it is the first
            double home = get(http, base + "/");
            Thread.sleep(CHOOSING_MS); // a user reads the start page and chooses before asking for a preview
            double preview = get(http, base + "/preview?" + one) + get(http, base + "/page.png?" + one + "&page=1");
            String all = leaflets.stream().map(l -> "leaflet=" + l).collect(java.util.stream.Collectors.joining("&"));
            double zipOne = get(http, base + "/zip?lang=de&" + all);
            double zipAll = get(http, base + "/zip?" + tags.stream().map(t -> "lang=" + t).collect(java.util.stream.Collectors.joining("&")) + "&" + all);
            int missed = 0;
            out.println("serve (a fresh ./handout serve, asked over HTTP as soon as it listens):");
            out.printf(Locale.ROOT, "  start page (the project read as the server starts)  %.2f s%n", home);
            out.printf(Locale.ROOT, "  first preview (es; the page and its first image; %.0f s after the start page)  %.2f s  %s%n", CHOOSING_MS / 1000.0, preview,
                    verdict(preview, FIRST_PREVIEW_SECONDS, "s"));
            missed += preview > FIRST_PREVIEW_SECONDS ? 1 : 0;
            out.printf(Locale.ROOT, "  ZIP of one language's %d leaflets (de)              %.2f s  %s%n", leaflets.size(), zipOne,
                    verdict(zipOne, ZIP_ONE_LANGUAGE_SECONDS, "s"));
            missed += zipOne > ZIP_ONE_LANGUAGE_SECONDS ? 1 : 0;
            out.printf(Locale.ROOT, "  ZIP of all %d leaflets                              %.2f s  %s%n", leaflets.size() * tags.size(), zipAll,
                    verdict(zipAll, ZIP_ALL_SECONDS, "s"));
            missed += zipAll > ZIP_ALL_SECONDS ? 1 : 0;
            return missed;
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Seconds from sending a GET to its last byte; a response other than 200 is a failure of the benchmark. */
    private static double get(java.net.http.HttpClient http, String url) throws IOException, InterruptedException {
        long start = System.nanoTime();
        java.net.http.HttpResponse<byte[]> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException(url + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Warm, per leaflet: JMH's {@code LeafletBench} through {@code tools/jmh.sh} (one fork, 5
     * warm-up and {@code iterations} measured iterations of 1 s, every language it lists), which
     * needs the project's sources and Maven; the average and its 99.9 % error, against the target.
     */
    private int warm(int iterations) throws IOException, InterruptedException {
        Path jmh = ws.root().resolve("tools/jmh.sh");
        if (iterations == 0) {
            out.println("warm: skipped (--rounds 0)");
            skipped++;
            return 0;
        }
        if (!Files.isExecutable(jmh)) {
            out.println("warm: skipped (no tools/jmh.sh in " + ws.root() + ": JMH runs from the project's sources)");
            skipped++;
            return 0;
        }
        Path csv = Files.createTempFile("handout-jmh", ".csv");
        Process p = new ProcessBuilder(jmh.toString(), "-f", "1", "-wi", "5", "-i", String.valueOf(iterations), "-rf", "csv", "-rff", csv.toString())
                .directory(ws.root().toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            out.println("warm: JMH failed:\n" + log);
            return 1;
        }
        int missed = 0;
        out.printf(Locale.ROOT, "warm, per leaflet (JMH LeafletBench: compose, lay out, write the PDF to memory; 1 fork, 5 + %d iterations of 1 s; ms):%n",
                iterations);
        out.println("  language  average   error   target");
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            String[] f = line.replace("\"", "").split(",");
            if (f.length < 9 || !f[0].endsWith("composeLayOutAndWrite")) {
                continue;
            }
            double score = Double.parseDouble(f[4]);
            double error = f[5].equals("NaN") ? Double.NaN : Double.parseDouble(f[5]);
            String lang = f[7];
            double target = cjk(lang) ? WARM_CJK_MS : WARM_MS;
            out.printf(Locale.ROOT, "  %-8s %7.2f %7.2f   %5.0f   %s%n", lang, score, error, target, verdict(score, target, "ms"));
            missed += score > target ? 1 : 0;
        }
        return missed;
    }

    /** Copies of every bundle under private-use tags (de-x-s0001): matrices of growing size, built in one JVM. */
    private void scale(int largest) throws IOException {
        Path root = Files.createTempDirectory("handout-scale");
        copy(ws.content(), root.resolve("content"));
        Files.createSymbolicLink(root.resolve("fonts"), ws.fonts());
        Files.createDirectories(root.resolve("translations"));
        List<Path> bundles;
        try (Stream<Path> s = Files.list(ws.translations())) {
            bundles = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int leafletsPerLanguage = Project.load(ws).content().leafletIds().size();
        int languages = (largest + leafletsPerLanguage - 1) / leafletsPerLanguage;
        for (int i = 0; i < languages; i++) {
            Path from = bundles.get(i % bundles.size());
            String tag = from.getFileName().toString().replace(".yaml", "");
            String copy = String.format(Locale.ROOT, "%s-x-s%04d", tag, i);
            String text = Files.readString(from, StandardCharsets.UTF_8).replace("language: " + tag + "\n", "language: " + copy + "\n");
            Files.writeString(root.resolve("translations").resolve(copy + ".yaml"), text, StandardCharsets.UTF_8);
        }
        out.printf(Locale.ROOT, "scale (synthetic: copies of the %d bundles under private-use tags, built in this JVM, warm):%n", bundles.size());
        out.println("  leaflets  threads  seconds  leaflets/s  leaflets/s per core  ms per leaflet");
        Workspace scaled = new Workspace(root);
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        new Pipeline(scaled, quiet).build(new BuildOptions(List.of(), List.of(), root.resolve("warmup")).withForce(true));
        int cores = Runtime.getRuntime().availableProcessors();
        for (int n = Math.max(leafletsPerLanguage, largest / 4); n <= largest; n *= 2) {
            List<String> tags = new ArrayList<>();
            tags.add("en");
            for (int i = 0; tags.size() * leafletsPerLanguage < n && i < languages; i++) {
                String tag = bundles.get(i % bundles.size()).getFileName().toString().replace(".yaml", "");
                tags.add(String.format(Locale.ROOT, "%s-x-s%04d", tag, i));
            }
            for (int threads : new int[] {1, cores}) {
                Path out = root.resolve("out-" + n + "-" + threads);
                long start = System.nanoTime();
                BuildReport r = new Pipeline(scaled, quiet).build(new BuildOptions(tags, List.of(), out).withJobs(threads).withForce(true));
                double s = (System.nanoTime() - start) / 1e9;
                int built = r.written().size();
                this.out.printf(Locale.ROOT, "  %8d  %7d  %7.2f  %10.0f  %19.0f  %14.1f%n", built, threads, s, built / s, built / s / threads,
                        1000 * s / built);
            }
            if (n * 2 > largest && n < largest) {
                n = largest / 2;
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static String verdict(double value, double target, String unit) {
        if (value <= target) {
            return "ok (target " + fmt(target) + " " + unit + ")";
        }
        return String.format(Locale.ROOT, "MISSED: %s %s over the %s %s target (+%.0f%%)", fmt(value - target), unit, fmt(target), unit,
                100 * (value - target) / target);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
