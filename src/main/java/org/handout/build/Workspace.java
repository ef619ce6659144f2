package org.handout.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a run reads and writes: the project folder with {@code content/}, {@code translations/},
 * {@code fonts/} and {@code clinics/}, and the date stamped into PDFs. With {@link Inputs} (one
 * run's reading of these files, each read once) it is the one door through which the environment
 * comes in, so nothing else reads the working directory, the default locale or the clock.
 */
public record Workspace(Path root, java.util.Optional<java.time.Instant> sourceDate) {

    public Workspace {
        root = root.toAbsolutePath().normalize();
    }

    /** The project at {@code root}; the date stamped into PDFs comes from {@code SOURCE_DATE_EPOCH} when it is set. */
    public Workspace(Path root) {
        this(root, sourceDateEpoch(System.getenv("SOURCE_DATE_EPOCH")));
    }

    /**
     * The reproducible-builds date: {@code SOURCE_DATE_EPOCH} (seconds since 1970, UTC), if set
     * and a number; then every PDF claims to be made at that instant instead of its edition's date.
     */
    static java.util.Optional<java.time.Instant> sourceDateEpoch(String value) {
        if (value == null || !value.strip().matches("\\d{1,12}")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(java.time.Instant.ofEpochSecond(Long.parseLong(value.strip())));
    }

    public Path content() {
        return root.resolve("content");
    }

    public Path translations() {
        return root.resolve("translations");
    }

    public Path fonts() {
        return root.resolve("fonts");
    }

    /** The clinic profiles, {@code clinics/<id>.yaml}. */
    public Path clinics() {
        return root.resolve("clinics");
    }

    /** The default output folder. */
    public Path output() {
        return root.resolve("output");
    }

    /** The tool's version, from the build. */
    public static String version() {
        try (InputStream in = Workspace.class.getResourceAsStream("/org/handout/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
