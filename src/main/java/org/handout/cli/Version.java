package org.handout.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code handout --version}: the tool's version, the commit and time of its build, the Java it
 * runs on and the versions of the libraries that shape its output, read from the
 * {@code pom.properties} each library's jar carries (kept in the shaded jar), so a bug report
 * says exactly what made a PDF.
 */
final class Version {
    private Version() {
    }

    /** The libraries named, by group, artifact and the name people know them by. */
    private static final String[][] LIBRARIES = {
        {"com.ibm.icu", "icu4j", "ICU4J"},
        {"com.github.librepdf", "openpdf", "OpenPDF"},
        {"org.apache.pdfbox", "pdfbox", "PDFBox"},
        {"commons-cli", "commons-cli", "Commons CLI"},
        {"org.snakeyaml", "snakeyaml-engine", "snakeyaml-engine"},
        {"com.fasterxml.jackson.core", "jackson-databind", "Jackson"},
        {"com.google.zxing", "core", "ZXing"},
    };

    static String describe() {
        Properties version = properties("/org/handout/version.properties");
        Properties build = properties("/org/handout/build.properties");
        String commit = build.getProperty("commit", "unknown");
        if (commit.startsWith("${") || commit.equals("unknown")) {
            // a jar built by plain ./mvnw (not the launcher): the commit of the checkout it was built in
            commit = checkout().map(c -> c + " (the checkout's; the jar was built without one)").orElse("unknown");
        }
        StringBuilder b = new StringBuilder();
        b.append("handout ").append(version.getProperty("version", "dev")).append('\n');
        b.append("commit ").append(commit.startsWith("${") ? "unknown" : commit).append(", built ")
                .append(version.getProperty("built", "unknown").startsWith("${") ? "unknown" : version.getProperty("built", "unknown")).append('\n');
        b.append("Java ").append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vendor")).append("), ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append('\n');
        List<String> libs = new ArrayList<>();
        for (String[] l : LIBRARIES) {
            String v = properties("/META-INF/maven/" + l[0] + "/" + l[1] + "/pom.properties").getProperty("version", "unknown");
            libs.add(l[2] + " " + v);
        }
        b.append(String.join(", ", libs)).append('\n');
        return b.toString();
    }

    /** The commit the git checkout holding this jar (or these classes) is at, read from its .git folder. */
    static java.util.Optional<String> checkout() {
        try {
            java.nio.file.Path at = java.nio.file.Path.of(Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (int i = 0; i < 4 && at != null; i++, at = at.getParent()) {
                java.nio.file.Path git = at.resolve(".git");
                if (java.nio.file.Files.isDirectory(git)) {
                    String head = java.nio.file.Files.readString(git.resolve("HEAD")).strip();
                    if (!head.startsWith("ref: ")) {
                        return java.util.Optional.of(head.substring(0, Math.min(12, head.length())));
                    }
                    String ref = head.substring(5);
                    java.nio.file.Path loose = git.resolve(ref);
                    if (java.nio.file.Files.isRegularFile(loose)) {
                        return java.util.Optional.of(java.nio.file.Files.readString(loose).strip().substring(0, 12));
                    }
                    for (String line : java.nio.file.Files.readAllLines(git.resolve("packed-refs"))) {
                        if (line.endsWith(" " + ref)) {
                            return java.util.Optional.of(line.substring(0, 12));
                        }
                    }
                    return java.util.Optional.empty();
                }
            }
        } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
            // not in a checkout, or not readable: unknown
        }
        return java.util.Optional.empty();
    }

    private static Properties properties(String resource) {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown, then
        }
        return p;
    }
}
