package org.handout.clinic;

import com.ibm.icu.text.DateFormatSymbols;
import com.ibm.icu.text.DateIntervalFormat;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.DateInterval;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A clinic's own details, printed on every leaflet next to the national organisations: its name,
 * address, phone numbers, opening hours, website and logo, written in the profile's language
 * ({@code language}), with names, addresses and an hours note per language where they need
 * translating. Opening hours are data (days and times) that ICU4J formats for each language.
 */
public record Clinic(String id, String file, String language, String name, List<String> address, List<Phone> phones,
                     Optional<Hours> hours, Optional<String> website, Optional<Logo> logo, Map<String, Override> overrides,
                     Optional<String> country) {

    /**
     * What a clinic's id is: lower-case letters, digits and hyphens, as its profile's file name
     * ({@code clinics/<id>.yaml}) and its edition's folder ({@code <out>/clinics/<id>/}) spell it.
     */
    public static final String ID = "[a-z0-9][a-z0-9-]{0,40}";

    public Clinic {
        address = List.copyOf(address);
        phones = List.copyOf(phones);
        overrides = Map.copyOf(overrides);
    }

    /** A phone number with what it is ({@code phone}, {@code fax}, {@code toll-free}, {@code tty}: the labels the bundles translate). */
    public record Phone(String kind, String number) {
    }

    /** Open on these days, from {@code opens} to {@code closes}. */
    public record Hours(List<DayOfWeek> days, LocalTime opens, LocalTime closes) {
        public Hours {
            days = List.copyOf(days);
        }
    }

    /** A logo as an 8-bit sRGB PNG (whatever the file was, see {@link Logos}), its pixel size, and the text a screen reader says for it. */
    public record Logo(String file, byte[] bytes, int width, int height, String alt) {
    }

    /** What a language changes: the name, the address, a note after the hours ("closed on public holidays"). */
    public record Override(Optional<String> name, Optional<List<String>> address, Optional<String> hoursNote) {
    }

    /** The name in {@code lang}, and whether it is a translation (else it is in the profile's language). */
    public Localized<String> name(String lang) {
        Optional<String> n = override(lang).flatMap(Override::name);
        return n.map(s -> new Localized<>(s, true)).orElse(new Localized<>(name, sameLanguage(lang)));
    }

    /** The address lines in {@code lang}. */
    public Localized<List<String>> address(String lang) {
        Optional<List<String>> a = override(lang).flatMap(Override::address);
        return a.map(s -> new Localized<>(s, true)).orElse(new Localized<>(address, sameLanguage(lang)));
    }

    private Optional<Override> override(String lang) {
        Override o = overrides.get(lang);
        if (o == null) {
            o = overrides.get(ULocale.forLanguageTag(lang).getLanguage());
        }
        return Optional.ofNullable(o);
    }

    private boolean sameLanguage(String lang) {
        return ULocale.forLanguageTag(lang).getLanguage().equals(ULocale.forLanguageTag(language).getLanguage());
    }

    /** A value in a leaflet's language, or in the profile's own ({@code translated} false). */
    public record Localized<T>(T value, boolean translated) {
    }

    /**
     * The opening hours in a locale's words, with ICU4J: the days by CLDR's weekday names (a run of
     * days as its first and last, "Monday–Friday", "lunes–viernes"), the times as a CLDR interval
     * in the locale's clock ("8:00 AM – 5:30 PM", "8:00–17:30"), and the language's note, if any.
     */
    public Optional<String> hours(ULocale locale, String lang) {
        if (hours.isEmpty()) {
            return Optional.empty();
        }
        Hours h = hours.get();
        String[] names = DateFormatSymbols.getInstance(locale).getWeekdays(DateFormatSymbols.FORMAT, DateFormatSymbols.WIDE);
        List<DayOfWeek> days = h.days();
        String dayText;
        boolean consecutive = days.size() > 2;
        for (int i = 1; i < days.size(); i++) {
            consecutive &= days.get(i).getValue() == days.get(i - 1).getValue() + 1;
        }
        if (consecutive) {
            dayText = names[calendarDay(days.get(0))] + "–" + names[calendarDay(days.get(days.size() - 1))];
        } else {
            dayText = com.ibm.icu.text.ListFormatter.getInstance(locale)
                    .format(days.stream().map(d -> names[calendarDay(d)]).toList());
        }
        DateIntervalFormat interval = DateIntervalFormat.getInstance("jm", locale);
        interval.setTimeZone(TimeZone.GMT_ZONE);
        long from = h.opens().toSecondOfDay() * 1000L;
        long to = h.closes().toSecondOfDay() * 1000L;
        String times = interval.format(new DateInterval(from, to));
        String note = override(lang).flatMap(Override::hoursNote).map(n -> " (" + n + ")").orElse("");
        return Optional.of(dayText + " " + times + note);
    }

    private static int calendarDay(DayOfWeek d) {
        return d == DayOfWeek.SUNDAY ? Calendar.SUNDAY : d.getValue() + 1;
    }
}
