package org.handout.i18n;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.GregorianCalendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handout.content.DataValue;
import org.handout.content.Message;
import org.handout.report.Problems;

/**
 * Formats one language with ICU4J: messages (plural and select included), lists, dates and
 * numbers. Texts come from the bundle; numbers, dates and list patterns follow the format locale
 * (which may be more specific than the bundle, e.g. {@code es-MX} text from the {@code es} bundle).
 * Not thread-safe: ICU formatters are mutable; make one per build thread.
 */
public final class Localizer {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final Bundle bundle;
    private final ULocale locale;
    private final Map<String, MessageFormat> formats = new HashMap<>();
    private final DateFormat dates;
    private final java.util.function.UnaryOperator<String> typography;
    private final java.util.function.Consumer<String> asked;

    public Localizer(Bundle bundle, ULocale locale) {
        this(bundle, locale, key -> {
        });
    }

    /** A localizer that tells {@code asked} every key it is asked for: which messages a leaflet uses. */
    public Localizer(Bundle bundle, ULocale locale, java.util.function.Consumer<String> asked) {
        this.bundle = bundle;
        this.locale = locale;
        this.dates = Conventions.longDate(locale);
        this.dates.setTimeZone(UTC);
        this.typography = Conventions.typography(locale);
        this.asked = asked;
    }

    public Bundle bundle() {
        return bundle;
    }

    public ULocale locale() {
        return locale;
    }

    /** The located message for a key (where a problem with it should point). */
    public Optional<Message> message(String key) {
        asked.accept(key);
        return bundle.message(key);
    }

    /**
     * Formats the message {@code key} with named arguments. A missing key or a formatting
     * failure is reported at the bundle's file and line and yields empty.
     */
    public Optional<String> format(String key, Map<String, Object> args, Problems problems) {
        asked.accept(key);
        Optional<Message> message = bundle.message(key);
        if (message.isEmpty()) {
            problems.error(bundle.file(), 0, 0, key, "translation missing");
            return Optional.empty();
        }
        Message m = message.get();
        try {
            MessageFormat f = formats.computeIfAbsent(key, k -> new MessageFormat(m.pattern(), locale));
            for (String name : f.getArgumentNames()) {
                if (!args.containsKey(name)) {
                    problems.error(m.file(), m.line(), m.column(), key, "placeholder {" + name + "} has no value here");
                    return Optional.empty();
                }
            }
            return Optional.of(typography.apply(f.format(args)));
        } catch (IllegalArgumentException e) {
            problems.error(m.file(), m.line(), m.column(), key, "cannot format: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Joins items with the language's list pattern ("a, b and c"; "a, b o c"; "a、b和c"). */
    public String list(List<String> items, DataValue.Join join) {
        Optional<String> own = Conventions.list(locale, items, join);
        if (own.isPresent()) {
            return own.get();
        }
        ListFormatter.Type type = join == DataValue.Join.OR ? ListFormatter.Type.OR : ListFormatter.Type.AND;
        return ListFormatter.getInstance(locale, type, ListFormatter.Width.WIDE).format(items);
    }

    /** A date in the language's long style ("25 November 2026", "25 ноября 2026 г."). */
    public String date(LocalDate date) {
        GregorianCalendar c = new GregorianCalendar(UTC, ULocale.ROOT);
        c.clear();
        c.set(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
        return dates.format(c.getTime());
    }

    /** Right-to-left languages (Arabic, Hebrew, ...), as ICU knows them. */
    /** A whole number in the language's own digits, as ICU formats it (a list item's number). */
    public String number(long n) {
        return com.ibm.icu.text.NumberFormat.getIntegerInstance(locale).format(n);
    }

    public boolean isRightToLeft() {
        return locale.isRightToLeft();
    }
}
