package org.handout.i18n;

import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
    private final Map<String, Set<String>> allowed = new HashMap<>();

    public BundleChecker(Content content) {
        this.content = content;
        content.common().forEach(m -> allowed.put(m.key(), Set.copyOf(Content.COMMON_ARGUMENTS)));
        for (LeafletSource l : content.leaflets()) {
            Set<String> data = l.data().keySet();
            l.texts().forEach(m -> allowed.put(m.key(), data));
            for (Section s : l.sections()) {
                for (SourceBlock b : s.blocks()) {
                    if (b instanceof SourceBlock.Stages t) {
                        for (SourceBlock.StageRow r : t.rows()) {
                            if (r.code().isPresent()) {
                                Set<String> withCode = new LinkedHashSet<>(data);
                                withCode.add("code");
                                for (Message m : List.of(r.name(), r.meaning(), r.treatment())) {
                                    allowed.put(m.key(), withCode);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Checks the English source strings: syntax, plural categories and known placeholders. */
    public void checkSource(Problems problems) {
        ULocale en = ULocale.forLanguageTag(Bundle.SOURCE_TAG);
        for (Message m : content.texts().values()) {
            parse(m, en, problems).ifPresent(names -> {
                for (String name : names) {
                    if (!allowed.getOrDefault(m.key(), Set.of()).contains(name)) {
                        problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "placeholder {" + name
                                + "} is not defined; use one of " + new TreeSet<>(allowed.getOrDefault(m.key(), Set.of())))
                                .withHint("add it under the leaflet's 'data', or use a name that is there"));
                    }
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
        return p.message().equals(MISSING) || p.message().equals(UNTRANSLATED) || p.message().equals(STALE);
    }

    /** Sentence-final punctuation counted as the same mark across scripts. */
    private static final Map<Character, Character> FINAL_MARKS = Map.ofEntries(
            Map.entry('.', '.'), Map.entry('\u3002', '.'), Map.entry('\uFF0E', '.'), Map.entry('\u0964', '.'),
            Map.entry('\u06D4', '.'), Map.entry('\u0589', '.'),
            Map.entry('?', '?'), Map.entry('\uFF1F', '?'), Map.entry('\u061F', '?'), Map.entry('\u037E', '?'),
            Map.entry('!', '!'), Map.entry('\uFF01', '!'),
            Map.entry(':', ':'), Map.entry('\uFF1A', ':'));
    /** Languages whose sentences end without a mark (Thai, Lao, Khmer, Burmese use spaces or their own signs). */
    private static final Set<String> NO_FINAL_MARK = Set.of("th", "lo", "km", "my");
    /** A translation this many times the length of the English (in display cells) may not fit its place. */
    static final double LONGER_THAN = 2.5;
    /** ...when it is also this many display cells longer. */
    static final int LONGER_BY = 20;
    /**
     * Kinds of placeholder that may stand for one another: a language may need a plural where the
     * English prints a number plainly (Arabic nouns agree with the number).
     */
    private static final Set<String> NUMERIC = Set.of("simple", "number", "plural", "selectordinal");

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
                problems.add(Problem.error(file, Math.max(0, messagesLine - 1), 0, s.key(), MISSING)
                        .with("english", s.pattern())
                        .withHint("add it under 'messages': " + s.key() + ": {source: <the English above>, text: <your translation>}"
                                + " (handout init " + tag + " --force lists every entry)"));
            } else if (!bundle.messages().containsKey(s.key())) {
                Origin o = origin.get();
                problems.add(Problem.error(file, o.line(), o.column(), s.key(), UNTRANSLATED)
                        .with("english", s.pattern())
                        .withHint("write the translation in 'text' and set 'state: translated' (or remove the state line)"));
            }
        }
        for (Map.Entry<String, Origin> e : bundle.origins().entrySet()) {
            Message s = source.get(e.getKey());
            Origin o = e.getValue();
            if (s == null) {
                problems.add(Problem.error(file, o.line(), o.column(), e.getKey(), "unknown key: the English source has no such string")
                        .withHint("delete the entry; if the English key was renamed, move the translation to the new key"));
                continue;
            }
            if (!o.source().equals(s.pattern())) {
                problems.add(Problem.error(file, o.line(), o.column(), e.getKey(),
                                STALE)
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

    /** Checks one message of a bundle against its English, as {@link #check} would (syntax, placeholders, plurals, warnings). */
    public void checkOne(Bundle bundle, String key, Problems problems) {
        Message s = content.texts().get(key);
        bundle.message(key).ifPresent(m -> {
            if (s != null) {
                checkMessage(bundle, m, s, problems);
            }
        });
    }

    private void checkMessage(Bundle bundle, Message m, Message s, Problems problems) {
        String file = m.file();
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
            if (!java.util.Objects.equals(want, got) && !s.pattern().strip().endsWith("}")) {
                problems.add(Problem.warning(file, m.line(), m.column(), m.key(), want == null
                                ? "ends with " + mark(m.pattern()) + " where the English has no final punctuation"
                                : "ends " + (got == null ? "without" : "with " + mark(m.pattern()) + " instead of") + " the English's final '" + want + "'")
                        .withHint("end it as the English does (in your script's form: . 。 । ؟ …), unless your language needs otherwise"));
            }
        }
        int english = cells(sample(s.pattern(), ULocale.ENGLISH));
        int translated = cells(sample(m.pattern(), bundle.locale()));
        if (translated > LONGER_THAN * english && translated - english > LONGER_BY) {
            problems.add(Problem.warning(file, m.line(), m.column(), m.key(), String.format(java.util.Locale.ROOT,
                            "%.1f times as long as the English: it may not fit its place on the page", (double) translated / english))
                    .withHint("check the leaflet's pages (handout preview --lang " + bundle.tag() + " --leaflet "
                            + m.key().substring(0, m.key().indexOf('.')) + "), or say it more briefly"));
        }
        Map<String, String> sourceKinds = kinds(s.pattern());
        Optional<Set<String>> parsed = parse(m, bundle.locale(), problems);
        parsed.ifPresent(names -> {
            for (String name : sourceKinds.keySet()) {
                if (!names.contains(name)) {
                    problems.add(Problem.error(file, m.line(), m.column(), m.key(), "placeholder {" + name + "} from the English is missing")
                            .withHint("put {" + name + "} where its value belongs in your sentence; it is filled in for you"));
                }
            }
            for (String name : names) {
                if (!sourceKinds.containsKey(name)) {
                    problems.add(Problem.error(file, m.line(), m.column(), m.key(), "placeholder {" + name
                                    + "} is not in the English; the English has " + placeholders(sourceKinds.keySet()))
                            .withHint("placeholders are names, not words to translate: use them as the English spells them"));
                }
            }
            Map<String, String> kinds = kinds(m.pattern());
            for (Map.Entry<String, String> k : kinds.entrySet()) {
                String want = sourceKinds.get(k.getKey());
                if (want != null && !want.equals(k.getValue()) && !(NUMERIC.contains(want) && NUMERIC.contains(k.getValue()))) {
                    problems.add(Problem.error(file, m.line(), m.column(), m.key(), "placeholder {" + k.getKey() + "} is a "
                                    + k.getValue() + " here but a " + want + " in the English")
                            .withHint("use it the way the English does: " + example(k.getKey(), want)));
                }
            }
        });
    }

    private static String example(String name, String kind) {
        return switch (kind) {
            case "plural" -> "{" + name + ", plural, one {…} other {…}} with your language's categories";
            case "select" -> "{" + name + ", select, … other {…}}";
            case "simple" -> "{" + name + "}";
            default -> "{" + name + ", " + kind + "}";
        };
    }

    /** The kind of each top-level or nested argument: simple, plural, select, selectordinal, number, date... */
    static Map<String, String> kinds(String pattern) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        MessagePattern p;
        try {
            p = new MessagePattern(pattern);
        } catch (IllegalArgumentException e) {
            return out;
        }
        for (int i = 0; i < p.countParts(); i++) {
            MessagePattern.Part part = p.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_START) {
                String name = p.getSubstring(p.getPart(i + 1));
                String kind = switch (part.getArgType()) {
                    case NONE -> "simple";
                    case PLURAL -> "plural";
                    case SELECT -> "select";
                    case SELECTORDINAL -> "selectordinal";
                    case CHOICE -> "choice";
                    case SIMPLE -> p.getSubstring(p.getPart(i + 2));
                };
                out.putIfAbsent(name, kind);
            }
        }
        return out;
    }

    /** The sentence-final mark of a text, closing quotes and brackets aside, as its Latin equivalent. */
    private static Character finalMark(String pattern) {
        String t = pattern.strip();
        int end = t.length();
        while (end > 0 && ")]\u300D\u300F\u201D\u2019\"'\u00BB\uFF09".indexOf(t.charAt(end - 1)) >= 0) {
            end--;
        }
        return end == 0 ? null : FINAL_MARKS.get(t.charAt(end - 1));
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
     * The text a reader would see, every placeholder given a sample value (2; a date for a date),
     * so that ICU syntax and plural branches do not count towards its length.
     */
    private static String sample(String pattern, ULocale locale) {
        try {
            Map<String, Object> args = new java.util.HashMap<>();
            kinds(pattern).forEach((name, kind) -> args.put(name, kind.equals("date") || kind.equals("time") ? new java.util.Date(0)
                    : kind.equals("select") ? "other" : (Object) 2));
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

    /** Parses a pattern; reports syntax and plural-category errors; returns its argument names. */
    static java.util.Optional<Set<String>> parse(Message m, ULocale locale, Problems problems) {
        MessagePattern p;
        try {
            p = new MessagePattern(m.pattern());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(m.file(), m.line(), m.column(), m.key(), "not a valid ICU message: " + e.getMessage())
                    .withHint("every { needs its }; an ASCII apostrophe before { or } quotes it (write ’ instead)"));
            return java.util.Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> categories = PluralRules.forLocale(locale).getKeywords();
        for (int i = 0; i < p.countParts(); i++) {
            MessagePattern.Part part = p.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NAME) {
                names.add(p.getSubstring(part));
            } else if (part.getType() == MessagePattern.Part.Type.ARG_NUMBER) {
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
        return java.util.Optional.of(names);
    }
}
