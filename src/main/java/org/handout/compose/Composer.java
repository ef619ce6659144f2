package org.handout.compose;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.handout.content.Content;
import org.handout.content.DataValue;
import org.handout.content.LeafletSource;
import org.handout.content.Message;
import org.handout.content.Section;
import org.handout.content.SourceBlock;
import org.handout.doc.Block;
import org.handout.doc.Footer;
import org.handout.doc.Inline;
import org.handout.doc.Leaflet;
import org.handout.doc.Text;
import org.handout.i18n.Bundle;
import org.handout.i18n.Localizer;
import org.handout.i18n.Translation;
import org.handout.report.Problems;

/**
 * Turns a leaflet's English source and a language's bundle into a composed {@link Leaflet}: every
 * message formatted with ICU4J, data formatted per locale (numbers, plurals, lists, dates), and
 * every resulting string checked against the language's fonts. Problems are collected, never thrown;
 * the result is empty when any error was found.
 */
public final class Composer {
    private final Content content;
    private final Localizer loc;
    private final Coverage coverage;
    private final String lang;
    private final Problems problems;
    private final Optional<org.handout.clinic.Clinic> clinic;
    /** The damaged font files found so far, each with its first bad character: reported once per leaflet, the same in each. */
    private final Map<String, Coverage.Damage> damaged = new java.util.TreeMap<>();
    /** The characters whose glyphs have been checked: a leaflet uses a few hundred, thousands of times. */
    private final java.util.BitSet checked = new java.util.BitSet();

    private Composer(Content content, Localizer loc, Coverage coverage, String lang, Problems problems,
                     Optional<org.handout.clinic.Clinic> clinic) {
        this.content = content;
        this.loc = loc;
        this.coverage = coverage;
        this.lang = lang;
        this.problems = problems;
        this.clinic = clinic;
    }

    /** Composes {@code source} in the localizer's language, tagged {@code lang}. */
    public static Optional<Leaflet> compose(LeafletSource source, Content content, Localizer loc, Coverage coverage,
                                            String lang, Problems problems) {
        return compose(source, content, loc, coverage, lang, problems, Optional.empty());
    }

    /**
     * Composes {@code source} for a clinic's edition: the clinic's card first on the contact sheet,
     * its name and main number in every footer, its logo on the first page.
     */
    public static Optional<Leaflet> compose(LeafletSource source, Content content, Localizer loc, Coverage coverage,
                                            String lang, Problems problems, Optional<org.handout.clinic.Clinic> clinic) {
        return new Composer(content, loc, coverage, lang, problems, clinic).compose(source);
    }

    /** The leaflet being composed, and its web addresses by data name. */
    private LeafletSource current;
    private Map<String, String> links = Map.of();

