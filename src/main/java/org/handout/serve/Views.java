package org.handout.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.handout.build.Project;
import org.handout.clinic.Clinic;
import org.handout.content.Message;
import org.handout.i18n.Bundle;
import org.handout.layout.Paper;
import org.handout.report.Problem;
import org.handout.workflow.Translators;

/**
 * The pages of {@code handout serve}, written in the page's language ({@link Ui}): the start page
 * for clinic staff (choose, look, print, download), a leaflet's preview, the translator's page
 * (English and translation side by side with the check's problems beside the page they concern)
 * and the page that explains, in plain words, anything that cannot be had.
 */
final class Views {
    private final Server server;
    private final Ui ui;

    Views(Server server, Ui ui) {
        this.server = server;
        this.ui = ui;
    }

    // ---- the frame of every page -------------------------------------------------------------

    private Html start(String title, String version, String uiParamQuery) {
        Html h = Html.page(ui.tag(), ui.rtl(), title, version);
        h.raw("<a class=\"skip\" href=\"#main\">").text(ui.t("nav.skip")).raw("</a>");
        h.raw("<header class=\"bar\"><a class=\"brand\" href=\"/").raw(uiQuery("?")).raw("\">").text(ui.t("app.name")).raw("</a>");
        h.raw("<nav aria-label=\"").text(ui.t("nav.label")).raw("\"><ul>");
        h.raw("<li><a href=\"/").raw(uiQuery("?")).raw("\">").text(ui.t("nav.leaflets")).raw("</a></li>");
        h.raw("<li><a href=\"/translate").raw(uiQuery("?")).raw("\">").text(ui.t("nav.translators")).raw("</a></li>");
        for (String other : Ui.LANGUAGES) {
            if (!other.equals(ui.tag())) {
                String q = uiParamQuery.isEmpty() ? "ui=" + other : uiParamQuery.replaceAll("(^|&)ui=[^&]*", "") + "&ui=" + other;
                q = q.startsWith("&") ? q.substring(1) : q;
                h.raw("<li><a lang=\"").text(other).raw("\" hreflang=\"").text(other).raw("\" href=\"?").text(q).raw("\">")
                        .text(Ui.ownName(other)).raw("</a></li>");
            }
        }
        h.raw("</ul></nav></header><main id=\"main\">");
        return h;
    }

    private String uiQuery(String prefix) {
        return ui.tag().equals("en") ? "" : prefix + "ui=" + ui.tag();
    }

    private static String end(Html h) {
        h.raw("</main>");
        return h.end();
    }

    // ---- the start page ----------------------------------------------------------------------

