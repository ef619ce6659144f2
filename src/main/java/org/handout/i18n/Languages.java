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

    /** Whether {@code tag} is a well-formed BCP 47 language tag (e.g. ar, es-MX, zh-Hans). */
    public static boolean wellFormed(String tag) {
        ULocale l = ULocale.forLanguageTag(tag);
        return !l.getLanguage().isEmpty() && l.toLanguageTag().equalsIgnoreCase(tag);
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
