package org.handout.i18n;

import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.handout.content.ArgumentKind;
import org.handout.content.Content;
import org.handout.content.LeafletSource;
import org.handout.content.Message;
import org.handout.content.Section;
import org.handout.content.SourceBlock;
import org.handout.report.Problem;
import org.handout.report.Problems;

/**
 * Checks bundles against the English source: every key present and no unknown key, valid ICU
 * syntax, the same placeholders as the English, and plural branches for exactly the categories
 * the language's CLDR rules have (ICU's {@code PluralRules}). Source strings are checked too:
 * their placeholders must be data the leaflet defines.
 */
public final class BundleChecker {
    private final Content content;
    /** For each English key, the placeholders it may use and what the program passes for each. */
    private final Map<String, Map<String, ArgumentKind>> arguments = new HashMap<>();

    public BundleChecker(Content content) {
        this.content = content;
        content.common().forEach(m -> arguments.put(m.key(), Content.COMMON_ARGUMENTS));
        for (LeafletSource l : content.leaflets()) {
            Map<String, ArgumentKind> data = l.arguments();
            l.texts().forEach(m -> arguments.put(m.key(), data));
            arguments.putAll(l.rowArguments());
        }
    }

    private Map<String, ArgumentKind> argumentsOf(String key) {
        return arguments.getOrDefault(key, Map.of());
    }