    String home(Project project, Selection s) {
        Html h = start(ui.t("home.title"), "", s.query());
        h.raw("<h1>").text(ui.t("home.title")).raw("</h1><p class=\"lead\">").text(ui.t("home.lead")).raw("</p>");
        h.raw("<form id=\"choose\" action=\"/preview\" method=\"get\">");
        if (!s.ui().isEmpty()) {
            h.raw("<input type=\"hidden\" name=\"ui\" value=\"").text(s.ui()).raw("\">");
        }
        // 1: edition and paper
        h.raw("<section class=\"step\" aria-labelledby=\"step1\"><h2 id=\"step1\"><span class=\"num\" aria-hidden=\"true\">1</span>")
                .text(ui.t("home.step.edition")).raw("</h2><div class=\"fields\">");
        h.raw("<div class=\"field\"><label for=\"clinic\">").text(ui.t("home.clinic")).raw("</label><select id=\"clinic\" name=\"clinic\">");
        h.raw("<option value=\"\"").raw(s.clinic().isEmpty() ? " selected" : "").raw(">").text(ui.t("home.clinic.none")).raw("</option>");
        for (String id : server.clinics()) {
            Optional<Clinic> c = server.clinic(id);
            String label = c.map(Clinic::name).orElse(id);
            Optional<String> country = c.flatMap(Clinic::country);
            String paper = country.map(cc -> Paper.forLocale(new com.ibm.icu.util.ULocale("und_" + cc)).label()).orElse("");
            h.raw("<option value=\"").text(id).raw("\"").raw(id.equals(s.clinic()) ? " selected" : "").raw(">").text(label);
            if (c.isEmpty()) {
                h.text(" — " + ui.t("home.clinic.broken"));
            } else if (!paper.isEmpty()) {
                h.text(" — " + ui.t("home.clinic.paper", "paper", paper));
            }
            h.raw("</option>");
        }
        h.raw("</select><p class=\"hint\" id=\"clinic-hint\">").text(ui.t("home.clinic.hint")).raw("</p></div>");
        h.raw("<div class=\"field\"><label for=\"paper\">").text(ui.t("home.paper")).raw("</label><select id=\"paper\" name=\"paper\">");
        for (String[] p : List.of(new String[] {"", ui.t("home.paper.default")}, new String[] {"a4", "A4"},
                new String[] {"letter", ui.t("home.paper.letter")})) {
            h.raw("<option value=\"").text(p[0]).raw("\"").raw(p[0].equals(s.paper()) ? " selected" : "").raw(">").text(p[1]).raw("</option>");
        }
        h.raw("</select></div></div></section>");
        // 2: languages
        List<String> langs = ui.sorted(project.languageTags());
        List<String> leaflets = project.content().leafletIds();
        // when every translation is a draft the page says so once, not on every language
        boolean allDrafts = langs.stream().filter(t -> !t.equals("en"))
                .allMatch(t -> project.languages().bundle(t).flatMap(Bundle::translation).map(x -> x.isDraft()).orElse(false));
        h.raw("<section class=\"step\" aria-labelledby=\"step2\"><h2 id=\"step2\"><span class=\"num\" aria-hidden=\"true\">2</span>")
                .text(ui.t("home.step.languages")).raw("</h2>");
        h.raw("<div class=\"find\" hidden><label for=\"find\">").text(ui.t("home.find")).raw("</label><input type=\"search\" id=\"find\" "
                + "autocomplete=\"off\" aria-describedby=\"found\" data-found=\"").text(ui.t("home.found", "count", "{count}"))
                .raw("\"><p id=\"found\" class=\"hint\" aria-live=\"polite\"></p></div>");
        h.raw("<fieldset><legend class=\"visually-hidden\">").text(ui.t("home.step.languages")).raw("</legend><ul class=\"choices\" id=\"langs\">");
        for (String tag : langs) {
            String own = Ui.ownName(tag);
            String here = ui.languageName(tag);
            long notReady = leaflets.stream().filter(l -> Server.holdBack(project, tag, l).isPresent()).count();
            boolean draft = project.languages().bundle(tag).flatMap(Bundle::translation).map(t -> t.isDraft()).orElse(false);
            String id = "lang-" + tag;
            h.raw("<li data-names=\"").text((own + " " + here + " " + tag + " " + englishName(tag)).toLowerCase(Locale.ROOT)).raw("\">");
            h.raw("<input type=\"checkbox\" name=\"lang\" id=\"").text(id).raw("\" value=\"").text(tag).raw("\"")
                    .raw(s.langs().contains(tag) ? " checked" : "").raw(">");
            h.raw("<label for=\"").text(id).raw("\"><span class=\"own\" lang=\"").text(tag).raw("\" dir=\"auto\">").text(own).raw("</span>");
            if (!own.equalsIgnoreCase(here)) {
                h.raw("<span class=\"sub\">").text(here).raw("</span>");
            }
            if (notReady > 0) {
                h.raw("<span class=\"badge warn\">").text(ui.t("home.notReady", "count", notReady, "total", leaflets.size())).raw("</span>");
            } else if (draft && !allDrafts) {
                h.raw("<span class=\"badge\">").text(ui.t("home.draft")).raw("</span>");
            }
            h.raw("</label></li>");
        }
        h.raw("</ul></fieldset><p class=\"hint\">").text(ui.t(allDrafts ? "home.allDrafts.hint" : "home.draft.hint")).raw("</p></section>");
        // 3: leaflets
        String thumbs = project.languageTags().contains(ui.tag()) ? ui.tag() : "en";
        h.raw("<section class=\"step\" aria-labelledby=\"step3\"><h2 id=\"step3\"><span class=\"num\" aria-hidden=\"true\">3</span>")
                .text(ui.t("home.step.leaflets")).raw("</h2><fieldset><legend class=\"visually-hidden\">").text(ui.t("home.step.leaflets"))
                .raw("</legend><ul class=\"cards\">");
        for (String l : leaflets) {
            String id = "leaflet-" + l;
            h.raw("<li class=\"card\"><input type=\"checkbox\" name=\"leaflet\" id=\"").text(id).raw("\" value=\"").text(l).raw("\"")
                    .raw(s.leaflets().contains(l) ? " checked" : "").raw(">");
            h.raw("<label for=\"").text(id).raw("\"><img alt=\"\" width=\"99\" height=\"140\" src=\"/page.png?lang=")
                    .text(Html.url(thumbs)).raw("&amp;leaflet=").text(Html.url(l)).raw("&amp;page=1&amp;size=thumb&amp;draft=1\">");
            h.raw("<span class=\"title\">").text(server.leafletName(ui, l)).raw("</span></label></li>");
        }
        h.raw("</ul></fieldset></section>");
        // what to do with them
        h.raw("<div class=\"actions\"><button type=\"submit\" class=\"primary\" formaction=\"/preview\">").text(ui.t("home.preview"))
                .raw("</button><button type=\"submit\" formaction=\"/zip\" data-zip>").text(ui.t("home.zip")).raw("</button></div>");
        progressRegion(h);
        h.raw("</form>");
        return end(h);
    }

