package org.handout.serve;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.LocaleMatcher;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web page's own words, in the page's language: one bundle of ICU MessageFormat patterns per
 * language ({@code page.<tag>.properties}, UTF-8, next to this class), the page's language
 * negotiated by ICU's {@link LocaleMatcher} from the address ({@code ?ui=es}) or the browser's
 * {@code Accept-Language}. English is the source and the fallback; a bundle may not lack a key
 * English has (a test checks key sets and placeholders).
 */
final class Ui {
    /** The languages the page itself is written in, English first. */
    static final List<String> LANGUAGES = List.of("en", "es");

    private static final LocaleMatcher MATCHER = LocaleMatcher.builder()
            .setSupportedLocales(String.join(", ", LANGUAGES))
            .setDefaultULocale(ULocale.ENGLISH).build();
    private static final Map<String, Map<String, String>> BUNDLES = new ConcurrentHashMap<>();

    private final String tag;
    private final ULocale locale;
    private final Map<String, String> patterns;

    private Ui(String tag) {
        this.tag = tag;
        this.locale = ULocale.forLanguageTag(tag);
        this.patterns = bundle(tag);
    }

    /** The page's language: {@code ?ui=} when it names one the page has, else the browser's choice, else English. */
    static Ui negotiate(Optional<String> asked, String acceptLanguage) {
        if (asked.isPresent() && LANGUAGES.contains(asked.get())) {
            return new Ui(asked.get());
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() < 512) {
            try {
                ULocale best = MATCHER.getBestMatch(com.ibm.icu.util.LocalePriorityList.add(acceptLanguage).build());
                if (best != null && LANGUAGES.contains(best.toLanguageTag())) {
                    return new Ui(best.toLanguageTag());
                }
            } catch (IllegalArgumentException e) {
                // a malformed Accept-Language is no choice at all
            }
        }
        return new Ui("en");
    }

    static Ui of(String tag) {
        return new Ui(LANGUAGES.contains(tag) ? tag : "en");
    }

    String tag() {
        return tag;
    }

    ULocale locale() {
        return locale;
    }

    /** Whether the page's language is written right to left. */
    boolean rtl() {
        return locale.isRightToLeft();
    }

    /** The text of {@code key} with its named arguments ({@code name, value, name, value ...}). */
    String t(String key, Object... args) {
        String pattern = patterns.get(key);
        if (pattern == null) {
            pattern = bundle("en").get(key);
        }
        if (pattern == null) {
            throw new IllegalArgumentException("the page has no text " + key);
        }
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            named.put((String) args[i], args[i + 1]);
        }
        return new MessageFormat(pattern, locale).format(named);
    }

    /** A language's name in the page's language ("Arabic", "árabe"). */
    String languageName(String tag) {
        return ULocale.forLanguageTag(tag).getDisplayName(locale);
    }

    /**
     * Names of languages in themselves that ICU's CLDR data lacks (it then gives back the tag):
     * Haitian Creole's own name, as its speakers and its bundle write it.
     */
    private static final Map<String, String> OWN_NAMES = Map.of("ht", "Kreyòl ayisyen");

    /** A language's name in itself ("العربية"), capitalised as a name in a list is where the script has case. */
    static String ownName(String tag) {
        ULocale l = ULocale.forLanguageTag(tag);
        String name = l.getDisplayName(l);
        // without data of its own ICU gives the tag back, or the English name
        if (name.equalsIgnoreCase(tag) || name.equalsIgnoreCase(l.getLanguage()) || name.equals(l.getDisplayName(ULocale.ENGLISH))) {
            return OWN_NAMES.getOrDefault(l.getLanguage(), name);
        }
        return com.ibm.icu.lang.UCharacter.toTitleCase(l, name, null, com.ibm.icu.lang.UCharacter.TITLECASE_NO_LOWERCASE
                | com.ibm.icu.lang.UCharacter.TITLECASE_NO_BREAK_ADJUSTMENT);
    }

    /** Language tags in the order of their names in the page's language (ICU's collation), English first. */
    List<String> sorted(List<String> tags) {
        com.ibm.icu.text.Collator collator = com.ibm.icu.text.Collator.getInstance(locale);
        return tags.stream().sorted(java.util.Comparator.comparing((String t) -> !t.equals("en"))
                .thenComparing(this::languageName, collator)).toList();
    }

    /** The keys and patterns of one page bundle. */
    static Map<String, String> bundle(String tag) {
        return BUNDLES.computeIfAbsent(tag, t -> {
            Properties p = new Properties();
            try (InputStream in = Ui.class.getResourceAsStream("page." + t + ".properties")) {
                if (in == null) {
                    throw new IllegalStateException("no page bundle for " + t);
                }
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> m = new LinkedHashMap<>();
            p.stringPropertyNames().stream().sorted().forEach(k -> m.put(k, p.getProperty(k)));
            return Map.copyOf(m);
        });
    }
}
