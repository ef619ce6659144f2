package org.handout.i18n;

import com.ibm.icu.util.ULocale;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean": the nearest of the known names to a mistyped one, when near enough to be a slip
 * (Levenshtein distance from Commons Text, see {@link #slip}), and for a language also by name ({@code spanish}, {@code español} is {@code es}).
 */
public final class Suggestions {
    private Suggestions() {
    }

    public static Optional<String> nearest(String typed, Collection<String> known) {
        LevenshteinDistance d = LevenshteinDistance.getDefaultInstance();
        String t = typed.toLowerCase(Locale.ROOT);
        return known.stream().min(Comparator.comparingInt((String k) -> d.apply(t, k.toLowerCase(Locale.ROOT))))
                .filter(k -> !k.equalsIgnoreCase(typed) && d.apply(t, k.toLowerCase(Locale.ROOT)) <= slip(k));
    }

    /** How far a name may be mistyped and still be recognised: 1 letter in a name of up to 3, else 2, and 3 from 9 letters on. */
    static int slip(String name) {
        return name.length() <= 3 ? 1 : Math.min(3, Math.max(2, name.length() / 3));
    }

    /**
     * The tag among {@code tags} that {@code typed} names: by a language's English or own name,
     * written exactly or nearly ({@code spanish}, {@code spansh}, {@code español}), else by a tag
     * it is a slip of ({@code zh-hnas}). A tag that is itself a real language ({@code sw} is Swahili,
     * {@code frr} North Frisian) is never taken for a slip of another's: no suggestion then.
     */
    public static Optional<String> language(String typed, Collection<String> tags) {
        String t = typed.toLowerCase(Locale.ROOT).replace('_', ' ');
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        for (String tag : tags) {
            ULocale l = ULocale.forLanguageTag(tag);
            names.putIfAbsent(l.getDisplayName(ULocale.ENGLISH).toLowerCase(Locale.ROOT), tag);
            names.putIfAbsent(l.getDisplayLanguage(ULocale.ENGLISH).toLowerCase(Locale.ROOT), tag);
            names.putIfAbsent(l.getDisplayLanguage(l).toLowerCase(Locale.ROOT), tag);
        }
        if (names.containsKey(t)) {
            return Optional.of(names.get(t));
        }
        Optional<String> byName = t.length() > 3 ? nearest(t, names.keySet()).map(names::get) : Optional.empty();
        if (byName.isPresent()) {
            return byName;
        }
        Optional<String> byTag = nearest(typed, tags);
        if (byTag.isEmpty()) {
            return byTag;
        }
        String language = ULocale.forLanguageTag(typed).getLanguage();
        boolean real = !language.isEmpty() && !ULocale.getDisplayLanguage(language, ULocale.ENGLISH).equalsIgnoreCase(language);
        return !real || language.equals(ULocale.forLanguageTag(byTag.get()).getLanguage()) ? byTag : Optional.empty();
    }

    /** "; did you mean 'x'?" or nothing. */
    public static String didYouMean(Optional<String> suggestion) {
        return suggestion.map(s -> "; did you mean '" + s + "'?").orElse("");
    }
}