    private void progressRegion(Html h) {
        h.raw("<p id=\"progress\" class=\"progress\" role=\"status\" aria-live=\"polite\" data-building=\"")
                .text(ui.t("zip.building", "done", "{done}", "total", "{total}")).raw("\" data-waiting=\"").text(ui.t("zip.waiting"))
                .raw("\" data-ready=\"").text(ui.t("zip.ready")).raw("\" data-ready-gaps=\"")
                .text(ui.t("zip.readyGaps", "left", "{left}", "total", "{total}", "file", ui.t("zip.note.file") + ".txt")).raw("\"></p>");
    }

    // ---- a leaflet's preview -----------------------------------------------------------------

    String preview(Project project, Selection s, Server.Made m, int pages, String version) {
        String leafletName = server.leafletName(ui, m.leaflet());
        Html h = start(leafletName + " — " + Ui.ownName(m.lang()), version, s.queryShowing(m.lang(), m.leaflet()));
        h.raw("<p class=\"back\"><a href=\"/?").text(s.query()).raw("\">").text(ui.t("preview.back")).raw("</a></p>");
        h.raw("<h1>").text(leafletName).raw("</h1>");
        String edition = s.clinic().isEmpty() ? ui.t("preview.national")
                : server.clinic(s.clinic()).map(Clinic::name).orElse(s.clinic());
        h.raw("<p class=\"meta\"><span lang=\"").text(m.lang()).raw("\" dir=\"auto\">").text(Ui.ownName(m.lang())).raw("</span> (")
                .text(ui.languageName(m.lang())).raw(") · ").text(edition).raw(" · ").text(ui.t("preview.pages", "count", pages));
        if (!s.paper().isEmpty()) {
            h.raw(" · ").text(s.paper().equals("a4") ? "A4" : ui.t("home.paper.letter"));
        }
        h.raw("</p>");
        List<String[]> pairs = s.pairs();
        if (pairs.size() > 1) {
            h.raw("<nav class=\"chosen\" aria-label=\"").text(ui.t("preview.chosen")).raw("\"><ul>");
            for (String[] p : pairs) {
                boolean current = p[0].equals(m.lang()) && p[1].equals(m.leaflet());
                h.raw("<li><a href=\"/preview?").text(s.queryShowing(p[0], p[1])).raw("\"").raw(current ? " aria-current=\"page\"" : "").raw(">")
                        .raw("<span lang=\"").text(p[0]).raw("\" dir=\"auto\">").text(Ui.ownName(p[0])).raw("</span> · ")
                        .text(server.leafletName(ui, p[1]));
                if (Server.holdBack(project, p[0], p[1]).isPresent()) {
                    h.raw(" <span class=\"badge warn\">").text(ui.t("preview.notReady.short")).raw("</span>");
                }
                h.raw("</a></li>");
            }
            h.raw("</ul></nav>");
        }
        if (m.why().isPresent()) {
            Server.Why why = m.why().get();
            h.raw("<div class=\"notice warn\" role=\"alert\"><h2>").text(ui.t("preview.notReady")).raw("</h2><p>").text(why.said(ui))
                    .raw("</p><p>").text(why.todo(ui, m.lang())).raw("</p>");
            details(h, m.problems().stream().limit(20).map(Problem::format).toList());
            h.raw("</div>");
        }
        h.raw("<div class=\"actions\">");
        if (m.why().isEmpty()) {
            h.raw("<a class=\"button primary\" id=\"download\" href=\"/pdf?").text(s.query(m.lang(), m.leaflet())).raw("\">")
                    .text(ui.t("preview.download")).raw("</a>");
            h.raw("<a class=\"button\" id=\"print\" target=\"_blank\" rel=\"noopener\" href=\"/pdf?").text(s.query(m.lang(), m.leaflet()))
                    .raw("&amp;inline=1\">").text(ui.t("preview.print")).raw("</a>");
        }
        List<String[]> blocked = pairs.stream().filter(p -> Server.holdBack(project, p[0], p[1]).isPresent()).toList();
        if (pairs.size() > 1 && blocked.size() < pairs.size()) {
            h.raw("<a class=\"button\" data-zip href=\"/zip?").text(s.query()).raw("\">")
                    .text(ui.t("preview.zip", "count", pairs.size() - blocked.size())).raw("</a>");
        }
        h.raw("</div>");
        if (pairs.size() > 1 && !blocked.isEmpty()) {
            h.raw("<div class=\"notice\"><p>").text(ui.t("preview.zipGaps", "count", blocked.size(), "total", pairs.size())).raw("</p><ul>");
            for (String[] p : blocked) {
                h.raw("<li>").text(ui.t("zip.note.line", "language", ui.languageName(p[0]), "leaflet", server.leafletName(ui, p[1]))).raw("</li>");
            }
            h.raw("</ul></div>");
        }
        progressRegion(h);
        h.raw("<ol class=\"pages\">");
        String q = s.query(m.lang(), m.leaflet());
        for (int i = 1; i <= pages; i++) {
            h.raw("<li><img class=\"page\" alt=\"").text(ui.t("preview.pageAlt", "page", i, "count", pages)).raw("\" src=\"/page.png?")
                    .text(q).raw("&amp;page=").text(String.valueOf(i)).raw("\"></li>");
        }
        h.raw("</ol>");
        return end(h);
    }

