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
