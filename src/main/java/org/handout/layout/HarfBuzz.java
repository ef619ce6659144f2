package org.handout.layout;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system's HarfBuzz ({@code libharfbuzz.so.0}, Debian's {@code libharfbuzz0b}), called through
 * the JDK's foreign function API, for the one thing the JDK's own shaper cannot do: be told the
 * language. The JDK shapes every run with its bundled HarfBuzz but passes no language, so a face
 * that has forms of its own for a language (OpenType {@code locl} and the language's lookups under
 * its LangSys: Nepali's झ ५ ८ ९ and conjuncts in Noto Sans Devanagari, Urdu's digits in Noto Naskh
 * Arabic, Romanian's ș ț in Noto Sans) sets it in the script's default forms. For such a language
 * handout shapes with this binding instead, with the same features the JDK applies (kerning on,
 * optional ligatures off); every other run stays with the JDK, whose results the reader tests
 * have measured.
 *
 * <p>Why a binding of our own: no Java library on Maven Central binds HarfBuzz for the JDK's FFM
 * API (the JNI bindings are unmaintained or platform-bound), and the few calls needed here are a
 * page. Faces are created once per {@link Face} and are immutable, so shaping is thread-safe.
 */
final class HarfBuzz {
    /** One shaped run: glyph ids, each glyph's character (relative to the run's start), its pen position and offset, in thousandths of an em. */
    record Shaped(int[] glyphs, int[] chars, float[] x, float[] y, float advance) {
    }

    private static final int HB_DIRECTION_LTR = 4;
    private static final int HB_DIRECTION_RTL = 5;
    private static final int GSUB = tag("GSUB");
    private static final int GPOS = tag("GPOS");
    /** hb_glyph_info_t and hb_glyph_position_t are both five 32-bit fields. */
    private static final int RECORD = 20;

    private static final Optional<HarfBuzz> INSTANCE = load();

    private final MethodHandle blobCreate;
    private final MethodHandle faceCreate;
    private final MethodHandle faceDestroy;
    private final MethodHandle blobDestroy;
    private final MethodHandle languageFromString;
    private final MethodHandle scriptFromString;
    private final MethodHandle tagsFromScriptAndLanguage;
    private final MethodHandle selectScript;
    private final MethodHandle selectLanguage;
    /** A face's hb_face_t and hb_font_t. */
    private record Handles(MemorySegment face, MemorySegment font) {
    }

    /** The HarfBuzz handles of each face, made on first use and kept for the run's life (as the face is). */
    private final ConcurrentHashMap<Face, Handles> fonts = new ConcurrentHashMap<>();
    /** Whether a face has forms of its own for a language in a script: "file|ne|Deva" → true. */
    private final ConcurrentHashMap<String, Boolean> ownForms = new ConcurrentHashMap<>();
    private final SymbolLookup lib;
    /** The functions only shaping needs, bound on first use: most runs only ask which faces have forms of their own. */
    private volatile Shaper shaper;

    /** HarfBuzz's shaping functions, and the features every run is shaped with. */
    private record Shaper(MethodHandle fontCreate, MethodHandle fontSetScale, MethodHandle bufferCreate, MethodHandle bufferDestroy,
                          MethodHandle bufferAddUtf16, MethodHandle bufferSetDirection, MethodHandle bufferSetLanguage,
                          MethodHandle bufferSetScript, MethodHandle bufferSetClusterLevel, MethodHandle shape,
                          MethodHandle glyphInfos, MethodHandle glyphPositions, MemorySegment features, int featureCount) {
    }

    private HarfBuzz(SymbolLookup lib) {
        this.lib = lib;
        Linker l = Linker.nativeLinker();
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        java.lang.foreign.AddressLayout p = ValueLayout.ADDRESS;
        blobCreate = l.downcallHandle(find(lib, "hb_blob_create"), FunctionDescriptor.of(p, p, i, i, p, p));
        faceCreate = l.downcallHandle(find(lib, "hb_face_create"), FunctionDescriptor.of(p, p, i));
        faceDestroy = l.downcallHandle(find(lib, "hb_face_destroy"), FunctionDescriptor.ofVoid(p));
        blobDestroy = l.downcallHandle(find(lib, "hb_blob_destroy"), FunctionDescriptor.ofVoid(p));
        languageFromString = l.downcallHandle(find(lib, "hb_language_from_string"), FunctionDescriptor.of(p, p, i));
        scriptFromString = l.downcallHandle(find(lib, "hb_script_from_string"), FunctionDescriptor.of(i, p, i));
        tagsFromScriptAndLanguage = l.downcallHandle(find(lib, "hb_ot_tags_from_script_and_language"),
                FunctionDescriptor.ofVoid(i, p, p, p, p, p));
        selectScript = l.downcallHandle(find(lib, "hb_ot_layout_table_select_script"), FunctionDescriptor.of(i, p, i, i, p, p, p));
        selectLanguage = l.downcallHandle(find(lib, "hb_ot_layout_script_select_language"), FunctionDescriptor.of(i, p, i, i, i, p, p));
        try {
            MethodHandle versionString = l.downcallHandle(find(lib, "hb_version_string"), FunctionDescriptor.of(p));
            version = ((MemorySegment) versionString.invokeExact()).reinterpret(64).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException("HarfBuzz: hb_version_string failed", t);
        }
    }

    /** The shaping functions, bound the first time text is shaped. */
    private Shaper shaper() {
        Shaper s = shaper;
        if (s == null) {
            synchronized (this) {
                s = shaper;
                if (s == null) {
                    s = bindShaper();
                    shaper = s;
                }
            }
        }
        return s;
    }

    private Shaper bindShaper() {
        Linker l = Linker.nativeLinker();
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        java.lang.foreign.AddressLayout p = ValueLayout.ADDRESS;
        MethodHandle featureFromString = l.downcallHandle(find(lib, "hb_feature_from_string"), FunctionDescriptor.of(i, p, i, p));
        // the JDK's choice: kerning on; optional ligatures off (a ligature glyph has no Unicode value of its own)
        String[] wanted = {"kern", "-liga", "-clig"};
        MemorySegment features = Arena.global().allocate(16L * wanted.length, 4);
        int n = 0;
        try (Arena a = Arena.ofConfined()) {
            for (String f : wanted) {
                if ((int) featureFromString.invokeExact(a.allocateFrom(f), -1, features.asSlice(16L * n, 16)) != 0) {
                    n++;
                }
            }
        } catch (Throwable t) {
            throw new IllegalStateException("HarfBuzz: hb_feature_from_string failed", t);
        }
        return new Shaper(
                l.downcallHandle(find(lib, "hb_font_create"), FunctionDescriptor.of(p, p)),
                l.downcallHandle(find(lib, "hb_font_set_scale"), FunctionDescriptor.ofVoid(p, i, i)),
                l.downcallHandle(find(lib, "hb_buffer_create"), FunctionDescriptor.of(p)),
                l.downcallHandle(find(lib, "hb_buffer_destroy"), FunctionDescriptor.ofVoid(p)),
                l.downcallHandle(find(lib, "hb_buffer_add_utf16"), FunctionDescriptor.ofVoid(p, p, i, i, i)),
                l.downcallHandle(find(lib, "hb_buffer_set_direction"), FunctionDescriptor.ofVoid(p, i)),
                l.downcallHandle(find(lib, "hb_buffer_set_language"), FunctionDescriptor.ofVoid(p, p)),
                l.downcallHandle(find(lib, "hb_buffer_set_script"), FunctionDescriptor.ofVoid(p, i)),
                l.downcallHandle(find(lib, "hb_buffer_set_cluster_level"), FunctionDescriptor.ofVoid(p, i)),
                l.downcallHandle(find(lib, "hb_shape"), FunctionDescriptor.ofVoid(p, p, p, i)),
                l.downcallHandle(find(lib, "hb_buffer_get_glyph_infos"), FunctionDescriptor.of(p, p, p)),
                l.downcallHandle(find(lib, "hb_buffer_get_glyph_positions"), FunctionDescriptor.of(p, p, p)),
                features, n);
    }

    /** The library's version: hb_version_string. */
    private String version = "";

    /** The Unicode version this HarfBuzz shapes, from its own version (HarfBuzz 6 and 7: 15.0; 8 and 9: 15.1; 10 and later: 16.0). */
    com.ibm.icu.util.VersionInfo unicodeVersion() {
        int major = Integer.parseInt(version.split("\\.")[0]);
        return major >= 10 ? com.ibm.icu.util.VersionInfo.getInstance(16)
                : com.ibm.icu.util.VersionInfo.getInstance(15, major >= 8 ? 1 : 0);
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalStateException("libharfbuzz has no " + name));
    }

    private static Optional<HarfBuzz> load() {
        if ("off".equals(System.getProperty("handout.harfbuzz"))) {
            return Optional.empty(); // as on a machine without it (-Dhandout.harfbuzz=off)
        }
        for (String name : new String[] {"libharfbuzz.so.0", "libharfbuzz.so", "libharfbuzz.0.dylib", "harfbuzz"}) {
            try {
                return Optional.of(new HarfBuzz(SymbolLookup.libraryLookup(name, Arena.global())));
            } catch (IllegalArgumentException | IllegalStateException | UnsatisfiedLinkError | IllegalCallerException e) {
                // not this name, or not here
            }
        }
        return Optional.empty();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Says once, on standard error, that languages with forms of their own are set in their script's default forms. */
    static void warnMissing() {
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("handout: warning: libharfbuzz.so.0 was not found (Debian: apt-get install libharfbuzz0b); "
                    + "a language whose font has forms of its own (Nepali, Persian, Urdu digits) is set in its script's default forms");
        }
    }

    /** The binding, if the system has HarfBuzz and the JVM allows native access. */
    static Optional<HarfBuzz> get() {
        return INSTANCE;
    }

    private static int tag(String t) {
        return (t.charAt(0) << 24) | (t.charAt(1) << 16) | (t.charAt(2) << 8) | t.charAt(3);
    }

    /** An hb_blob_t over a face's bytes and the hb_face_t on it. */
    private record Opened(MemorySegment blob, MemorySegment face) {
    }

    /** A face's bytes copied into {@code arena}, opened as a HarfBuzz face. */
    private Opened open(Face face, Arena arena) throws Throwable {
        byte[] bytes = face.bytes();
        MemorySegment data = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, data, ValueLayout.JAVA_BYTE, 0, bytes.length);
        // HB_MEMORY_MODE_READONLY (1): the bytes stay ours, for as long as the arena lives
        MemorySegment blob = (MemorySegment) blobCreate.invokeExact(data, bytes.length, 1, MemorySegment.NULL, MemorySegment.NULL);
        return new Opened(blob, (MemorySegment) faceCreate.invokeExact(blob, 0));
    }

    private Handles handles(Face face) {
        return fonts.computeIfAbsent(face, f -> {
            try {
                MemorySegment hbFace = open(f, Arena.global()).face(); // kept for the run's life, as the face is
                Shaper sh = shaper();
                MemorySegment hbFont = (MemorySegment) sh.fontCreate().invokeExact(hbFace);
                // positions in 64ths of a thousandth of an em (the JDK's units at Face.UNITS, with sub-unit precision)
                sh.fontSetScale().invokeExact(hbFont, (int) Face.UNITS * 64, (int) Face.UNITS * 64);
                return new Handles(hbFace, hbFont);
            } catch (Throwable t) {
                throw new IllegalStateException("HarfBuzz cannot open " + f.file(), t);
            }
        });
    }

    /**
     * Whether {@code face} has forms of its own for {@code language} (BCP 47) in {@code script}
     * (ISO 15924, "Deva"): a LangSys of the language under the script in its GSUB or GPOS. Only
     * then does the language change what the face draws.
     */
    boolean hasOwnForms(Face face, String language, String script) {
        return ownForms.computeIfAbsent(face.file() + "|" + language + "|" + script, k -> {
            Handles kept = fonts.get(face);
            if (kept != null) {
                return hasOwnForms(kept.face(), face, language, script);
            }
            // a face HarfBuzz has not shaped with is asked on a copy made for the question and freed after:
            // most faces are shaped by the JDK alone, and keeping a native copy of every face (the CJK
            // faces are 2-6 MB each) was a tenth of a whole build's memory
            try (Arena copy = Arena.ofConfined()) {
                Opened opened = open(face, copy);
                try {
                    return hasOwnForms(opened.face(), face, language, script);
                } finally {
                    faceDestroy.invokeExact(opened.face());
                    blobDestroy.invokeExact(opened.blob());
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("HarfBuzz cannot open " + face.file(), t);
            }
        });
    }

    /** Whether this run keeps a native copy of {@code face}: only once HarfBuzz has shaped text in it. */
    boolean keepsCopyOf(Face face) {
        return fonts.containsKey(face);
    }

    private boolean hasOwnForms(MemorySegment hbFace, Face face, String language, String script) {
        try (Arena a = Arena.ofConfined()) {
            int hbScript = (int) scriptFromString.invokeExact(a.allocateFrom(script), -1);
            MemorySegment lang = (MemorySegment) languageFromString.invokeExact(a.allocateFrom(language), -1);
            MemorySegment scriptCount = a.allocateFrom(ValueLayout.JAVA_INT, 3);
            MemorySegment scriptTags = a.allocate(ValueLayout.JAVA_INT, 3);
            MemorySegment langCount = a.allocateFrom(ValueLayout.JAVA_INT, 3);
            MemorySegment langTags = a.allocate(ValueLayout.JAVA_INT, 3);
            tagsFromScriptAndLanguage.invokeExact(hbScript, lang, scriptCount, scriptTags, langCount, langTags);
            int sc = scriptCount.get(ValueLayout.JAVA_INT, 0);
            int lc = langCount.get(ValueLayout.JAVA_INT, 0);
            if (sc == 0 || lc == 0) {
                return false;
            }
            for (int table : new int[] {GSUB, GPOS}) {
                MemorySegment scriptIndex = a.allocate(ValueLayout.JAVA_INT);
                MemorySegment chosen = a.allocate(ValueLayout.JAVA_INT);
                if ((int) selectScript.invokeExact(hbFace, table, sc, scriptTags, scriptIndex, chosen) == 0) {
                    continue;
                }
                MemorySegment langIndex = a.allocate(ValueLayout.JAVA_INT);
                if ((int) selectLanguage.invokeExact(hbFace, table, scriptIndex.get(ValueLayout.JAVA_INT, 0), lc, langTags, langIndex) != 0) {
                    return true;
                }
            }
            return false;
        } catch (Throwable t) {
            throw new IllegalStateException("HarfBuzz cannot read the layout tables of " + face.file(), t);
        }
    }

    /** Shapes {@code chars[start, end)} (the rest of the paragraph as context) in {@code face}, told the language and script. */
    Shaped shape(Face face, char[] chars, int start, int end, boolean rtl, String language, String script) {
        MemorySegment hbFont = handles(face).font();
        Shaper sh = shaper();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment text = a.allocateFrom(ValueLayout.JAVA_CHAR, chars);
            MemorySegment buf = (MemorySegment) sh.bufferCreate().invokeExact();
            try {
                sh.bufferAddUtf16().invokeExact(buf, text, chars.length, start, end - start);
                sh.bufferSetDirection().invokeExact(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
                // HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS: a mark or vowel sign keeps its own character, as the
                // JDK's glyph-to-character index does (the text a reader gets back is built from it)
                sh.bufferSetClusterLevel().invokeExact(buf, 1);
                sh.bufferSetScript().invokeExact(buf, (int) scriptFromString.invokeExact(a.allocateFrom(script), -1));
                sh.bufferSetLanguage().invokeExact(buf, (MemorySegment) languageFromString.invokeExact(a.allocateFrom(language), -1));
                sh.shape().invokeExact(hbFont, buf, sh.features(), sh.featureCount());
                MemorySegment len = a.allocate(ValueLayout.JAVA_INT);
                MemorySegment infos = (MemorySegment) sh.glyphInfos().invokeExact(buf, len);
                int n = len.get(ValueLayout.JAVA_INT, 0);
                MemorySegment positions = (MemorySegment) sh.glyphPositions().invokeExact(buf, len);
                infos = infos.reinterpret((long) RECORD * n);
                positions = positions.reinterpret((long) RECORD * n);
                int[] glyphs = new int[n];
                int[] at = new int[n];
                float[] x = new float[n];
                float[] y = new float[n];
                float pen = 0;
                for (int g = 0; g < n; g++) {
                    glyphs[g] = infos.get(ValueLayout.JAVA_INT, (long) RECORD * g);
                    at[g] = infos.get(ValueLayout.JAVA_INT, (long) RECORD * g + 8) - start;
                    float xAdvance = positions.get(ValueLayout.JAVA_INT, (long) RECORD * g) / 64f;
                    float xOffset = positions.get(ValueLayout.JAVA_INT, (long) RECORD * g + 8) / 64f;
                    float yOffset = positions.get(ValueLayout.JAVA_INT, (long) RECORD * g + 12) / 64f;
                    x[g] = pen + xOffset;
                    y[g] = -yOffset; // the JDK's y grows downwards
                    pen += xAdvance;
                }
                return new Shaped(glyphs, at, x, y, pen);
            } finally {
                sh.bufferDestroy().invokeExact(buf);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("HarfBuzz failed to shape a run of " + face.file(), t);
        }
    }
}