    private Optional<Leaflet> compose(LeafletSource src) {
        int before = problems.errorCount();
        current = src;
        Map<String, String> addresses = new HashMap<>();
        src.data().forEach((k, v) -> {
            if (v instanceof DataValue.Link x) {
                addresses.put(k, x.url());
            }
        });
        links = addresses;
        coverage.unreadable().forEach(d -> damaged.putIfAbsent(d.file(), d));
        Map<String, Object> args = arguments(src);
        String title = text(src.title(), args);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Heading(1, Text.plain(org.handout.text.Markup.plain(title))));
        for (Section s : src.sections()) {
            blocks.add(new Block.Heading(2, rich(s.heading(), args)));
            s.blocks().forEach(b -> blocks.addAll(blocks(b, args)));
        }
        Footer footer = footer(src);
        damaged.values().forEach(this::reportDamage);
        if (problems.errorCount() > before) {
            return Optional.empty();
        }
        Optional<Leaflet.Logo> logo = clinic.flatMap(org.handout.clinic.Clinic::logo)
                .map(l -> new Leaflet.Logo(l.bytes(), l.width(), l.height(), l.alt()));
        return Optional.of(new Leaflet(src.id(), lang, loc.isRightToLeft(), title, blocks, footer, src.revised(),
                (src.topic().isEmpty() ? "" : src.topic() + "; ") + src.id() + "; " + lang, Optional.empty(), logo));
    }

    /** Data formatted for this language: numbers stay numbers (ICU formats and pluralises them), term lists are joined. */
    private Map<String, Object> arguments(LeafletSource src) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (var e : src.data().entrySet()) {
            switch (e.getValue()) {
                case DataValue.Number n -> args.put(e.getKey(), n.value());
                case DataValue.Terms t -> {
                    List<String> items = new ArrayList<>();
                    for (String id : t.termIds()) {
                        items.add(text(src.terms().get(id), Map.of()));
                    }
                    args.put(e.getKey(), loc.list(items, t.join()));
                }
                case DataValue.Phone p -> args.put(e.getKey(), org.handout.text.Markup.PHONE_START + p.number() + org.handout.text.Markup.PHONE_END);
                case DataValue.Link k -> args.put(e.getKey(), k.url());
            }
        }
        return args;
    }

    private Block block(SourceBlock block, Map<String, Object> args) {
        return switch (block) {
            case SourceBlock.Heading h -> new Block.Heading(h.level(), rich(h.text(), args));
            case SourceBlock.Paragraph p -> new Block.Paragraph(rich(p.text(), args));
            case SourceBlock.ListBlock l -> {
                List<Block.Item> items = new ArrayList<>();
                for (int i = 0; i < l.items().size(); i++) {
                    SourceBlock.Item item = l.items().get(i);
                    String label = l.numbered() ? loc.number(i + 1) + "." : "\u2022";
                    items.add(new Block.Item(label, rich(item.text(), args),
                            item.blocks().stream().flatMap(b -> blocks(b, args).stream()).toList()));
                }
                yield new Block.ListBlock(l.numbered(), items);
            }
            case SourceBlock.Table t -> {
                List<Block.Column> columns = t.columns().stream()
                        .map(c -> new Block.Column(Text.strong(text(c.header(), args)), c.weight())).toList();
                List<List<List<Block>>> rows = new ArrayList<>();
                for (SourceBlock.Row r : t.rows()) {
                    Map<String, Object> rowArgs = new HashMap<>(args);
                    rowArgs.putAll(r.data());
                    List<List<Block>> cells = new ArrayList<>();
                    for (int i = 0; i < r.cells().size(); i++) {
                        boolean head = t.rowHeaders() && i == 0;
                        cells.add(switch (r.cells().get(i)) {
                            case SourceBlock.Cell.Text x -> List.of(new Block.Paragraph(head ? strongAll(rich(x.text(), rowArgs)) : rich(x.text(), rowArgs)));
                            case SourceBlock.Cell.Items x -> List.of(new Block.ListBlock(false, x.items().stream()
                                    .map(it -> new Block.Item("\u2022", rich(it.text(), rowArgs), List.of())).toList()));
                        });
                    }
                    rows.add(cells);
                }
                yield new Block.Table(columns, t.rowHeaders(), rows);
            }
            case SourceBlock.Callout c -> new Block.Callout(Block.Callout.Kind.valueOf(c.kind().name()), Text.strong(text(c.title(), args)),
                    c.blocks().stream().flatMap(b -> blocks(b, args).stream()).toList());
            case SourceBlock.Definitions d -> new Block.Definitions(d.items().stream()
                    .map(x -> new Block.Definition(strongAll(rich(x.term(), args)), rich(x.meaning(), args))).toList());
            case SourceBlock.Checklist c -> new Block.Checklist(c.items().stream().map(x -> rich(x.text(), args)).toList(), c.lines());
            case SourceBlock.Figure f -> new Block.Figure(f.image().bytes(), f.image().width(), f.image().height(), f.width(),
                    text(f.alt(), args), f.caption().map(m -> rich(m, args)));
            case SourceBlock.Qr q -> new Block.Qr(q.url(), q.caption().map(m -> rich(m, args)));
            case SourceBlock.Cards c -> throw new IllegalStateException("cards are expanded by the caller");
        };
    }

    private List<Block> blocks(SourceBlock block, Map<String, Object> args) {
        if (block instanceof SourceBlock.Cards c) {
            List<Block> cards = new ArrayList<>();
            // a clinic's own card comes first on the sheet of organisations
            if (c.id().equals(CLINIC_CARDS)) {
                clinic.ifPresent(k -> cards.add(clinicCard(k)));
            }
            c.cards().forEach(card -> cards.add(card(card)));
            return cards;
        }
        return List.of(block(block, args));
    }

    /** The cards block a clinic's own card is put in front of. */
    private static final String CLINIC_CARDS = "cards";

    /** A text made all strong (a row header, a term), its runs kept apart. */
    private static Text strongAll(Text t) {
        return new Text(t.parts().stream().map(p -> p instanceof Inline.Plain x ? (Inline) new Inline.Strong(x.text()) : p).toList());
    }

    private Block.Card card(SourceBlock.Card c) {
        Text name = new Text(List.of(foreign(c.name())));
        Text about = c.about().map(m -> rich(m, Map.of())).orElse(Text.plain(""));
        List<Text> lines = new ArrayList<>(c.lines().stream().map(a -> new Text(List.of(foreign(a)))).toList());
        c.link().map(l -> ((org.handout.content.DataValue.Link) current.data().get(l)).url())
                .ifPresent(url -> lines.add(new Text(List.of(new Inline.Link(url.replaceFirst("^https?://", "").replaceFirst("/$", ""), url)))));
        List<Text> phones = new ArrayList<>();
        for (SourceBlock.Phone p : c.phones()) {
            String label = text(common("phone-" + p.kind()), Map.of());
            check(p.number());
            phones.add(new Text(List.of(new Inline.Strong(label), new Inline.Plain(endsWide(label) ? "" : " "),
                    new Inline.Phone(p.number().text()))));
        }
        return new Block.Card(name, about, lines, phones);
    }

    /** A message formatted and read for its inline markup; a markup error is the message's problem. */
    private Text rich(Message source, Map<String, Object> args) {
        String s = text(source, args);
        if (!org.handout.text.Markup.has(s)) {
            return Text.plain(s);
        }
        var parsed = org.handout.text.Markup.parse(s, links);
        parsed.error().ifPresent(why -> {
            Message at = loc.message(source.key()).orElse(source);
            problems.add(org.handout.report.Problem.error(at.file(), at.line(), at.column(), at.key(), "markup: " + why)
                    .withHint("docs/authoring.md lists the markup: <b>...</b>, <i>...</i>, <link:name>...</link>, <lang:tag>...</lang>"));
        });
        return new Text(parsed.parts());
    }

    /** Text in the clinic profile's language, marked so where it is not the leaflet's. */
    private Inline clinicText(String text, boolean translated, org.handout.clinic.Clinic k) {
        check(text, k.file(), 0, 0, "clinic");
        return translated ? new Inline.Plain(text) : new Inline.Foreign(text, k.language());
    }

    /** The clinic's own card: its name, hours (ICU4J, in the leaflet's language), address, website and numbers. */
    private Block.Card clinicCard(org.handout.clinic.Clinic k) {
        var name = k.name(lang);
        Text title = new Text(List.of(clinicText(name.value(), name.translated(), k)));
        Text about = k.hours(loc.locale(), lang).map(h -> {
            check(h, k.file(), 0, 0, "clinic.hours");
            return Text.plain(h);
        }).orElse(Text.plain(""));
        var address = k.address(lang);
        List<Text> lines = new ArrayList<>();
        address.value().forEach(a -> lines.add(new Text(List.of(clinicText(a, address.translated(), k)))));
        k.website().ifPresent(w -> lines.add(new Text(List.of(new Inline.Foreign(w, "zxx")))));
        List<Text> phones = new ArrayList<>();
        for (org.handout.clinic.Clinic.Phone p : k.phones()) {
            String label = text(common("phone-" + p.kind()), Map.of());
            phones.add(new Text(List.of(new Inline.Strong(label), new Inline.Plain(endsWide(label) ? "" : " "),
                    new Inline.Phone(p.number()))));
        }
        return new Block.Card(title, about, lines, phones);
    }

    /** A label ending in full-width punctuation such as "）" or "：" already carries its own space. */
    private static boolean endsWide(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int last = s.codePointBefore(s.length());
        int width = UCharacter.getIntPropertyValue(last, UProperty.EAST_ASIAN_WIDTH);
        boolean wide = width == UCharacter.EastAsianWidth.FULLWIDTH || width == UCharacter.EastAsianWidth.WIDE;
        int type = UCharacter.getType(last);
        boolean punctuation = type == UCharacter.END_PUNCTUATION || type == UCharacter.OTHER_PUNCTUATION
                || type == UCharacter.FINAL_PUNCTUATION;
        return wide && punctuation;
    }

    /** Names and addresses are English data: inside another language they are a foreign span. */
    private Inline foreign(SourceBlock.Datum d) {
        check(d);
        return lang.equals(Bundle.SOURCE_TAG) ? new Inline.Plain(d.text()) : new Inline.Foreign(d.text(), Bundle.SOURCE_TAG);
    }

    private Footer footer(LeafletSource src) {
        List<Text> notes = new ArrayList<>();
        notes.add(Text.plain(text(common("disclaimer"), Map.of())));
        notes.add(Text.plain(text(common("revised"), Map.of("date", loc.date(src.revised())))));
        Optional<Text> warning = Optional.empty();
        Optional<Translation> tr = loc.bundle().translation();
        if (tr.isPresent()) {
            notes.add(Text.plain(text(common("translated-from"), Map.of("edition", loc.date(tr.get().edition())))));
            if (tr.get().isDraft()) {
                warning = Optional.of(Text.strong(text(common("draft"), Map.of())));
            } else {
                notes.add(Text.plain(text(common("reviewed"), Map.of("reviewer", tr.get().reviewer().orElseThrow(),
                        "reviewed", loc.date(tr.get().reviewed().orElseThrow())))));
            }
        }
        Message page = common("page");
        text(page, Map.of("page", 1, "pages", 1));
        clinic.ifPresent(k -> {
            var name = k.name(lang);
            List<Inline> parts = new ArrayList<>();
            parts.add(clinicText(name.value(), name.translated(), k));
            k.phones().stream().findFirst().ifPresent(p -> {
                parts.add(new Inline.Plain(" · "));
                parts.add(new Inline.Phone(p.number()));
            });
            notes.add(0, new Text(parts));
        });
        return new Footer(notes, warning, new PageLabelFormat(loc, page.key()));
    }

    private Message common(String id) {
        return content.common().stream().filter(m -> m.key().equals("common." + id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("content/common.yaml has no string '" + id + "'"));
    }

    /** Formats the message for a source string in this language and checks its glyphs. */
    private String text(Message source, Map<String, Object> args) {
        Optional<String> s = loc.format(source.key(), args, problems);
        if (s.isEmpty()) {
            return "";
        }
        Message at = loc.message(source.key()).orElse(source);
        // what is drawn: the markup's tags and a phone number's marks are not
        check(org.handout.text.Markup.plain(s.get()), at.file(), at.line(), at.column(), at.key());
        return s.get();
    }

    /** Names, addresses and numbers are data in the English source: a glyph problem points there. */
    private void check(SourceBlock.Datum d) {
        check(d.text(), d.file(), d.line(), d.column(), "");
    }

    private void check(String s, String file, int line, int column, String key) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            Optional<String> why = org.handout.layout.Shaping.refusal(cp);
            if (why.isPresent()) {
                problems.error(file, line, column, key, String.format(java.util.Locale.ROOT, "character U+%04X %s (%s) cannot be set correctly: %s",
                        cp, UCharacter.getName(cp), new String(Character.toChars(cp)), why.get()));
                break;
            }
        }
        OptionalInt missing = coverage.firstMissing(s);
        if (missing.isPresent()) {
            int cp = missing.getAsInt();
            problems.error(file, line, column, key, String.format(java.util.Locale.ROOT, "character U+%04X %s (%s) is in none of the fonts for %s (%s)",
                    cp, UCharacter.getName(cp), new String(Character.toChars(cp)), lang, String.join(", ", coverage.fontFiles())));
        }
        StringBuilder fresh = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!checked.get(cp)) {
                checked.set(cp);
                fresh = (fresh == null ? new StringBuilder() : fresh).appendCodePoint(cp);
            }
        }
        if (fresh != null) {
            coverage.damaged(fresh.toString()).forEach(d -> damaged.putIfAbsent(d.file(), d));
        }
    }

    /** A damaged font is the font file's problem, not the string's: it is named once, at the file. */
    private void reportDamage(Coverage.Damage d) {
        problems.add(org.handout.report.Problem.error(d.file(), 0, 0, "", d.message())
                .withHint("the leaflets of every language that uses this font are held back; get the font again (fonts/README.md says where each comes from)"));
    }

    /** "Page X of Y" in this language, formatted on demand by layout. */
    private record PageLabelFormat(Localizer loc, String key) implements org.handout.doc.PageLabels {
        @Override
        public String label(int page, int pages) {
            return loc.format(key, Map.of("page", page, "pages", pages), new Problems()).orElse(page + " / " + pages);
        }
    }
}
