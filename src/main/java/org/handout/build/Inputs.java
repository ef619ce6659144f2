package org.handout.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The fingerprint of everything one PDF is made from: the English it uses ({@code content/common.yaml}
 * and {@code content/<leaflet>.yaml}), the bundles of its language, the fonts, the options that
 * change the page (paper, alignment, draft), the date ({@code SOURCE_DATE_EPOCH}), and the tool's
 * version and build. Two builds with the same fingerprint give the same bytes, so the second can
 * keep the first's file. Each file is hashed once per run.
 */
final class Inputs {
    private final Workspace workspace;
    private final Map<Path, String> hashes = new ConcurrentHashMap<>();
    private final String fonts;
    private final String tool;
    private final List<Path> bundles;

    Inputs(Workspace workspace) {
        this.workspace = workspace;
        this.bundles = list(workspace.translations());
        this.fonts = fontsIdentity(list(workspace.fonts()));
        this.tool = toolBuild();
    }

    /** The fingerprint of {@code <tag>/<leaflet>.pdf} built with these options and this paper. */
    String fingerprint(String tag, String leaflet, BuildOptions options, String paper) {
        StringBuilder b = new StringBuilder();
        b.append("tool ").append(tool).append('\n');
        b.append("content ").append(hash(workspace.content().resolve("common.yaml"))).append(' ')
                .append(hash(workspace.content().resolve(leaflet + ".yaml"))).append('\n');
        String language = tag.split("-")[0];
        for (Path bundle : bundles) {
            String name = bundle.getFileName().toString();
            if (name.endsWith(".yaml") && (name.equals(language + ".yaml") || name.startsWith(language + "-"))) {
                b.append("bundle ").append(name).append(' ').append(hash(bundle)).append('\n');
            }
        }
        b.append("fonts ").append(fonts).append('\n');
        b.append("page ").append(tag).append(' ').append(leaflet).append(' ').append(paper).append(' ')
                .append(options.align()).append(options.draft() ? " draft" : "").append('\n');
        b.append("date ").append(workspace.sourceDate().map(Object::toString).orElse("edition")).append('\n');
        options.clinic().ifPresent(c -> {
            b.append("clinic ").append(hash(c)).append('\n');
            for (Path f : list(c.toAbsolutePath().getParent())) {
                String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg")) {
                    b.append("logo ").append(f.getFileName()).append(' ').append(hash(f)).append('\n');
                }
            }
        });
        return sha256(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String toolBuild() {
        try (InputStream in = Inputs.class.getResourceAsStream("/org/handout/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev") + " " + p.getProperty("built", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The fonts by name, size and modification time rather than content: hashing 30 MB of fonts
     * would cost more than a no-op build may take, and a font changes far less often than text.
     * (A font edited in place with its size and time kept is not noticed; --force rebuilds.)
     * The small files (fonts.yaml) are hashed.
     */
    private String fontsIdentity(List<Path> files) {
        List<String> parts = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            try {
                parts.add(name + "=" + (name.endsWith(".yaml") ? hash(f)
                        : Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis()));
            } catch (IOException e) {
                parts.add(name + "=unreadable");
            }
        }
        return sha256(String.join(",", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The SHA-256 of a file's bytes, or "absent". */
    String hash(Path file) {
        return hashes.computeIfAbsent(file, f -> {
            try {
                return Files.isRegularFile(f) ? sha256(Files.readAllBytes(f)) : "absent";
            } catch (IOException e) {
                return "unreadable";
            }
        });
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
