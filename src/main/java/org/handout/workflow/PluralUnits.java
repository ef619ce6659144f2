package org.handout.workflow;

import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message with one plural in it, as translation tools can handle it: one unit per plural
 * category the target language has (CLDR, from ICU's {@link PluralRules}), each a whole sentence
 * ("It rarely starts after a child is # years old."), with the English sentence of the same
 * category (or of {@code other}, where English has none) as its source. On the way back the
 * sentences are put together as one ICU plural of whole sentences. A translator then writes
 * Russian's {@code few} and {@code many} in the tool's own fields, never ICU syntax.
 */
final class PluralUnits {
    /** Between a message's key and a category in a unit's id: {@code overview.who.age:few}. */
    static final char SEPARATOR = ':';

    private PluralUnits() {
    }

    /** A message around one plural: the text before it, its argument, its branches by category, the text after it. */
    record Split(String prefix, String argument, Map<String, String> branches, String suffix) {
        /** The sentence of a category: its branch, or {@code other}'s, between the text around the plural. */
        String sentence(String category) {
            return prefix + branches.getOrDefault(category, branches.get("other")) + suffix;
        }
    }

    /**
     * The message's one plural, if it has exactly one at its top level, with only category
     * branches (no {@code =0}), no offset and no other plural or select beside it.
     */
    static Optional<Split> split(String pattern) {
        MessagePattern p;
        try {
            p = new MessagePattern(pattern);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int found = -1;
        for (int i = 1; i < p.countParts() - 1; i++) {
            MessagePattern.Part part = p.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_START) {
                MessagePattern.ArgType type = part.getArgType();
                if (type != MessagePattern.ArgType.NONE && type != MessagePattern.ArgType.SIMPLE) {
                    if (found >= 0 || type != MessagePattern.ArgType.PLURAL) {
                        return Optional.empty();
                    }
                    found = i;
                }
                i = p.getLimitPartIndex(i);
            }
        }
        if (found < 0) {
            return Optional.empty();
        }
        int limit = p.getLimitPartIndex(found);
        String argument = p.getSubstring(p.getPart(found + 1));
        Map<String, String> branches = new LinkedHashMap<>();
        for (int j = found + 2; j < limit; j++) {
            MessagePattern.Part q = p.getPart(j);
            if (q.getType() == MessagePattern.Part.Type.ARG_INT || q.getType() == MessagePattern.Part.Type.ARG_DOUBLE) {
                return Optional.empty(); // an offset
            }
            if (q.getType() == MessagePattern.Part.Type.ARG_SELECTOR) {
                String selector = p.getSubstring(q);
                if (selector.startsWith("=")) {
                    return Optional.empty();
                }
                MessagePattern.Part start = p.getPart(j + 1);
                int end = p.getLimitPartIndex(j + 1);
                branches.put(selector, pattern.substring(start.getLimit(), p.getPart(end).getIndex()));
                j = end;
            }
        }
        if (!branches.containsKey("other")) {
            return Optional.empty();
        }
        return Optional.of(new Split(pattern.substring(0, p.getPart(found).getIndex()), argument, branches,
                pattern.substring(p.getPart(limit).getLimit())));
    }

    /** The categories of a language, in CLDR's order. */
    static List<String> categories(ULocale locale) {
        List<String> order = List.of("zero", "one", "two", "few", "many", "other");
        java.util.Set<String> have = PluralRules.forLocale(locale).getKeywords();
        List<String> out = new ArrayList<>();
        order.forEach(c -> {
            if (have.contains(c)) {
                out.add(c);
            }
        });
        return out;
    }

    /**
     * The pattern of one category's unit: the sentence inside a plural frame, so that its {@code #}
     * stays the number (the frame says {@code other}, which ICU requires; the unit's id and note
     * say its category).
     */
    static String unit(String argument, String category, String sentence) {
        return "{" + argument + ", plural, other {" + sentence + "}}";
    }

    /** A unit's pattern taken apart again: its argument, category and sentence, if it is one. */
    static Optional<String[]> unwrap(String pattern) {
        return split(pattern).filter(s -> s.prefix().isEmpty() && s.suffix().isEmpty() && s.branches().size() == 1)
                .map(s -> new String[] {s.argument(), s.branches().keySet().iterator().next(), s.branches().values().iterator().next()});
    }

    /** The sentences of every category as one ICU plural of whole sentences. */
    static String assemble(String argument, Map<String, String> sentences) {
        StringBuilder b = new StringBuilder("{").append(argument).append(", plural,");
        sentences.forEach((category, sentence) -> b.append(' ').append(category).append(" {").append(sentence).append('}'));
        return b.append('}').toString();
    }

    /**
     * The sentences of every category as one ICU plural, or the bundle's own text {@code old} where
     * it is a plural of the same argument whose every sentence is as given (the bundle keeps its
     * own way of writing it: a round trip changes nothing).
     */
    static String assemble(String argument, Map<String, String> sentences, Optional<String> old) {
        Optional<Split> was = old.flatMap(PluralUnits::split).filter(x -> x.argument().equals(argument));
        if (was.isPresent() && sentences.entrySet().stream().allMatch(e -> was.get().sentence(e.getKey()).equals(e.getValue()))) {
            return old.get();
        }
        return assemble(argument, sentences);
    }

    /**
     * Whether a translation is the English copied: the same pattern, or a plural of the same
     * argument whose sentence in every category is the English one (as a tool's "copy source"
     * on every form gives).
     */
    static boolean isEnglish(String target, String english, List<String> categories) {
        if (target.equals(english)) {
            return true;
        }
        Optional<Split> t = split(target);
        Optional<Split> e = split(english);
        return t.isPresent() && e.isPresent() && t.get().argument().equals(e.get().argument())
                && categories.stream().allMatch(c -> t.get().sentence(c).equals(e.get().sentence(c)));
    }

    /**
     * Examples of numbers in a category of a language, for the translator ("numbers such as 2, 3, 4, 22…"), or
     * of fractions where no whole number is in it (Russian {@code other}: "fractions such as 0.5, 1.5…").
     */
    static String examples(ULocale locale, String category) {
        PluralRules rules = PluralRules.forLocale(locale);
        List<String> out = new ArrayList<>();
        var whole = rules.getSamples(category, PluralRules.SampleType.INTEGER);
        for (Double d : whole) {
            if (out.size() == 6) {
                break;
            }
            out.add(String.valueOf(d.longValue()));
        }
        if (!out.isEmpty()) {
            return "numbers such as " + String.join(", ", out) + (whole.size() > out.size() ? "…" : "");
        }
        var fractions = rules.getSamples(category, PluralRules.SampleType.DECIMAL);
        fractions.stream().filter(d -> d != Math.rint(d)).limit(4).forEach(d -> out.add(java.math.BigDecimal.valueOf(d).toPlainString()));
        return "fractions such as " + String.join(", ", out) + (fractions.size() > out.size() ? "…" : "");
    }
}
