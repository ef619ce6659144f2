package org.handout.serve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A page being written: markup of our own goes in with {@link #raw}, every piece of text with
 * {@link #text}, which escapes it, so nothing a user or a file supplies can become markup.
 */
final class Html {
    private final StringBuilder b = new StringBuilder();

    private Html() {
    }

    /**
     * A page in language {@code lang} (its direction with it), with the page's own style sheet and
     * script; {@code version}, when not empty, makes the page reload itself when an input changes.
     */
    static Html page(String lang, boolean rtl, String title, String version) {
        Html h = new Html();
        h.raw("<!DOCTYPE html><html lang=\"").text(lang).raw("\" dir=\"").raw(rtl ? "rtl" : "ltr").raw("\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").text(title)
                .raw("</title><link rel=\"stylesheet\" href=\"/app.css\"><script src=\"/app.js\" defer></script></head><body");
        if (!version.isEmpty()) {
            h.raw(" data-version=\"").text(version).raw("\"");
        }
        h.raw(">");
        return h;
    }

    /** Our own markup, as written. */
    Html raw(String markup) {
        b.append(markup);
        return this;
    }

    /** Text, escaped for an element or an attribute. */
    Html text(String s) {
        b.append(escape(s));
        return this;
    }

    String end() {
        return b.append("</body></html>").toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
