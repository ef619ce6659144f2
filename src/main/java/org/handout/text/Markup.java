package org.handout.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handout.doc.Inline;

/**
 * The small inline markup of a leaflet's texts, which translators keep as they keep placeholders:
 * {@code <b>strong</b>}, {@code <i>emphasis</i>}, {@code <link:name>words</link>} (a link to the
 * web address of data {@code name}) and {@code <lang:tag>words</lang>} (words in another language).
 * A phone number comes in through a placeholder, between {@link #PHONE_START} and {@link #PHONE_END}.
 * Tags do not nest: a run is one thing.
 */
public final class Markup {
    /** Around a phone number put in by a placeholder: private-use characters no text may hold. */
    public static final char PHONE_START = '\uE000';
    public static final char PHONE_END = '\uE001';
    /** One tag of the markup: {@code <b>}, {@code </b>}, {@code <link:nci>}... */
    public static final Pattern TAG = Pattern.compile("<(/?)(b|i|link|lang)(?::([A-Za-z0-9-]+))?>");

    private Markup() {
    }

    /** The parts of a formatted text, or why it cannot be read. */
    public record Parsed(List<Inline> parts, Optional<String> error) {
    }

    /** The tags of a text in order, each as written ("b", "/b", "link:nci", "/link"), for comparing a translation with its English. */
    public static List<String> tags(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            out.add(m.group(1) + m.group(2) + (m.group(3) == null ? "" : ":" + m.group(3)));
        }
        return out;
    }

    /** Whether a text has any markup. */
    public static boolean has(String text) {
        return TAG.matcher(text).find() || text.indexOf(PHONE_START) >= 0;
    }

    /** The text without its tags, as a reader would get it back. */
    public static String plain(String text) {
        return TAG.matcher(text).replaceAll("").replace(String.valueOf(PHONE_START), "").replace(String.valueOf(PHONE_END), "");
    }

    /**
     * The inline runs of {@code text}; {@code links} gives each link name's web address. A tag
     * that is not closed, closed twice, nested, or names no address is an error.
     */
    public static Parsed parse(String text, Map<String, String> links) {
        List<Inline> out = new ArrayList<>();
        Matcher m = TAG.matcher(text);
        int at = 0;
        String open = null;
        String arg = null;
        StringBuilder run = new StringBuilder();
        while (m.find()) {
            run.append(text, at, m.start());
            at = m.end();
            boolean closing = !m.group(1).isEmpty();
            String name = m.group(2);
            if (!closing) {
                if (open != null) {
                    return error(out, "<" + name + "> inside <" + open + ">: markup does not nest");
                }
                if ((name.equals("link") || name.equals("lang")) == (m.group(3) == null)) {
                    return error(out, name.equals("link") || name.equals("lang")
                            ? "<" + name + "> needs a name: <" + name + ":" + (name.equals("link") ? "nci" : "en") + ">"
                            : "<" + name + "> takes no name");
                }
                if (name.equals("link") && !links.containsKey(m.group(3))) {
                    return error(out, "<link:" + m.group(3) + "> names no web address under the leaflet's 'data'");
                }
                plainRun(run, out);
                open = name;
                arg = m.group(3);
            } else {
                if (!name.equals(open) || m.group(3) != null) {
                    return error(out, "</" + name + "> closes " + (open == null ? "nothing" : "<" + open + ">"));
                }
                String s = run.toString().replace(String.valueOf(PHONE_START), "").replace(String.valueOf(PHONE_END), "");
                run.setLength(0);
                if (s.isEmpty()) {
                    return error(out, "<" + name + "> holds no words");
                }
                out.add(switch (name) {
                    case "b" -> new Inline.Strong(s);
                    case "i" -> new Inline.Emphasis(s);
                    case "link" -> new Inline.Link(s, links.get(arg));
                    default -> new Inline.Foreign(s, arg);
                });
                open = null;
            }
        }
        run.append(text, at, text.length());
        if (open != null) {
            return error(out, "<" + open + "> is not closed");
        }
        plainRun(run, out);
        return new Parsed(List.copyOf(out), Optional.empty());
    }

    /** Plain text, with the phone numbers in it as runs of their own. */
    private static void plainRun(StringBuilder run, List<Inline> out) {
        String s = run.toString();
        run.setLength(0);
        int i = 0;
        while (i < s.length()) {
            int start = s.indexOf(PHONE_START, i);
            if (start < 0) {
                out.add(new Inline.Plain(s.substring(i)));
                return;
            }
            int end = s.indexOf(PHONE_END, start);
            if (start > i) {
                out.add(new Inline.Plain(s.substring(i, start)));
            }
            out.add(new Inline.Phone(s.substring(start + 1, end)));
            i = end + 1;
        }
    }

    private static Parsed error(List<Inline> out, String why) {
        return new Parsed(List.copyOf(out), Optional.of(why));
    }
}
