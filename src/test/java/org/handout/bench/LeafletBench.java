package org.handout.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.doc.Leaflet;
import org.handout.i18n.Languages;
import org.handout.layout.Align;
import org.handout.layout.LaidOut;
import org.handout.layout.Paper;
import org.handout.pdf.PdfExporter;
import org.handout.report.Problems;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The warm figures of BENCHMARKS.md, measured by JMH (forks, warm-up, error bars) instead of a
 * hand-made loop: one leaflet composed, laid out and written as PDF bytes in memory, with the
 * project loaded once. Run by {@code tools/jmh.sh}; not part of the test suite (no timed test).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class LeafletBench {
    @Param({"en", "ar", "hi", "zh-Hans", "ja", "ko", "th", "de"})
    public String lang;

    @Param({"symptoms"})
    public String leaflet;

    private Project project;
    private Languages.Resolution resolution;
    private PdfExporter exporter;

    @Setup(Level.Trial)
    public void load() {
        project = Project.load(new Workspace(Path.of(System.getProperty("handout.root", ".")).toAbsolutePath()));
        resolution = project.languages().resolve(lang);
        exporter = new PdfExporter("handout bench");
    }

    @Benchmark
    public byte[] composeLayOutAndWrite() {
        Leaflet doc = project.compose(leaflet, resolution, new Problems()).orElseThrow();
        LaidOut laidOut = project.layout(doc, resolution, Paper.A4, Align.START);
        return exporter.export(laidOut, new PdfExporter.Stamp(java.time.Instant.EPOCH, "2026-12-01", "source"));
    }
}