    /**
     * Checks the English source strings: syntax, plural categories, known placeholders used as
     * what they are, plural branches that print their number, and that each formats.
     */
    public void checkSource(Problems problems) {
        ULocale en = ULocale.forLanguageTag(Bundle.SOURCE_TAG);
        for (Message m : content.texts().values()) {
            Map<String, ArgumentKind> allowed = argumentsOf(m.key());
            // a bidi override, a control or a stray joiner would print wrongly: refused at its place
            org.handout.text.TextSafety.report(m.pattern(), Bundle.SOURCE_TAG, m.file(), m.line(), m.column(), m.key(), problems);
            parse(m, en, problems).ifPresent(pattern -> {
                boolean ok = true;
                for (String name : names(pattern)) {
                    if (!allowed.containsKey(name)) {
                        ok = false;
                        problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "placeholder {" + name
                                + "} is not defined; use one of " + new TreeSet<>(allowed.keySet()))
                                .withHint("add it under the leaflet's 'data', or use a name that is there"));
                    }
                }
                ok &= arguments(m, en, pattern, allowed, Map.of(), problems);
                if (ok) {
                    formats(m, en, pattern, allowed, problems);
                }
            });
        }
    }

    /** A message the bundle has no entry for. */
    public static final String MISSING = "translation missing";
    /** An entry whose text is still empty or marked {@code state: initial}. */
    public static final String UNTRANSLATED = "not translated yet";
    /** An entry translated from English that has changed since. */
    public static final String STALE = "out of date: the English changed since this was translated";

    /**
     * Whether a problem is a gap in a translation (missing, not translated yet, out of date)
     * rather than a fault in it: {@code build --draft} fills gaps (reporting them as warnings); it
     * cannot mend faults.
     */
    public static boolean isGap(Problem p) {
        return p.kind().isGap();
    }

    /** Sentence-final punctuation counted as the same mark across scripts. */
    private static final Map<Character, Character> FINAL_MARKS = Map.ofEntries(
            Map.entry('.', '.'), Map.entry('\u3002', '.'), Map.entry('\uFF0E', '.'), Map.entry('\u0964', '.'),
            Map.entry('\u06D4', '.'), Map.entry('\u0589', '.'),
            Map.entry('?', '?'), Map.entry('\uFF1F', '?'), Map.entry('\u061F', '?'), Map.entry('\u037E', '?'),
            Map.entry('!', '!'), Map.entry('\uFF01', '!'),
            Map.entry(':', ':'), Map.entry('\uFF1A', ':'),
            // the colons of other scripts before a list: Ethiopic ፥ and preface colon ፦, Khmer ៖
            Map.entry('\u1365', ':'), Map.entry('\u1366', ':'), Map.entry('\u17D6', ':'));
    /**
     * Languages whose sentences end without a mark (Thai and Lao end them with a space). Khmer's ។,
     * Burmese's ။, Amharic's ። and Tibetan's ། are sentence ends like any other (Unicode's
     * Sentence_Terminal), and are checked.
     */
    private static final Set<String> NO_FINAL_MARK = Set.of("th", "lo");
    /** A translation this many times the length of the English (in display cells) may not fit its place. */
    static final double LONGER_THAN = 2.5;
    /** ...when it is also this many display cells longer. */
    static final int LONGER_BY = 20;
    /**
     * Kinds a number placeholder may take in a translation whatever the English does: a language
     * may need a plural where the English prints the number plainly (Arabic nouns agree with the
     * number), or may print plainly what the English chooses on. An ordinal stays an ordinal.
     */
    private static final Set<String> NUMERIC = Set.of("simple", "number", "plural");

    /**
     * Checks a translation bundle against the source. Errors: a message missing, not translated
     * yet or out of date (the English changed since it was translated), a key the English does
     * not have, ICU syntax, placeholders that differ in name or kind, plural categories. Warnings:
     * text identical to the English, leading or trailing whitespace, sentence-final punctuation
     * unlike the English, a translation much longer than the English.
     */
    public void check(Bundle bundle, Problems problems) {
        Map<String, Message> source = content.texts();
        String file = bundle.file();
        int messagesLine = bundle.origins().values().stream().mapToInt(Origin::line).min()
                .orElse(bundle.messages().values().stream().mapToInt(Message::line).min().orElse(1));
        String tag = bundle.tag();
        for (Message s : source.values()) {
            Optional<Origin> origin = bundle.origin(s.key());
            if (origin.isEmpty()) {
                problems.add(Problem.error(file, Math.max(0, messagesLine - 1), 0, s.key(), MISSING).withKind(Problem.Kind.MISSING)
                        .with("english", s.pattern())
                        .withHint("add it under 'messages': " + s.key() + ": {source: <the English above>, text: <your translation>}"
                                + ", or run handout init " + tag + " --update, which adds every missing entry and keeps the rest"));
            } else if (!bundle.messages().containsKey(s.key())) {
                Origin o = origin.get();
                problems.add(Problem.error(file, o.line(), o.column(), s.key(), UNTRANSLATED).withKind(Problem.Kind.UNTRANSLATED)
                        .with("english", s.pattern())
                        .withHint("write the translation in 'text' and set 'state: translated' (or remove the state line)"));
            }
        }
        for (Map.Entry<String, Origin> e : bundle.origins().entrySet()) {
            Message s = source.get(e.getKey());
            Origin o = e.getValue();
            if (s == null && ofBrokenLeaflet(e.getKey())) {
                continue; // its English could not be read: that leaflet's own problem, reported there
            }
            if (s == null) {
                problems.add(Problem.error(file, o.line(), o.column(), e.getKey(), "unknown key: the English source has no such string")
                        .withHint("delete the entry; if the English key was renamed, move the translation to the new key"));
                continue;
            }
            if (!o.source().equals(s.pattern())) {
                problems.add(Problem.error(file, o.line(), o.column(), e.getKey(),
                                STALE).withKind(Problem.Kind.STALE)
                        .with("was", o.source())
                        .with("now", s.pattern())
                        .withHint("update the translation, then set 'source' to the new English (handout accept --lang " + tag
                                + " " + e.getKey() + " does that)"));
            }
        }
        for (Message m : bundle.messages().values()) {
            Message s = source.get(m.key());
            if (s == null) {
                continue;
            }
            checkMessage(bundle, m, s, problems);
        }
    }

    /** Whether a key belongs to a leaflet listed in content/common.yaml whose file could not be loaded. */
    private boolean ofBrokenLeaflet(String key) {
        int dot = key.indexOf('.');
        return dot > 0 && content.isBroken(key.substring(0, dot));
    }

    /**
     * The problems of one translation a tool brings in ({@code target} for the English message
     * {@code english}, at {@code line} of {@code shown}), as {@link #check} would find them in the bundle.
     */
    public Problems checkTranslation(Bundle bundle, String shown, int line, Message english, String target, Origin.State state,
                                     Optional<String> note) {
        String key = english.key();
        Problems p = new Problems();
        Bundle one = new Bundle(bundle.tag(), shown, bundle.translation(), Map.of(key, new Message(key, target, shown, line, 0)),
                Map.of(key, new Origin(english.pattern(), target, state, note, line, 0)));
        checkOne(one, key, p);
        return p;
    }

    /** Checks one message of a bundle against its English, as {@link #check} would (syntax, placeholders, plurals, warnings). */
    public void checkOne(Bundle bundle, String key, Problems problems) {
        Message s = content.texts().get(key);
        bundle.message(key).ifPresent(m -> {
            if (s != null) {
                checkMessage(bundle, m, s, problems);
            }
        });
    }

    /**
     * The inline markup of a translation: the same tags as the English (in any order, as the
     * words move), each opened and closed, none inside another.
     */
    private static void markup(Message m, Message s, Problems problems) {
        List<String> english = new java.util.ArrayList<>(org.handout.text.Markup.tags(s.pattern()));
        List<String> here = new java.util.ArrayList<>(org.handout.text.Markup.tags(m.pattern()));
        if (english.isEmpty() && here.isEmpty()) {
            return;
        }
        java.util.Collections.sort(english);
        java.util.Collections.sort(here);
        if (!english.equals(here)) {
            problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "markup differs from the English: it has "
                            + (here.isEmpty() ? "none" : String.join(" ", here.stream().map(t -> "<" + t + ">").toList()))
                            + ", the English " + String.join(" ", english.stream().map(t -> "<" + t + ">").toList()))
                    .withHint("keep each tag of the English around the words it marks in your language: <b>…</b>, <i>…</i>, <link:name>…</link>, <lang:tag>…</lang>"));
            return;
        }
        Map<String, String> anyLink = new java.util.HashMap<>();
        here.stream().filter(t -> t.startsWith("link:")).forEach(t -> anyLink.put(t.substring(5), ""));
        org.handout.text.Markup.parse(m.pattern(), anyLink).error().ifPresent(why -> problems.add(
                Problem.error(m.file(), m.line(), m.column(), m.key(), "markup: " + why)
                        .withHint("each <b>, <i>, <link:name> and <lang:tag> is closed before the next opens")));
    }

    /**
     * The letters of a translation are of its language's scripts (ICU's for the locale) or Latin
     * (names, abbreviations such as CT and MRI): Han pasted into a Spanish entry is refused at its
     * key, not found later as a character no font of the language has.
     */
    private static void scripts(Bundle bundle, Message m, Problems problems) {
        java.util.Set<Integer> allowed = new java.util.HashSet<>();
        for (int c : com.ibm.icu.lang.UScript.getCode(bundle.locale())) {
            allowed.add(c);
        }
        if (allowed.isEmpty()) {
            return; // a language ICU knows no script of: nothing to hold it to
        }
        allowed.add(com.ibm.icu.lang.UScript.LATIN);
        String t = m.pattern();
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            int script = com.ibm.icu.lang.UScript.getScript(cp);
            if (script == com.ibm.icu.lang.UScript.COMMON || script == com.ibm.icu.lang.UScript.INHERITED
                    || script == com.ibm.icu.lang.UScript.UNKNOWN || allowed.contains(script)) {
                continue;
            }
            java.util.List<String> names = allowed.stream().filter(x -> x != com.ibm.icu.lang.UScript.LATIN)
                    .map(com.ibm.icu.lang.UScript::getName).sorted().toList();
            problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), String.format(java.util.Locale.ROOT,
                            "character U+%04X %s (%s) is %s script, not a script of %s (%s%s)",
                            cp, com.ibm.icu.lang.UCharacter.getName(cp), new String(Character.toChars(cp)),
                            com.ibm.icu.lang.UScript.getName(script), bundle.tag(), names.isEmpty() ? "Latin" : String.join(", ", names), names.isEmpty() ? "" : ", and Latin for names and abbreviations"))
                    .withHint("text of another language pasted in? translate it, or write the name in Latin letters"));
            return;
        }
    }

    private void checkMessage(Bundle bundle, Message m, Message s, Problems problems) {
        String file = m.file();
        // a bidi override, a control or a stray joiner would print wrongly: refused at its place
        org.handout.text.TextSafety.report(m.pattern(), bundle.tag(), m.file(), m.line(), m.column(), m.key(), problems);
        // parsed first: nothing below may see a pattern ICU cannot parse safely (a hostile nesting)
        Optional<MessagePattern> parsed = parse(m, bundle.locale(), problems);
        markup(m, s, problems);
        scripts(bundle, m, problems);
        if (!m.pattern().equals(m.pattern().strip())) {
            problems.add(Problem.warning(file, m.line(), m.column(), m.key(), "leading or trailing whitespace")
                    .withHint("remove the spaces at the start or end of the text"));
        }
        boolean signedOff = bundle.origin(m.key()).map(o -> o.state().compareTo(Origin.State.REVIEWED) >= 0).orElse(false);
        if (m.pattern().strip().equals(s.pattern().strip()) && !signedOff) {
            problems.add(Problem.warning(file, m.line(), m.column(), m.key(), "the same as the English")
                    .withHint("translate it; if the English is right in this language too (a name, \"Fax\"), a reviewer marks it 'state: reviewed'"));
        }
        String language = bundle.locale().getLanguage();
        if (!NO_FINAL_MARK.contains(language)) {
            Character want = finalMark(s.pattern());
            Character got = finalMark(m.pattern());
            // Burmese ends a question with its full stop ။ (the question is in its particle, လား or လဲ)
            boolean sameEnd = java.util.Objects.equals(want, got)
                    || language.equals("my") && Character.valueOf('?').equals(want) && Character.valueOf('.').equals(got);
            if (!sameEnd && !s.pattern().strip().endsWith("}")) {
                problems.add(Problem.warning(file, m.line(), m.column(), m.key(), want == null
                                ? "ends with " + mark(m.pattern()) + " where the English has no final punctuation"
                                : "ends " + (got == null ? "without" : "with " + mark(m.pattern()) + " instead of") + " the English's final '" + want + "'")
                        .withHint("end it as the English does (in your script's form: . 。 । ؟ …), unless your language needs otherwise"));
            }
        }
        if (parsed.isEmpty()) {
            return;
        }
        Map<String, ArgumentKind> allowed = argumentsOf(s.key());
        int english = cells(sample(s.pattern(), ULocale.ENGLISH, allowed));
        int translated = cells(sample(m.pattern(), bundle.locale(), allowed));
        if (translated > LONGER_THAN * english && translated - english > LONGER_BY) {
            problems.add(Problem.warning(file, m.line(), m.column(), m.key(), String.format(java.util.Locale.ROOT,
                            "%.1f times as long as the English: it may not fit its place on the page", (double) translated / english))
                    .withHint("check the leaflet's pages (handout preview --lang " + bundle.tag() + " --leaflet "
                            + m.key().substring(0, m.key().indexOf('.')) + "), or say it more briefly"));
        }
        Map<String, List<Patterns.Arg>> englishArgs = new LinkedHashMap<>();
        try {
            for (Patterns.Arg a : Patterns.args(new MessagePattern(s.pattern()))) {
                englishArgs.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(a);
            }
        } catch (IllegalArgumentException e) {
            return; // the English itself is reported by checkSource
        }
        Set<String> names = names(parsed.get());
        boolean ok = true;
        for (String name : englishArgs.keySet()) {
            if (!names.contains(name)) {
                ok = false;
                problems.add(Problem.error(file, m.line(), m.column(), m.key(), "placeholder {" + name + "} from the English is missing")
                        .withHint("put {" + name + "} where its value belongs in your sentence; it is filled in for you"));
            }
        }
        for (String name : names) {
            if (!englishArgs.containsKey(name)) {
                ok = false;
                problems.add(Problem.error(file, m.line(), m.column(), m.key(), "placeholder {" + name
                                + "} is not in the English; the English has " + placeholders(englishArgs.keySet()))
                        .withHint("placeholders are names, not words to translate: use them as the English spells them"));
            }
        }
        ok &= arguments(m, bundle.locale(), parsed.get(), allowed, englishArgs, problems);
        if (ok) {
            formats(m, bundle.locale(), parsed.get(), allowed, problems);
        }
    }

    /**
     * The rules every placeholder of a message follows, so that the number never disappears and
     * nothing that checks can fail to format: a placeholder is used as what the program passes
     * (text only plainly, a number plainly or in a plural); as the English uses it (an ordinal stays
     * one; the English's number style and plural offset are kept, so "{n, number, ::scale/100}" or
     * "offset:1" cannot change the number printed); and every branch of a plural says something
     * and prints the number, except where the language's plural rules give the branch exactly one
     * value (Arabic "one" and "two" may say "a year", "two years" in words; Russian "one", which
     * also covers 21 and 31, may not) or it is an exact value ({@code =1 {…}}). Returns whether the
     * message passed; {@code englishArgs} is empty when checking the English itself.
     */
    private static boolean arguments(Message m, ULocale locale, MessagePattern pattern, Map<String, ArgumentKind> allowed,
                                     Map<String, List<Patterns.Arg>> englishArgs, Problems problems) {
        int before = problems.errorCount();
        boolean source = englishArgs.isEmpty();
        for (Patterns.Arg a : Patterns.args(pattern)) {
            ArgumentKind type = allowed.get(a.name());
            if (type == null) {
                continue; // reported as a placeholder the English does not have
            }
            List<Patterns.Arg> english = englishArgs.getOrDefault(a.name(), List.of());
            String want = english.isEmpty() ? a.kind() : english.get(0).kind();
            // the English's text placeholders are plain ({date}): checkSource refuses anything else there
            if (type == ArgumentKind.TEXT && !a.kind().equals("simple")) {
                problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "placeholder {" + a.name()
                                + "} is text the program formats (a date, a list, a name), so it is written {" + a.name()
                                + "}; here it is a " + a.kind())
                        .withHint("write {" + a.name() + "} where it belongs; it cannot be counted or formatted as a number"));
                continue;
            }
            if (type == ArgumentKind.NUMBER && !source && !a.kind().equals(want) && !(NUMERIC.contains(want) && NUMERIC.contains(a.kind()))) {
                problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "placeholder {" + a.name() + "} is a "
                                + a.kind() + " here but a " + want + " in the English")
                        .withHint("use it the way the English does: " + example(a.name(), want)));
                continue;
            }
            if (!source) {
                String englishStyle = english.stream().filter(e -> !e.isPlural()).map(Patterns.Arg::style).findFirst().orElse("");
                if (!a.style().isEmpty() && !a.style().equals(englishStyle)) {
                    problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "placeholder {" + a.name()
                                    + "} is formatted as '" + a.style() + "' here" + (englishStyle.isEmpty() ? ", which changes the number printed; "
                                    + "the English prints it as it is" : "; the English formats it as '" + englishStyle + "'"))
                            .withHint("write {" + a.name() + (englishStyle.isEmpty() ? "" : ", number, " + englishStyle)
                                    + "}: the number is formatted for your language by handout"));
                }
                double englishOffset = english.stream().filter(Patterns.Arg::isPlural).mapToDouble(Patterns.Arg::offset).findFirst().orElse(0);
                if (a.isPlural() && a.offset() != englishOffset) {
                    problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "plural {" + a.name() + "} has offset:"
                                    + number(a.offset()) + (englishOffset == 0 ? "; the English has none" : "; the English has offset:"
                                    + number(englishOffset)) + ", so # would print another number")
                            .withHint(englishOffset == 0 ? "remove 'offset:" + number(a.offset()) + "'" : "write offset:" + number(englishOffset)));
                }
            }
            if (a.kind().equals("plural") || a.kind().equals("select") || a.kind().equals("selectordinal")) {
                PluralRules rules = a.kind().equals("selectordinal") ? PluralRules.forLocale(locale, PluralRules.PluralType.ORDINAL)
                        : PluralRules.forLocale(locale);
                for (Patterns.Branch b : a.branches()) {
                    if (b.empty()) {
                        problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), a.kind() + " {" + a.name() + "}: the '"
                                        + b.selector() + "' branch is empty, so nothing would be printed there")
                                .withHint("write the words for " + b.selector() + (a.isPlural() ? ", with # where the number goes" : "")));
                    } else if (a.isPlural() && !b.showsNumber() && !b.explicitValue() && !singleValue(rules, b.selector())) {
                        problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), a.kind() + " {" + a.name() + "}: the '"
                                        + b.selector() + "' branch does not print the number (#), and in " + locale.toLanguageTag()
                                        + " '" + b.selector() + "' stands for more than one number" + examples(rules, b.selector()))
                                .withHint("put # where the number goes in the '" + b.selector() + "' branch"));
                    }
                }
            }
        }
        return problems.errorCount() == before;
    }

    /** Whether a plural category holds exactly one number in a language (Arabic zero, one, two; English one). */
    private static boolean singleValue(PluralRules rules, String category) {
        java.util.Collection<Double> values = rules.getAllKeywordValues(category);
        return values != null && values.size() == 1;
    }

    /** " (1, 21, 31, …)": the language's first whole numbers in a category, to show why it needs #. */
    private static String examples(PluralRules rules, String category) {
        List<String> some = new ArrayList<>();
        java.util.Collection<Double> samples = rules.getSamples(category, PluralRules.SampleType.INTEGER);
        if (samples != null) {
            for (double d : samples) {
                some.add(number(d));
                if (some.size() == 3) {
                    break;
                }
            }
        }
        return some.isEmpty() ? "" : " (" + String.join(", ", some) + ", …)";
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * Formats a message with sample values of what the program passes (a number of each of the
     * language's plural categories, cardinal and ordinal, text for text), as the build will:
     * whatever passes the checks formats. A message without placeholders has nothing to format.
     */
    private static void formats(Message m, ULocale locale, MessagePattern pattern, Map<String, ArgumentKind> allowed, Problems problems) {
        if (names(pattern).isEmpty()) {
            return;
        }
        try {
            com.ibm.icu.text.MessageFormat f = new com.ibm.icu.text.MessageFormat(m.pattern(), locale);
            for (long n : SAMPLES.computeIfAbsent(locale, BundleChecker::samples)) {
                Map<String, Object> args = new HashMap<>();
                allowed.forEach((name, kind) -> args.put(name, kind == ArgumentKind.NUMBER ? (Object) n : "x"));
                f.format(args);
            }
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "cannot be formatted: " + e.getMessage())
                    .withHint("use each placeholder as the English does"));
        }
    }

    /** Per language, the numbers that reach every plural branch: one of each category, cardinal and ordinal, and 0. */
    private static final Map<ULocale, List<Long>> SAMPLES = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Long> samples(ULocale locale) {
        java.util.TreeSet<Long> out = new java.util.TreeSet<>(List.of(0L, 1_000_000L));
        for (PluralRules rules : List.of(PluralRules.forLocale(locale), PluralRules.forLocale(locale, PluralRules.PluralType.ORDINAL))) {
            for (String category : rules.getKeywords()) {
                java.util.Collection<Double> some = rules.getSamples(category, PluralRules.SampleType.INTEGER);
                if (some != null && !some.isEmpty()) {
                    out.add(some.iterator().next().longValue());
                }
            }
        }
        return List.copyOf(out);
    }

    private static String example(String name, String kind) {
        return switch (kind) {
            case "plural" -> "{" + name + ", plural, one {…} other {…}} with your language's categories";
            case "select" -> "{" + name + ", select, … other {…}}";
            case "simple" -> "{" + name + "}";
            default -> "{" + name + ", " + kind + "}";
        };
    }

    /** The sentence-final mark of a text, closing quotes and brackets aside, as its Latin equivalent. */
    private static Character finalMark(String pattern) {
        String t = pattern.strip();
        int end = t.length();
        while (end > 0 && ")]\u300D\u300F\u201D\u2019\"'\u00BB\uFF09".indexOf(t.charAt(end - 1)) >= 0) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        int c = t.codePointBefore(end);
        Character known = c < 0x10000 ? FINAL_MARKS.get((char) c) : null;
        if (known != null) {
            return known;
        }
        // every other script's sentence end, by Unicode's Sentence_Terminal (። ፧ ። ។ ၊ ། ։ ...): a
        // question mark or an exclamation mark by its name, else a full stop
        if (com.ibm.icu.lang.UCharacter.hasBinaryProperty(c, com.ibm.icu.lang.UProperty.S_TERM)) {
            String name = com.ibm.icu.lang.UCharacter.getName(c);
            return name.contains("QUESTION") ? '?' : name.contains("EXCLAMATION") ? '!' : '.';
        }
        return null;
    }

    private static String mark(String pattern) {
        String t = pattern.strip();
        int end = t.length();
        while (end > 0 && ")]\u300D\u300F\u201D\u2019\"'\u00BB\uFF09".indexOf(t.charAt(end - 1)) >= 0) {
            end--;
        }
        return end == 0 ? "no mark" : "'" + t.charAt(end - 1) + "'";
    }

    /**
     * The text a reader would see, every placeholder given a sample value (2 for a number, a word
     * for text), so that ICU syntax and plural branches do not count towards its length.
     */
    private static String sample(String pattern, ULocale locale, Map<String, ArgumentKind> allowed) {
        try {
            Map<String, Object> args = new HashMap<>();
            allowed.forEach((name, kind) -> args.put(name, kind == ArgumentKind.NUMBER ? (Object) 2 : "xxxxxxxxxx"));
            return new com.ibm.icu.text.MessageFormat(pattern, locale).format(args);
        } catch (IllegalArgumentException e) {
            return pattern;
        }
    }

    /** Display cells: a wide (CJK) character counts two, a mark none. */
    private static int cells(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int width = com.ibm.icu.lang.UCharacter.getIntPropertyValue(cp, com.ibm.icu.lang.UProperty.EAST_ASIAN_WIDTH);
            int type = Character.getType(cp);
            if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK) {
                n += width == com.ibm.icu.lang.UCharacter.EastAsianWidth.WIDE || width == com.ibm.icu.lang.UCharacter.EastAsianWidth.FULLWIDTH ? 2 : 1;
            }
            i += Character.charCount(cp);
        }
        return n;
    }

    private static String placeholders(Set<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        new TreeSet<>(names).forEach(n -> b.append(b.isEmpty() ? "" : ", ").append('{').append(n).append('}'));
        return b.toString();
    }

    /** The argument names of a parsed pattern, in order. */
    static Set<String> names(MessagePattern p) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < p.countParts(); i++) {
            if (p.getPart(i).getType() == MessagePattern.Part.Type.ARG_NAME) {
                names.add(p.getSubstring(p.getPart(i)));
            }
        }
        return names;
    }

    /**
     * Parses a pattern; reports nesting too deep to parse safely, syntax errors, numbered
     * placeholders and plural categories; returns the parsed pattern.
     */
    static java.util.Optional<MessagePattern> parse(Message m, ULocale locale, Problems problems) {
        int depth = org.handout.text.Nesting.depth(m.pattern());
        if (depth > org.handout.text.Nesting.MAX_DEPTH) {
            problems.add(org.handout.text.Nesting.tooDeep(m.file(), m.line(), m.column(), m.key(), depth));
            return java.util.Optional.empty();
        }
        MessagePattern p;
        try {
            p = new MessagePattern(m.pattern());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "not a valid ICU message: " + e.getMessage())
                    .withHint("every { needs its }; an ASCII apostrophe before { or } quotes it (write ’ instead)"));
            return java.util.Optional.empty();
        }
        Set<String> categories = PluralRules.forLocale(locale).getKeywords();
        for (int i = 0; i < p.countParts(); i++) {
            MessagePattern.Part part = p.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NUMBER) {
                problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "numbered placeholder {" + p.getSubstring(part)
                        + "}: use the named placeholders of the English").withHint("copy the placeholder names from 'source'"));
            }
            if (part.getType() == MessagePattern.Part.Type.ARG_START && part.getArgType() == MessagePattern.ArgType.PLURAL) {
                Set<String> found = new TreeSet<>();
                int limit = p.getLimitPartIndex(i);
                int j = i + 1;
                while (j < limit) {
                    MessagePattern.Part q = p.getPart(j);
                    if (q.getType() != MessagePattern.Part.Type.ARG_SELECTOR) {
                        j++;
                        continue;
                    }
                    String selector = p.getSubstring(q);
                    if (!selector.startsWith("=")) {
                        found.add(selector);
                    }
                    int start = j + 1;
                    if (p.getPart(start).getType().hasNumericValue()) {
                        start++;
                    }
                    j = p.getLimitPartIndex(start) + 1;
                }
                String argName = p.getSubstring(p.getPart(i + 1));
                Set<String> missing = new TreeSet<>(categories);
                missing.removeAll(found);
                Set<String> extra = new TreeSet<>(found);
                extra.removeAll(categories);
                if (!missing.isEmpty()) {
                    problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "plural {" + argName + "} has no branch for "
                            + String.join(", ", missing) + "; " + locale.toLanguageTag() + " needs " + String.join(", ", new TreeSet<>(categories)))
                            .withHint("add " + String.join(" ", missing.stream().map(c -> c + " {…}").toList())
                                    + " inside {" + argName + ", plural, …}, # standing for the number"));
                }
                if (!extra.isEmpty()) {
                    problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "plural {" + argName + "} has "
                            + String.join(", ", extra) + ", which " + locale.toLanguageTag() + " does not use; it needs "
                            + String.join(", ", new TreeSet<>(categories)))
                            .withHint("remove the " + String.join(", ", extra) + " branch; an exact number is written =1 {…}"));
                }
            }
        }
        return java.util.Optional.of(p);
    }

}