    private void details(Html h, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        h.raw("<details><summary>").text(ui.t("details.summary")).raw("</summary><ul class=\"problems\">");
        for (String l : lines) {
            h.raw("<li><code>").text(l).raw("</code></li>");
        }
        h.raw("</ul></details>");
    }

    // ---- the translator's page ---------------------------------------------------------------

    String translate(Project project, String lang, String leaflet, Server.Made english, Server.Made translated, String version, String uiParam) {
        String file = "translations/" + lang + ".yaml";
        String served = project.brokenBundleFor(lang).isPresent() ? file : project.languages().resolve(lang).bundle().file();
        Html h = start(ui.t("tr.title") + " — " + Ui.ownName(lang), version,
                "lang=" + Html.url(lang) + "&leaflet=" + Html.url(leaflet) + (uiParam.isEmpty() ? "" : "&ui=" + uiParam));
        h.raw("<h1>").text(ui.t("tr.title")).raw("</h1>");
        h.raw("<form class=\"pick\" action=\"/translate\" method=\"get\">");
        if (!uiParam.isEmpty()) {
            h.raw("<input type=\"hidden\" name=\"ui\" value=\"").text(uiParam).raw("\">");
        }
        h.raw("<div class=\"field\"><label for=\"tr-lang\">").text(ui.t("tr.language")).raw("</label><select id=\"tr-lang\" name=\"lang\">");
        for (String t : ui.sorted(project.languageTags())) {
            if (!t.equals("en")) {
                h.raw("<option value=\"").text(t).raw("\"").raw(t.equals(lang) ? " selected" : "").raw(">").text(Ui.ownName(t))
                        .text(" (" + ui.languageName(t) + ")").raw("</option>");
            }
        }
        h.raw("</select></div><div class=\"field\"><label for=\"tr-leaflet\">").text(ui.t("tr.leaflet"))
                .raw("</label><select id=\"tr-leaflet\" name=\"leaflet\">");
        for (String l : project.content().leafletIds()) {
            h.raw("<option value=\"").text(l).raw("\"").raw(l.equals(leaflet) ? " selected" : "").raw(">").text(server.leafletName(ui, l)).raw("</option>");
        }
        h.raw("</select></div><button type=\"submit\">").text(ui.t("tr.show")).raw("</button></form>");

        List<Problem> problems = project.problems().stream().filter(p -> p.file().equals(served) || p.file().equals(file))
                .filter(p -> p.concernsLeaflet(leaflet)).toList();
        long errors = problems.stream().filter(Problem::isError).count();
        h.raw("<p class=\"meta\" role=\"status\">").text(ui.t("tr.summary", "file", served, "errors", errors, "warnings", problems.size() - errors))
                .raw(" ").text(ui.t("tr.reload")).raw("</p>");
        if (translated.pdf().isEmpty() || english.pdf().isEmpty()) {
            h.raw("<div class=\"notice warn\" role=\"alert\"><h2>").text(ui.t("tr.cannot")).raw("</h2><p>").text(ui.t("tr.cannot.todo")).raw("</p>");
            problemList(h, problems.isEmpty() ? translated.problems() : problems.stream().filter(Problem::isError).toList());
            h.raw("</div>");
            statusTable(h, project);
            return end(h);
        }
        List<String> englishPages = pageTexts(english.pdf().get());
        List<String> pages = pageTexts(translated.pdf().get());
        Map<Integer, List<Problem>> byPage = new LinkedHashMap<>();
        List<Problem> elsewhere = new ArrayList<>();
        for (Problem p : problems) {
            int page = pageOf(project, lang, p.key(), pages, englishPages);
            if (page > 0) {
                byPage.computeIfAbsent(page, k -> new ArrayList<>()).add(p);
            } else {
                elsewhere.add(p);
            }
        }
        int count = Math.max(pages.size(), englishPages.size());
        for (int i = 1; i <= count; i++) {
            h.raw("<section class=\"pagepair\" aria-labelledby=\"page-").text(String.valueOf(i)).raw("\"><h2 id=\"page-").text(String.valueOf(i))
                    .raw("\">").text(ui.t("tr.page", "page", i, "count", count)).raw("</h2><div class=\"pair\">");
            figure(h, "en", leaflet, i, englishPages.size());
            figure(h, lang, leaflet, i, pages.size());
            h.raw("<aside aria-label=\"").text(ui.t("tr.onPage", "page", i)).raw("\"><h3>").text(ui.t("tr.onPage", "page", i)).raw("</h3>");
            List<Problem> here = byPage.getOrDefault(i, List.of());
            if (here.isEmpty()) {
                h.raw("<p class=\"ok\">").text(ui.t("tr.none")).raw("</p>");
            } else {
                problemList(h, here);
            }
            h.raw("</aside></div></section>");
        }
        if (!elsewhere.isEmpty()) {
            h.raw("<section aria-labelledby=\"elsewhere\"><h2 id=\"elsewhere\">").text(ui.t("tr.elsewhere")).raw("</h2>");
            problemList(h, elsewhere);
            h.raw("</section>");
        }
        statusTable(h, project);
        return end(h);
    }

