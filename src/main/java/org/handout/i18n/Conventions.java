package org.handout.i18n;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.DateFormatSymbols;
import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.ULocale;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.handout.content.DataValue;

/**
 * Where the project overrides ICU's CLDR data because readers expect otherwise. Each override says
 * why; everything else is ICU's ({@link Localizer}). Tested by {@code ConventionsTest}.
 *
 * <ul>
 * <li><b>Thai "or" lists</b>: CLDR writes "ก, ข หรือ ค" with a Latin comma, which Thai does not
 *     use; Thai separates items with a space, as CLDR's own Thai "and" list does ("ก ข และค").</li>
 * <li><b>Bengali, Nepali and Gujarati "or" lists</b>: CLDR puts a comma before the last item's
 *     "or" (বা, वा, અથવા: "ক, খ, বা গ"), which these languages do not write (their "and" lists have
 *     none: "ক, খ এবং গ"); the Nepali and Gujarati reviewers of the drafts pointed it out too.</li>
 * <li><b>Korean "and" lists</b>: CLDR joins with 및, the word of forms and contracts; a leaflet for
 *     parents joins the last item with the particle 와 or 과, chosen by whether the item before
 *     ends in a consonant (간과 피부, 피부와 간), as spoken and written Korean does.</li>
 * <li><b>Haitian Creole</b>: ICU has no data for ht at all, so its lists fell back to English
 *     ("or", "and") and its dates to "2026 M12 1"; lists join with "ak" and "oswa", dates read
 *     "25 novanm 2026" (the months as the 1980 orthography writes them).</li>
 * <li><b>Pashto dates</b>: CLDR's Pashto long date carries the era as the Latin "AP" ("۱۰ لیندۍ ۱۴۰۵ AP"),
 *     which a Pashto reader does not read, and which, left to right inside a right-to-left date,
 *     scrambles its order; the date is the Solar Hijri one without the era, as Persian's is.</li>
 * <li><b>Vietnamese dates</b>: CLDR's long date is "25 tháng 11, 2026"; Vietnamese documents write
 *     "ngày 25 tháng 11 năm 2026".</li>
 * <li><b>French spacing</b>: the bundles (and most keyboards) put a no-break space U+00A0 before
 *     ? ! ; and :; French typography puts the narrow no-break space U+202F there (as CLDR's own
 *     French formats do), which is what every French text is printed with.</li>
 * </ul>
 */
final class Conventions {
    private Conventions() {
    }

    private static final String[] HAITIAN_MONTHS = {"janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm",
            "oktòb", "novanm", "desanm"};

    /** The language's list, overridden where readers expect otherwise; empty for ICU's own. */
    static Optional<String> list(ULocale locale, List<String> items, DataValue.Join join) {
        String lang = locale.getLanguage();
        boolean or = join == DataValue.Join.OR;
        if (lang.equals("th") && or) {
            return Optional.of(join(items, " ", " หรือ"));
        }
        if (lang.equals("bn") && or) {
            return Optional.of(join(items, ", ", " বা "));
        }
        if (lang.equals("ne") && or) {
            return Optional.of(join(items, ", ", " वा "));
        }
        if (lang.equals("gu") && or) {
            return Optional.of(join(items, ", ", " અથવા "));
        }
        if (lang.equals("ht")) {
            return Optional.of(join(items, ", ", or ? " oswa " : " ak "));
        }
        if (lang.equals("ko") && !or && items.size() > 1) {
            String before = items.get(items.size() - 2);
            return Optional.of(join(items, ", ", (endsInConsonant(before) ? "과" : "와") + " "));
        }
        return Optional.empty();
    }

    /** The items joined by {@code between}, the last by {@code last} ({@code last} holds its spaces). */
    private static String join(List<String> items, String between, String last) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(between, items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }

    /** Whether a Korean word ends in a syllable with a final consonant (batchim); a word ending otherwise counts as a vowel. */
    static boolean endsInConsonant(String word) {
        for (int i = word.length() - 1; i >= 0; i--) {
            char c = word.charAt(i);
            if (c >= 0xAC00 && c <= 0xD7A3) {
                return (c - 0xAC00) % 28 != 0;
            }
            if (Character.isLetterOrDigit(c)) {
                return false;
            }
        }
        return false;
    }

    /** The long date format of the language, overridden where readers expect otherwise. */
    static DateFormat longDate(ULocale locale) {
        String lang = locale.getLanguage();
        if (lang.equals("vi")) {
            return new SimpleDateFormat("'ngày' d 'tháng' M 'năm' y", locale);
        }
        if (lang.equals("ps")) {
            return new SimpleDateFormat("d MMMM y", locale.setKeywordValue("calendar", "persian"));
        }
        if (lang.equals("ht")) {
            DateFormatSymbols symbols = new DateFormatSymbols(ULocale.ROOT);
            symbols.setMonths(HAITIAN_MONTHS);
            return new SimpleDateFormat("d MMMM y", symbols, locale);
        }
        return DateFormat.getDateInstance(DateFormat.LONG, locale);
    }

    /** What the language's typography does to a formatted text: French's narrow no-break spaces. */
    static UnaryOperator<String> typography(ULocale locale) {
        if (locale.getLanguage().equals("fr")) {
            return s -> s.indexOf('\u00A0') < 0 ? s : s.replaceAll("\u00A0(?=[?!;:])", "\u202F");
        }
        return UnaryOperator.identity();
    }
}
