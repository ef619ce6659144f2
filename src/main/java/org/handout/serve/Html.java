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

    static Html page(String title) {
        Html h = new Html();
        h.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").text(title)
                .raw("</title><style>body{font-family:sans-serif;margin:2em;max-width:60em}img.page{border:1px solid #999;"
                        + "max-width:100%}fieldset{margin:1em 0}td,th{padding:.2em .6em;text-align:left}</style></head><body>");
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
