package org.handout.i18n;

import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.handout.content.Content;
import org.handout.content.LeafletSource;
import org.handout.content.Message;
import org.handout.content.Section;
import org.handout.content.SourceBlock;
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
                        problems.error(m.file(), m.line(), m.column(), m.key(), "placeholder {" + name
                                + "} is not defined; use one of " + new TreeSet<>(allowed.getOrDefault(m.key(), Set.of())));
                    }
                }
            });
        }
    }

    /** Checks a translation bundle against the source. */
    public void check(Bundle bundle, Problems problems) {
        Map<String, Message> source = content.texts();
        int messagesLine = bundle.messages().values().stream().mapToInt(Message::line).min().orElse(0);
        for (Message s : source.values()) {
            if (!bundle.messages().containsKey(s.key())) {
                problems.error(bundle.file(), Math.max(0, messagesLine - 1), 0, s.key(),
                        "translation missing; the English is: " + s.pattern());
            }
        }
        for (Message m : bundle.messages().values()) {
            Message s = source.get(m.key());
            if (s == null) {
                problems.error(m.file(), m.line(), m.column(), m.key(), "unknown key: the English source has no such string");
                continue;
            }
            if (!m.pattern().equals(m.pattern().strip())) {
                problems.warning(m.file(), m.line(), m.column(), m.key(), "leading or trailing whitespace");
            }
            Set<String> sourceNames = parse(s, ULocale.ENGLISH, new Problems()).orElse(Set.of());
            parse(m, bundle.locale(), problems).ifPresent(names -> {
                for (String name : sourceNames) {
                    if (!names.contains(name)) {
                        problems.error(m.file(), m.line(), m.column(), m.key(), "placeholder {" + name
                                + "} from the English is missing");
                    }
                }
                for (String name : names) {
                    if (!sourceNames.contains(name)) {
                        problems.error(m.file(), m.line(), m.column(), m.key(), "placeholder {" + name
                                + "} is not in the English; the English has " + placeholders(sourceNames));
                    }
                }
            });
        }
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
            problems.error(m.file(), m.line(), m.column(), m.key(), "not a valid ICU message: " + e.getMessage());
            return java.util.Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> categories = PluralRules.forLocale(locale).getKeywords();
        for (int i = 0; i < p.countParts(); i++) {
            MessagePattern.Part part = p.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NAME) {
                names.add(p.getSubstring(part));
            } else if (part.getType() == MessagePattern.Part.Type.ARG_NUMBER) {
                problems.error(m.file(), m.line(), m.column(), m.key(), "numbered placeholder {" + p.getSubstring(part)
                        + "}: use the named placeholders of the English");
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
                    problems.error(m.file(), m.line(), m.column(), m.key(), "plural {" + argName + "} has no branch for "
                            + String.join(", ", missing) + "; " + locale.toLanguageTag() + " needs " + String.join(", ", new TreeSet<>(categories)));
                }
                if (!extra.isEmpty()) {
                    problems.error(m.file(), m.line(), m.column(), m.key(), "plural {" + argName + "} has "
                            + String.join(", ", extra) + ", which " + locale.toLanguageTag() + " does not use; it needs "
                            + String.join(", ", new TreeSet<>(categories)));
                }
            }
        }
        return java.util.Optional.of(names);
    }
}
