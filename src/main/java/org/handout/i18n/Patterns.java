package org.handout.i18n;

import com.ibm.icu.text.MessagePattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of an ICU MessageFormat pattern, as the checks need it: each argument with its kind,
 * number style, plural offset and branches.
 */
final class Patterns {
    private Patterns() {
    }

    /** One branch of a plural, select or selectordinal: its selector, and what its message holds. */
    record Branch(String selector, boolean explicitValue, boolean empty, boolean showsNumber) {
    }

    /**
     * One argument of a pattern: its name, its kind as written (simple, number, plural, select,
     * selectordinal, date…), its style ({@code integer}, {@code ::scale/100}; empty when none), its
     * plural offset (0 when none) and, for a plural, select or selectordinal, its branches.
     */
    record Arg(String name, String kind, String style, double offset, List<Branch> branches) {
        boolean isPlural() {
            return kind.equals("plural") || kind.equals("selectordinal");
        }
    }

    /** Every argument of a parsed pattern, nested ones included, in the order they are written. */
    static List<Arg> args(MessagePattern p) {
        List<Arg> out = new ArrayList<>();
        for (int i = 0; i < p.countParts(); i++) {
            MessagePattern.Part part = p.getPart(i);
            if (part.getType() != MessagePattern.Part.Type.ARG_START) {
                continue;
            }
            String name = p.getSubstring(p.getPart(i + 1));
            int limit = p.getLimitPartIndex(i);
            MessagePattern.ArgType type = part.getArgType();
            String kind = switch (type) {
                case NONE -> "simple";
                case PLURAL -> "plural";
                case SELECT -> "select";
                case SELECTORDINAL -> "selectordinal";
                case CHOICE -> "choice";
                case SIMPLE -> p.getSubstring(p.getPart(i + 2));
            };
            String style = "";
            if (type == MessagePattern.ArgType.SIMPLE && i + 3 < limit
                    && p.getPart(i + 3).getType() == MessagePattern.Part.Type.ARG_STYLE) {
                style = p.getSubstring(p.getPart(i + 3)).strip();
            }
            // (ICU wants the index of the first part of the plural style, the one after the name)
            double offset = type.hasPluralStyle() ? p.getPluralOffset(i + 2) : 0;
            List<Branch> branches = new ArrayList<>();
            if (type == MessagePattern.ArgType.PLURAL || type == MessagePattern.ArgType.SELECT
                    || type == MessagePattern.ArgType.SELECTORDINAL) {
                for (int j = i + 1; j < limit; j++) {
                    MessagePattern.Part q = p.getPart(j);
                    if (q.getType() != MessagePattern.Part.Type.ARG_SELECTOR) {
                        continue;
                    }
                    String selector = p.getSubstring(q);
                    int start = j + 1;
                    if (p.getPart(start).getType().hasNumericValue()) {
                        start++;
                    }
                    int end = p.getLimitPartIndex(start);
                    String text = p.getPatternString().substring(p.getPart(start).getLimit(), p.getPart(end).getIndex());
                    branches.add(new Branch(selector, selector.startsWith("="), text.isBlank(),
                            type.hasPluralStyle() && showsNumber(p, start, end, name)));
                    j = end;
                }
            }
            out.add(new Arg(name, kind, style, offset, branches));
        }
        return out;
    }

    /**
     * Whether the branch message between parts {@code start} and {@code end} prints the plural's
     * number: a {@code #} of its own or of a plural of the same argument nested in it (a {@code #}
     * inside a plural of another argument is that one's number), or the argument itself
     * ({@code {n}}, {@code {n, number}}) at any depth.
     */
    private static boolean showsNumber(MessagePattern p, int start, int end, String name) {
        java.util.ArrayDeque<int[]> plurals = new java.util.ArrayDeque<>(); // {limit part, 1 if the same argument}
        for (int k = start + 1; k < end; k++) {
            while (!plurals.isEmpty() && k > plurals.peek()[0]) {
                plurals.pop();
            }
            MessagePattern.Part q = p.getPart(k);
            if (q.getType() == MessagePattern.Part.Type.REPLACE_NUMBER && (plurals.isEmpty() || plurals.peek()[1] == 1)) {
                return true;
            }
            if (q.getType() == MessagePattern.Part.Type.ARG_START) {
                String arg = p.getSubstring(p.getPart(k + 1));
                MessagePattern.ArgType t = q.getArgType();
                if (arg.equals(name) && (t == MessagePattern.ArgType.NONE || t == MessagePattern.ArgType.SIMPLE)) {
                    return true;
                }
                if (t.hasPluralStyle()) {
                    plurals.push(new int[] {p.getLimitPartIndex(k), arg.equals(name) ? 1 : 0});
                }
            }
        }
        return false;
    }
}
