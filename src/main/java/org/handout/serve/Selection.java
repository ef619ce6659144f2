package org.handout.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handout.layout.Paper;

/**
 * What a user has chosen on the page, all of it in the address: a clinic edition (or none),
 * languages, leaflets, the paper (empty: the clinic's country, else each language's custom) and
 * the page's own language. Back, a bookmark and a browser without JavaScript give the same result
 * because nothing of the choice lives anywhere else.
 */
record Selection(String clinic, List<String> langs, List<String> leaflets, String paper, String ui) {
    Selection {
        langs = List.copyOf(langs);
        leaflets = List.copyOf(leaflets);
    }

    /** The paper asked for, or empty for the default (the clinic's country, else the language's custom). */
    Optional<Paper> paperChoice() {
        return paper.isEmpty() ? Optional.empty() : Paper.named(paper);
    }

    /** Every chosen language with every chosen leaflet, language by language. */
    List<String[]> pairs() {
        List<String[]> out = new ArrayList<>();
        for (String l : langs) {
            for (String f : leaflets) {
                out.add(new String[] {l, f});
            }
        }
        return out;
    }

    /** The whole choice as a query string (not HTML-escaped). */
    String query() {
        StringBuilder b = new StringBuilder();
        add(b, "clinic", clinic);
        add(b, "paper", paper);
        langs.forEach(l -> add(b, "lang", l));
        leaflets.forEach(l -> add(b, "leaflet", l));
        add(b, "ui", ui);
        return b.toString();
    }

    /** One language and leaflet with this choice's clinic, paper and page language, as a query string. */
    String query(String lang, String leaflet) {
        return new Selection(clinic, List.of(lang), List.of(leaflet), paper, ui).query();
    }

    /** The same choice, showing {@code lang} and {@code leaflet} in a preview. */
    String queryShowing(String lang, String leaflet) {
        return query() + "&show=" + Html.url(lang + "/" + leaflet);
    }

    private static void add(StringBuilder b, String name, String value) {
        if (value.isEmpty()) {
            return;
        }
        if (!b.isEmpty()) {
            b.append('&');
        }
        b.append(name).append('=').append(Html.url(value));
    }
}
