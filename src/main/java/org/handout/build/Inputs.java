package org.handout.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.handout.report.Problems;
import org.handout.world.FileWorld;
import org.handout.world.World;

/**
 * One run's reading of the project (a {@link World}): every input file is read once, through
 * here, and the fingerprint of what a PDF is made from is computed from those same bytes, so a
 * file edited while a build runs can never be recorded under the wrong fingerprint. Fonts and
 * clinic files are read only from inside their folders, whatever links point elsewhere.
 * <p>
 * A PDF's fingerprint covers the English it uses ({@code content/common.yaml} and
 * {@code content/<leaflet>.yaml}), the bundles of its language, the fonts, the options that change
 * the page (paper, alignment, draft), the date ({@code SOURCE_DATE_EPOCH}), the clinic profile and
 * its logo, and the tool's version and build. Two builds with the same fingerprint give the same
 * bytes, so the second can keep the first's file.
 */
public final class Inputs implements World {

    private final Workspace workspace;
    private final FileWorld files = new FileWorld(true);
    private final String tool = toolBuild();
    /** Each file's fingerprint, computed once from the bytes read. */
    private final java.util.Map<Path, String> hashes = new java.util.concurrent.ConcurrentHashMap<>();
    /** The fonts' fingerprint, computed once per run. */
    private volatile String fonts;

    public Inputs(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Optional<byte[]> read(Path file, String shown, long maxBytes, Optional<Path> confinedTo, Problems problems) {
        Path f = file.toAbsolutePath().normalize();
        Optional<byte[]> got = files.read(f, shown, maxBytes, confinedTo.isPresent() ? confinedTo : confinement(f), problems);
        if (got.isPresent() && streamed.contains(f)) {
            // fingerprinted before it was read (by a stream, not kept): a file that changed in between is
            // fingerprinted again by the bytes now read, so a PDF is never recorded under another file's
            String now = FileWorld.crc(got.get());
            if (!now.equals(hashes.put(f, now))) {
                fonts = null;
            }
            streamed.remove(f);
        }
        return got;
    }

    /** The folder a file of the project must stay in: fonts and clinic files in theirs, whatever links point elsewhere. */
    private Optional<Path> confinement(Path f) {
        return f.startsWith(workspace.fonts()) ? Optional.of(workspace.fonts())
                : f.startsWith(workspace.clinics()) ? Optional.of(workspace.clinics()) : Optional.empty();
    }

    /** Each folder's listing, made once per run like every read (a no-op build asked for the bundles' 217 times). */
    private final java.util.Map<String, List<Path>> listings = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public List<Path> list(Path dir, String suffix) {
        return listings.computeIfAbsent(dir.toAbsolutePath().normalize() + "\u0000" + suffix, k -> files.list(dir, suffix));
    }

    /** The fingerprint of {@code <tag>/<leaflet>.pdf} built with these options and this paper. */
    String fingerprint(String tag, String leaflet, BuildOptions options, String paper) {
        StringBuilder b = new StringBuilder();
        b.append("tool ").append(tool).append('\n');
        b.append("content ").append(hash(workspace.content().resolve("common.yaml"))).append(' ')
                .append(hash(workspace.content().resolve(leaflet + ".yaml"))).append('\n');
        String language = tag.split("-")[0];
        for (Path bundle : list(workspace.translations(), ".yaml")) {
            String name = bundle.getFileName().toString();
            if (name.equals(language + ".yaml") || name.startsWith(language + "-")) {
                b.append("bundle ").append(name).append(' ').append(hash(bundle)).append('\n');
            }
        }
        b.append("fonts ").append(fonts()).append('\n');
        b.append("page ").append(tag).append(' ').append(leaflet).append(' ').append(paper).append(' ')
                .append(options.align()).append(options.draft() ? " draft" : "").append('\n');
        b.append("date ").append(workspace.sourceDate().map(Object::toString).orElse("edition")).append('\n');
        options.clinic().ifPresent(c -> {
            b.append("clinic ").append(hash(c)).append('\n');
            for (Path f : list(c.toAbsolutePath().getParent(), "")) {
                String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg")) {
                    b.append("logo ").append(f.getFileName()).append(' ').append(hash(f)).append('\n');
                }
            }
        });
        return sha256(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Every file of {@code fonts/} by name and the fingerprint of its bytes as read. */
    private String fonts() {
        String f = fonts;
        if (f == null) {
            List<String> parts = new ArrayList<>();
            for (Path file : list(workspace.fonts(), "")) {
                parts.add(file.getFileName() + "=" + hash(file));
            }
            f = sha256(String.join(",", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            fonts = f;
        }
        return f;
    }

    /**
     * The fingerprint of a file as this run reads it (reading it now if nothing has yet, so that
     * what is loaded later is the same bytes): the SHA-256 of a text file, and for a font or a
     * larger file its length and CRC32C, which finds any change but a deliberate forgery at a fraction of
     * the cost (measured on the 24 MB of fonts: CRC32C 2 ms; SHA-256 130 ms with the JIT warm, and
     * 0.7 s in the launcher's short-run mode, whose client compiler has no SHA intrinsic); "absent"
     * for a file that cannot be read, or is not a plain file.
     */
    String hash(Path file) {
        Path f = file.toAbsolutePath().normalize();
        String known = hashes.get(f);
        if (known != null) {
            return known;
        }
        String h;
        if (size(f) > SHA_LIMIT || isFont(f)) {
            // a font (of any size) or a large logo: its CRC32C from the bytes read already, else from a stream
            // (the bytes not kept: most fonts are not read by a build of some languages)
            h = files.crc(f, org.handout.layout.FontBook.MAX_BYTES, confinement(f)).orElse("absent");
            streamed.add(f);
        } else {
            h = read(f, f.toString(), org.handout.layout.FontBook.MAX_BYTES, new Problems())
                    .map(b -> b.length > SHA_LIMIT ? FileWorld.crc(b) : sha256(b)).orElse("absent");
        }
        String raced = hashes.putIfAbsent(f, h);
        return raced != null ? raced : h;
    }

    private static long size(Path f) {
        try {
            return java.nio.file.Files.size(f);
        } catch (IOException e) {
            return 0; // read says why
        }
    }

    /** Fonts and large files fingerprinted from a stream, not yet read whole: their fingerprint is made again from the bytes read. */
    private final java.util.Set<Path> streamed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Files up to this size (every YAML file) are fingerprinted by SHA-256, larger ones (logos) and every font by CRC32C. */
    private static final int SHA_LIMIT = 128 << 10;

    /**
     * A font file, by its name: fingerprinted by CRC32C whatever its size. The small ones (Hebrew,
     * Thai, Lao: 17-66 KB) had been read whole and hashed by SHA-256, 16 ms of a one-leaflet build
     * in the client compiler, for fonts that build does not use.
     */
    static boolean isFont(Path f) {
        String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".ttf") || n.endsWith(".otf") || n.endsWith(".ttc") || n.endsWith(".otc");
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