    private void figure(Html h, String lang, String leaflet, int page, int pages) {
        h.raw("<figure><figcaption><span lang=\"").text(lang).raw("\" dir=\"auto\">").text(Ui.ownName(lang)).raw("</span></figcaption>");
        if (page <= pages) {
            h.raw("<img class=\"page\" alt=\"").text(ui.t("tr.pageAlt", "language", ui.languageName(lang), "page", page))
                    .raw("\" src=\"/page.png?lang=").text(Html.url(lang)).raw("&amp;leaflet=").text(Html.url(leaflet)).raw("&amp;page=")
                    .text(String.valueOf(page)).raw("&amp;draft=1\">");
        } else {
            h.raw("<p>").text(ui.t("tr.noSuchPage")).raw("</p>");
        }
        h.raw("</figure>");
    }

    private void problemList(Html h, List<Problem> problems) {
        h.raw("<ul class=\"problems\">");
        for (Problem p : problems) {
            h.raw("<li class=\"").raw(p.isError() ? "error" : "warning").raw("\"><span class=\"sev\">").text(ui.t(p.isError() ? "tr.error" : "tr.warning"))
                    .raw("</span> <code>").text(p.file() + (p.line() > 0 ? ":" + p.line() + (p.column() > 0 ? ":" + p.column() : "") : "")).raw("</code>");
            if (!p.key().isEmpty()) {
                h.raw(" <code class=\"key\">").text(p.key()).raw("</code>");
            }
            h.raw(" <span class=\"msg\">").text(p.message()).raw("</span>");
            if (!p.hint().isEmpty()) {
                h.raw(" <span class=\"hint\">").text(p.hint()).raw("</span>");
            }
            h.raw("</li>");
        }
        h.raw("</ul>");
    }

