package org.handout.i18n;

import com.ibm.icu.util.LocaleMatcher;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The languages the project has (the English source and one bundle per translation), and how a
 * requested language tag falls back to one of them, negotiated by ICU's {@code LocaleMatcher}:
 * {@code es-MX} → {@code es}; a language without a bundle → English.
 */
public final class Languages {
    private final Map<String, Bundle> bundles = new LinkedHashMap<>();
    private final List<ULocale> supported = new ArrayList<>();
    private final LocaleMatcher matcher;

    public Languages(Bundle source, List<Bundle> translations) {
        bundles.put(source.tag(), source);
        translations.forEach(b -> bundles.put(b.tag(), b));
        bundles.values().forEach(b -> supported.add(b.locale()));
        matcher = LocaleMatcher.builder()
                .setSupportedULocales(supported)
                .setDefaultULocale(source.locale())
                .build();
    }

    /** Language subtags that name no language: undetermined, multiple, missing, no linguistic content. */
    private static final java.util.Set<String> NOT_LANGUAGES = java.util.Set.of("und", "mul", "mis", "zxx");

    /**
     * ICU's canonical form of a language tag, which everything else uses: {@code prs} is
     * {@code fa-AF} (Dari: right to left, Persian dates), {@code iw} is {@code he}, {@code zh-hans}
     * is {@code zh-Hans}, {@code tl} is {@code fil}. Empty when the tag is not a well-formed BCP 47
     * tag naming a language: its language subtag must be an ISO 639 code of two or three letters
     * (BCP 47 registers none longer), so a folder named {@code clinics}, {@code preview} or
     * {@code xliff} can never be a language's.
     */
    public static Optional<String> canonical(String tag) {
        if (tag == null || !tag.matches("[A-Za-z0-9-]{2,64}")) {
            return Optional.empty();
        }
        ULocale parsed;
        try {
            parsed = new ULocale.Builder().setLanguageTag(tag).build();
        } catch (com.ibm.icu.util.IllformedLocaleException e) {
            return Optional.empty();
        }
        ULocale c = ULocale.createCanonical(parsed);
        String language = c.getLanguage();
        if (language.length() < 2 || language.length() > 3 || NOT_LANGUAGES.contains(language)) {
            return Optional.empty();
        }
        return Optional.of(c.toLanguageTag());
    }

    /** Whether {@code tag} is a well-formed BCP 47 tag of a language (e.g. ar, es-MX, zh-Hans, iw), canonical or not. */
    public static boolean wellFormed(String tag) {
        return canonical(tag).isPresent();
    }

    /** Tags of every language with a bundle, English first, then in file-name order. */
    public List<String> tags() {
        return List.copyOf(bundles.keySet());
    }

    /** The bundle with exactly this tag. */
    public Optional<Bundle> bundle(String tag) {
        return Optional.ofNullable(bundles.get(tag));
    }

    /** Which bundle serves a requested language, and which locale formats its numbers and dates. */
    public record Resolution(String requested, Bundle bundle, ULocale formatLocale) {
        /** True when the text comes from a bundle of another language than the one asked for. */
        public boolean fellBack() {
            return !bundle.locale().getLanguage().equals(ULocale.forLanguageTag(requested).getLanguage());
        }
    }

    /** Resolves a well-formed language tag to the best bundle. */
    public Resolution resolve(String tag) {
        ULocale desired = ULocale.forLanguageTag(tag);
        Bundle exact = bundles.get(tag);
        if (exact != null) {
            return new Resolution(tag, exact, exact.locale());
        }
        LocaleMatcher.Result result = matcher.getBestMatchResult(desired);
        Bundle bundle = bundles.get(tag(result.getSupportedULocale()));
        boolean sameLanguage = bundle.locale().getLanguage().equals(desired.getLanguage());
        return new Resolution(tag, bundle, sameLanguage ? desired : bundle.locale());
    }

    private String tag(ULocale locale) {
        for (Bundle b : bundles.values()) {
            if (b.locale().equals(locale)) {
                return b.tag();
            }
        }
        throw new IllegalStateException("no bundle for " + locale);
    }
}
