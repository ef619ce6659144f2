package org.handout.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handout.text.TextSafety;

/**
 * Fails a PDF whose text holds what a build refuses ({@link TextSafety}: a bidi override, a
 * control character, a stray joiner…): the ActualText of every span, in the span's language or
 * the document's, and the title and bookmarks a viewer shows. A PDF made by another tool, or by a
 * build before the check existed, is judged like the input it came from.
 */
final class SafeText {
    /** Characters of context quoted on each side of the one refused. */
    private static final int CONTEXT = 24;

    private SafeText() {
    }

    /**
     * One failure per refused character, e.g. {@code text: «es <U+202E>in den Nebennieren» holds
     * U+202E RIGHT-TO-LEFT OVERRIDE, a bidi control that reorders the text around it: the words
     * would print reversed}, quoting the first place it occurs and counting the others.
     */
    static List<String> failures(PdfReadBack pdf) {
        Map<Integer, String> first = new LinkedHashMap<>();
        Map<Integer, Integer> more = new LinkedHashMap<>();
        for (PdfReadBack.PageText page : pdf.pages()) {
            for (PdfReadBack.Span span : page.spans()) {
                String lang = span.lang() != null ? span.lang() : pdf.lang();
                look("text", span.text(), lang, first, more);
            }
        }
        if (pdf.title() != null) {
            look("title", pdf.title(), pdf.lang(), first, more);
        }
        for (String mark : pdf.bookmarks()) {
            look("bookmarks", mark.strip(), pdf.lang(), first, more);
        }
        List<String> out = new ArrayList<>();
        first.forEach((cp, failure) -> {
            int others = more.getOrDefault(cp, 0);
            out.add(others == 0 ? failure : failure + " (and in " + others + " more place" + (others == 1 ? "" : "s") + ")");
        });
        return out;
    }

    private static void look(String where, String text, String lang, Map<Integer, String> first, Map<Integer, Integer> more) {
        for (TextSafety.Finding f : TextSafety.check(text, lang)) {
            if (first.containsKey(f.codePoint())) {
                more.merge(f.codePoint(), 1, Integer::sum);
            } else {
                first.put(f.codePoint(), where + ": «" + excerpt(text, f.index()) + "» holds " + f.message());
            }
        }
    }

    /** The text around char {@code at}, its invisible characters written out. */
    private static String excerpt(String text, int at) {
        int from = Math.max(0, at - CONTEXT);
        int to = Math.min(text.length(), at + CONTEXT);
        if (from > 0 && Character.isLowSurrogate(text.charAt(from))) {
            from--;
        }
        if (to < text.length() && Character.isLowSurrogate(text.charAt(to))) {
            to++;
        }
        return (from > 0 ? "…" : "") + TextSafety.shown(text.substring(from, to)) + (to < text.length() ? "…" : "");
    }
}