    private void statusTable(Html h, Project project) {
        List<String> leaflets = project.content().leafletIds();
        h.raw("<section><h2 id=\"status\">").text(ui.t("tr.status")).raw("</h2><div class=\"scroll\" tabindex=\"0\" "
                + "role=\"region\" aria-labelledby=\"status\"><table><thead><tr><th scope=\"col\">").text(ui.t("tr.language")).raw("</th>");
        for (String l : leaflets) {
            h.raw("<th scope=\"col\">").text(server.leafletName(ui, l)).raw("</th>");
        }
        h.raw("<th scope=\"col\">").text(ui.t("tr.review")).raw("</th></tr></thead><tbody>");
        Map<String, List<Translators.Cell>> rows = new LinkedHashMap<>();
        new Translators(server.workspace(), project).status().forEach(c -> rows.computeIfAbsent(c.language(), k -> new ArrayList<>()).add(c));
        rows.forEach((lang, cells) -> {
            h.raw("<tr><th scope=\"row\"><span lang=\"").text(lang).raw("\" dir=\"auto\">").text(Ui.ownName(lang)).raw("</span> <code>").text(lang).raw("</code></th>");
            for (Translators.Cell c : cells) {
                String state = c.missing() > 0 ? ui.t("tr.cell.missing", "count", c.missing())
                        : c.stale() > 0 ? ui.t("tr.cell.stale", "count", c.stale()) : ui.t("tr.cell.complete");
                h.raw("<td>").text(c.percent() + " % · " + state).raw("</td>");
            }
            h.raw("<td>").text(cells.get(0).review()).raw("</td></tr>");
        });
        h.raw("</tbody></table></div></section>");
    }

    /** The text of each page of a PDF, as PDFBox extracts it. */
    static List<String> pageTexts(Path pdf) {
        List<String> out = new ArrayList<>();
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper strip = new PDFTextStripper();
            for (int i = 1; i <= d.getNumberOfPages(); i++) {
                strip.setStartPage(i);
                strip.setEndPage(i);
                out.add(squeeze(strip.getText(d)));
            }
        } catch (IOException e) {
            // no texts: every problem is then listed as not on a page
        }
        return out;
    }

    /**
     * The page (1-based) a message is printed on, 0 when it cannot be found: the longest run of
     * plain words in its pattern (outside ICU arguments and markup), looked for in each page's
     * text with spaces, hyphens and line breaks left out, in the translation's pages, else in the
     * English pages (a message still missing is printed in English in a draft).
     */
    static int pageOf(Project project, String lang, String key, List<String> pages, List<String> englishPages) {
        if (key.isEmpty()) {
            return 0;
        }
        Optional<String> translation = project.languages().bundle(lang).flatMap(b -> b.message(key)).map(Message::pattern);
        Optional<String> source = Optional.ofNullable(project.content().texts().get(key)).map(Message::pattern);
        for (Optional<String> pattern : List.of(translation, source)) {
            if (pattern.isEmpty()) {
                continue;
            }
            String needle = needle(pattern.get());
            if (needle.length() < 4) {
                continue;
            }
            for (int i = 0; i < pages.size(); i++) {
                if (pages.get(i).contains(needle)) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    static String needle(String pattern) {
        String best = "";
        for (String run : pattern.split("[{}#*\\[\\]()<>|_`]+")) {
            String s = squeeze(run);
            if (s.length() > best.length() && !s.startsWith("http")) {
                best = s;
            }
        }
        return best.length() > 24 ? best.substring(0, 24) : best;
    }

    private static String squeeze(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("[\\s\\u00AD\\u2010\\u2011\\-\\u200B-\\u200D\\u2060]+", "");
    }

    // ---- what cannot be had ------------------------------------------------------------------

    String refusal(Server.Refusal r, String version) {
        String title = switch (r.status) {
            case 404 -> ui.t("error.title.notFound");
            case 409 -> ui.t("error.title.notReady");
            case 503 -> ui.t("error.title.broken");
            case 400 -> ui.t("error.title.choose");
            default -> ui.t("error.title.other");
        };
        // a page about broken files reloads itself once they are saved fixed
        Html h = start(title, r.status == 503 ? version : "", "");
        h.raw("<div class=\"notice warn\" role=\"alert\"><h1>").text(title).raw("</h1><p>").text(r.getMessage()).raw("</p>");
        if (!r.todo.isEmpty()) {
            h.raw("<p>").text(r.todo).raw("</p>");
        }
        details(h, r.details);
        h.raw("</div><p class=\"actions\"><a class=\"button primary\" href=\"").text(r.back).raw("\">").text(ui.t("error.back")).raw("</a></p>");
        return end(h);
    }

    /** A language's English name, for the search box (a receptionist may type "Arabic" on a Spanish page). */
    private static String englishName(String tag) {
        return com.ibm.icu.util.ULocale.forLanguageTag(tag).getDisplayName(com.ibm.icu.util.ULocale.ENGLISH);
    }
}
