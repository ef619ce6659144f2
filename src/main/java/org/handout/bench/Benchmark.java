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
import org.handout.doc.Leaflet;
import org.handout.i18n.Languages;
import org.handout.layout.Align;
import org.handout.layout.LaidOut;
import org.handout.layout.Paper;
import org.handout.pdf.PdfExporter;
import org.handout.report.Problems;

/**
 * {@code handout bench}: the figures behind BENCHMARKS.md, measured, not asserted. Cold: the
 * whole matrix built by the launcher in a fresh JVM, wall time and peak memory. Warm: each leaflet
 * in each language composed, laid out and written to bytes again and again in one JVM, median and
 * 95th percentile. Sizes: every PDF against its budget. Scale: a synthetic matrix of copies of the
 * bundles under private-use tags, to show time grows linearly and how much a core builds.
 */
public final class Benchmark {
    /** Targets from the speed issue, on a 2-core machine. */
    static final double COLD_SECONDS = 1.5;
    static final double WARM_MS = 5;
    static final double WARM_CJK_MS = 15;
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

    /** Runs every part; {@code scale} is the size of the largest synthetic matrix (0 skips it). */
    public int run(int coldRuns, int warmRounds, int scale) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "machine: %d processors, %s %s, Java %s (%s)%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        int missed = 0;
        missed += cold(coldRuns);
        missed += warm(warmRounds);
        if (scale > 0) {
            scale(scale);
        }
        out.println(missed == 0 ? "every target met" : missed + " target" + (missed == 1 ? "" : "s") + " missed (see above)");
        return missed == 0 ? 0 : 1;
    }

    /** Fresh JVMs through the launcher, as a user runs it: wall time, peak RSS, PDF sizes. */
    private int cold(int runs) throws IOException, InterruptedException {
        Path launcher = ws.root().resolve("handout");
        if (runs == 0) {
            out.println("cold: skipped (--runs 0)");
            return 0;
        }
        if (!Files.isExecutable(launcher)) {
            out.println("cold: skipped (no ./handout launcher in " + ws.root() + ")");
            return 0;
        }
        Path dir = Files.createTempDirectory("handout-bench");
        List<Double> walls = new ArrayList<>();
        long peakKb = 0;
        // one untimed run first: it builds the jar or its class cache if they are missing, as the first run of a day does
        new ProcessBuilder(launcher.toString(), "build", "--force", "--out", dir.toString()).directory(ws.root().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.MINUTES);
        for (int i = 0; i < runs; i++) {
            ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "build", "--force", "--out", dir.toString())
                    .directory(ws.root().toFile()).redirectErrorStream(true);
            pb.environment().put("HANDOUT_REPORT_PEAK", "1");
            long start = System.nanoTime();
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.MINUTES);
            walls.add((System.nanoTime() - start) / 1e9);
            for (String line : log.split("\n")) {
                if (line.startsWith("peak RSS: ")) {
                    peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
            if (p.exitValue() != 0) {
                out.println("cold: the build failed:\n" + log);
                return 1;
            }
        }
        walls.sort(Double::compare);
        double median = walls.get(walls.size() / 2);
        int missed = 0;
        out.printf(Locale.ROOT, "cold full build (fresh JVM, ./handout build --force, %d runs): median %.2f s, min %.2f s, max %.2f s  %s%n",
                runs, median, walls.get(0), walls.get(walls.size() - 1), verdict(median, COLD_SECONDS, "s"));
        missed += median > COLD_SECONDS ? 1 : 0;
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

    /** One JVM, each leaflet built to bytes over and over: the time a rebuild on save costs. */
    private int warm(int rounds) {
        Project project = Project.load(ws);
        PdfExporter exporter = new PdfExporter("handout bench");
        Map<String, List<Double>> samples = new TreeMap<>(Comparator.comparing((String t) -> !t.equals("en")).thenComparing(t -> t));
        for (int round = -Math.max(3, rounds / 3); round < rounds; round++) {
            for (String tag : project.languageTags()) {
                Languages.Resolution r = project.languages().resolve(tag);
                for (String leaflet : project.content().leafletIds()) {
                    long start = System.nanoTime();
                    Leaflet doc = project.compose(leaflet, r, new Problems()).orElseThrow();
                    LaidOut laid = project.layout(doc, r, Paper.forLocale(r.formatLocale()), Align.START);
                    byte[] pdf = exporter.export(laid);
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (round >= 0 && pdf.length > 0) {
                        samples.computeIfAbsent(tag, k -> new ArrayList<>()).add(ms);
                    }
                }
            }
        }
        int missed = 0;
        out.printf(Locale.ROOT, "warm, per leaflet (compose, lay out, write the PDF to memory; %d rounds; ms):%n", rounds);
        out.println("  language  median    p95   target");
        for (Map.Entry<String, List<Double>> e : samples.entrySet()) {
            List<Double> s = e.getValue();
            s.sort(Double::compare);
            double median = s.get(s.size() / 2);
            double p95 = s.get((int) Math.ceil(s.size() * 0.95) - 1);
            double target = cjk(e.getKey()) ? WARM_CJK_MS : WARM_MS;
            out.printf(Locale.ROOT, "  %-8s %7.1f %6.1f  %5.0f   %s%n", e.getKey(), median, p95, target, verdict(median, target, "ms"));
            missed += median > target ? 1 : 0;
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
