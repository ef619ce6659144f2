package org.handout.workflow;

import com.ibm.icu.text.MessagePattern;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.content.Message;
import org.handout.i18n.Bundle;
import org.handout.i18n.BundleChecker;
import org.handout.i18n.Origin;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XLIFF 2.0 for the tools professional translators use. One {@code <unit>} per message, its id
 * the message key; the ICU syntax ({@code {page}}, {@code {n, plural, one {}, {@code #}) is kept
 * in {@code <originalData>} and shown as protected {@code <ph>} codes (canDelete="no"), so only
 * the words can be edited; the segment's {@code state} is the entry's review state; the entry's
 * note and the fingerprint of the English travel as unit notes. Importing checks each unit: one
 * exported from an older English is reported as stale and not imported, one whose target breaks
 * the ICU syntax, placeholders or plural categories is reported and not imported.
 */
public final class Xliff {
    static final String NS = "urn:oasis:names:tc:xliff:document:2.0";
    private static final String FINGERPRINT = "source-fingerprint";
    private static final String TRANSLATOR = "translator";
    private static final String ENGLISH_WAS = "english-was";
    /** The note that says which plural category a unit is. */
    private static final String PLURAL = "plural-category";

    private final Workspace workspace;
    private final Project project;

    public Xliff(Workspace workspace, Project project) {
        this.workspace = workspace;
        this.project = project;
    }

    /** The XLIFF 2.0 document for one bundle: every English message, with its translation where there is one. */
    public String export(Bundle bundle) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<xliff xmlns=\"").append(NS).append("\" version=\"2.0\" srcLang=\"en\" trgLang=\"")
                .append(escape(bundle.tag())).append("\">\n");
        b.append("  <file id=\"f1\" original=\"").append(escape(bundle.file())).append("\">\n");
        for (Message english : project.content().texts().values()) {
            Optional<Origin> origin = bundle.origin(english.key());
            String target = origin.map(Origin::text).orElse("");
            // a translation of an older English goes out as 'initial', with that English in a note:
            // the translator's tool shows it as needing work, and it comes back only once confirmed
            boolean stale = origin.isPresent() && !origin.get().source().equals(english.pattern());
            Origin.State state = stale ? Origin.State.INITIAL : origin.map(Origin::state).orElse(Origin.State.INITIAL);
            Optional<PluralUnits.Split> se = PluralUnits.split(english.pattern());
            Optional<PluralUnits.Split> st = target.isEmpty() ? Optional.empty() : PluralUnits.split(target);
            if (se.isPresent() && (target.isEmpty() || st.filter(x -> x.argument().equals(se.get().argument())).isPresent())) {
                // one unit per category the language has, each a whole sentence (see PluralUnits)
                for (String category : PluralUnits.categories(bundle.locale())) {
                    String arg = se.get().argument();
                    unit(b, english.key() + PluralUnits.SEPARATOR + category, english.pattern(),
                            PluralUnits.unit(arg, category, se.get().sentence(category)),
                            st.map(x -> PluralUnits.unit(arg, category, x.sentence(category))).orElse(""), origin, stale, state,
                            Optional.of("the '" + category + "' form of {" + arg + "} in " + bundle.tag() + ", for "
                                    + PluralUnits.examples(bundle.locale(), category) + "; the English here is its "
                                    + (se.get().branches().containsKey(category) ? "'" + category + "'" : "'other'") + " form"));
                }
                continue;
            }
            unit(b, english.key(), english.pattern(), english.pattern(), target, origin, stale, state, Optional.empty());
        }
        b.append("  </file>\n</xliff>\n");
        return b.toString();
    }

    /** One unit: its notes (the English's fingerprint first), its codes' original data, and one segment. */
    private static void unit(StringBuilder b, String id, String fingerprinted, String sourcePattern, String target, Optional<Origin> origin,
                             boolean stale, Origin.State state, Optional<String> extra) {
        b.append("    <unit id=\"").append(escape(id)).append("\">\n");
        b.append("      <notes>\n");
        b.append("        <note category=\"").append(FINGERPRINT).append("\">").append(Origin.fingerprint(fingerprinted))
                .append("</note>\n");
        origin.flatMap(Origin::note).ifPresent(n -> b.append("        <note category=\"").append(TRANSLATOR).append("\">")
                .append(escape(n)).append("</note>\n"));
        extra.ifPresent(n -> b.append("        <note category=\"").append(PLURAL).append("\">").append(escape(n)).append("</note>\n"));
        if (stale) {
            b.append("        <note category=\"").append(ENGLISH_WAS).append("\">").append(escape(origin.get().source()))
                    .append("</note>\n");
        }
        b.append("      </notes>\n");
        List<Piece> source = pieces(sourcePattern);
        List<Piece> targetPieces = target.isEmpty() ? List.of() : pieces(target);
        Map<String, String> data = new LinkedHashMap<>(); // code text -> data id
        for (Piece p : source) {
            if (p.code()) {
                data.putIfAbsent(p.text(), "d" + (data.size() + 1));
            }
        }
        for (Piece p : targetPieces) {
            if (p.code()) {
                data.putIfAbsent(p.text(), "d" + (data.size() + 1));
            }
        }
        if (!data.isEmpty()) {
            b.append("      <originalData>\n");
            data.forEach((code, ref) -> b.append("        <data id=\"").append(ref).append("\">").append(escape(code)).append("</data>\n"));
            b.append("      </originalData>\n");
        }
        b.append("      <segment state=\"").append(state.word()).append("\">\n");
        List<String[]> sourceIds = new ArrayList<>();
        java.util.Set<String> kept = new java.util.HashSet<>();
        targetPieces.stream().filter(Piece::code).forEach(x -> kept.add(x.text()));
        b.append("        <source>").append(inline(source, data, sourceIds, null, target.isEmpty() ? null : kept)).append("</source>\n");
        if (!target.isEmpty()) {
            b.append("        <target>").append(inline(targetPieces, data, new ArrayList<>(), sourceIds, kept)).append("</target>\n");
        }
        b.append("      </segment>\n");
        b.append("    </unit>\n");
    }

    /**
     * Text and protected codes: each code a {@code <ph>} that refers to its original ICU syntax
     * or markup. A code of the target takes the id of the same code in the source (XLIFF 2.0: a
     * target's codes correspond to the source's by id; {@code source} is null for the source itself,
     * whose ids go into {@code ids}); a code the target has and the source has not (a plural
     * category English lacks) gets one of its own. Only a placeholder and a markup tag must stay in
     * every translation ({@code canDelete="no"}), where the translation keeps it; plural frames and {@code #}
     * differ by language.
     */
    private static String inline(List<Piece> pieces, Map<String, String> data, List<String[]> ids, List<String[]> source,
                                 java.util.Set<String> kept) {
        StringBuilder b = new StringBuilder();
        java.util.Set<String> used = new java.util.HashSet<>();
        int own = 0;
        for (Piece p : pieces) {
            if (p.code()) {
                String id = null;
                if (source == null) {
                    id = "c" + (ids.size() + 1);
                    ids.add(new String[] {p.text(), id});
                } else {
                    for (String[] s : source) {
                        if (s[0].equals(p.text()) && used.add(s[1])) {
                            id = s[1];
                            break;
                        }
                    }
                    if (id == null) {
                        id = "t" + (++own);
                    }
                }
                // (a number's placeholder may become a plural in a language that needs one: required
                // only where the translation so far keeps it as it is)
                boolean frame = p.text().equals("}}") || p.text().matches("\\{[A-Za-z][A-Za-z0-9]*, plural, other \\{");
                boolean required = (isPlaceholder(p.text()) || org.handout.text.Markup.TAG.matcher(p.text()).matches() || frame)
                        && (kept == null || kept.contains(p.text()));
                b.append("<ph id=\"").append(id).append("\" dataRef=\"").append(data.get(p.text()))
                        .append("\" canCopy=\"no\"").append(required ? " canDelete=\"no\"" : "")
                        .append(" disp=\"").append(escape(p.text())).append("\"/>");
            } else {
                b.append(escape(p.text()));
            }
        }
        return b.toString();
    }

    /** Whether a code is a whole placeholder ({@code {date}}, {@code {n, number}}), which every translation keeps. */
    private static boolean isPlaceholder(String code) {
        if (!code.startsWith("{") || !code.endsWith("}")) {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0 && i < code.length() - 1) {
                return false;
            }
        }
        return !code.contains("plural") && !code.contains("select");
    }

    /** A stretch of a pattern: words a translator edits, or ICU syntax ({@code code}) that must stay. */
    record Piece(String text, boolean code) {
    }

    /** Splits an ICU pattern into words and syntax: arguments, the frames of plural and select branches, {@code #}. */
    static List<Piece> pieces(String pattern) {
        MessagePattern p = new MessagePattern(pattern);
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < p.countParts(); i++) {
            MessagePattern.Part part = p.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.REPLACE_NUMBER) {
                spans.add(new int[] {part.getIndex(), part.getLimit()});
            }
            if (part.getType() != MessagePattern.Part.Type.ARG_START) {
                continue;
            }
            int limit = p.getLimitPartIndex(i);
            MessagePattern.ArgType type = part.getArgType();
            if (type == MessagePattern.ArgType.NONE || type == MessagePattern.ArgType.SIMPLE) {
                spans.add(new int[] {part.getIndex(), p.getPart(limit).getLimit()});
                i = limit;
                continue;
            }
            // complex: "{n, plural, one {" ... "} other {" ... "}}": the frames are code, the branches words
            int from = part.getIndex();
            for (int j = i + 1; j < limit; j++) {
                MessagePattern.Part q = p.getPart(j);
                if (q.getType() == MessagePattern.Part.Type.MSG_START) {
                    spans.add(new int[] {from, q.getLimit()});
                    int end = p.getLimitPartIndex(j);
                    from = p.getPart(end).getIndex();
                    j = end;
                }
            }
            spans.add(new int[] {from, p.getPart(limit).getLimit()});
        }
        spans.sort((x, y) -> Integer.compare(x[0], y[0]));
        List<Piece> out = new ArrayList<>();
        int at = 0;
        for (int[] s : spans) {
            if (s[0] < at) {
                continue; // inside a code already taken
            }
            if (s[0] > at) {
                out.add(new Piece(pattern.substring(at, s[0]), false));
            }
            out.add(new Piece(pattern.substring(s[0], s[1]), true));
            at = s[1];
        }
        if (at < pattern.length()) {
            out.add(new Piece(pattern.substring(at), false));
        }
        // the inline markup (<b>, </b>, <link:nci>...) is code too: a translator moves it, never retypes it
        List<Piece> withTags = new ArrayList<>();
        for (Piece piece : out) {
            if (piece.code()) {
                withTags.add(piece);
                continue;
            }
            java.util.regex.Matcher m = org.handout.text.Markup.TAG.matcher(piece.text());
            int from = 0;
            while (m.find()) {
                if (m.start() > from) {
                    withTags.add(new Piece(piece.text().substring(from, m.start()), false));
                }
                withTags.add(new Piece(m.group(), true));
                from = m.end();
            }
            if (from < piece.text().length()) {
                withTags.add(new Piece(piece.text().substring(from), false));
            }
        }
        return withTags;
    }

    /** Writes the export of {@code tag} to {@code file}. */
    public void exportTo(Bundle bundle, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        BundleWriter.write(file.toAbsolutePath(), export(bundle));
    }

    /** What an import did. */
    public record Imported(String tag, List<String> updated, List<String> unchanged, List<String> stale, List<String> rejected) {
    }

    /**
     * Imports an XLIFF 2.0 file into the bundle its {@code trgLang} names. Units made from the
     * current English with a valid target replace their entries (text, state, note); stale and
     * invalid units are reported (as errors, with their place in the file) and leave the entry as
     * it was.
     */
    public Optional<Imported> importFrom(Path xlf, String shown, Problems problems) throws IOException {
        if (ImportRun.tooLarge(xlf, shown, "an XLIFF file", "export-xliff", problems)) {
            return Optional.empty();
        }
        Document doc;
        try {
            doc = parse(Files.readAllBytes(xlf));
        } catch (SAXParseException e) {
            problems.error(shown, e.getLineNumber(), e.getColumnNumber(), "", "not well-formed XML: " + e.getMessage());
            return Optional.empty();
        } catch (SAXException e) {
            problems.error(shown, 0, 0, "", "not readable XML: " + e.getMessage());
            return Optional.empty();
        }
        Element root = doc.getDocumentElement();
        if (!NS.equals(root.getNamespaceURI()) || !"xliff".equals(root.getLocalName()) || !"2.0".equals(root.getAttribute("version"))) {
            problems.error(shown, 0, 0, "", "not an XLIFF 2.0 file (expected <xliff version=\"2.0\" xmlns=\"" + NS + "\">)");
            return Optional.empty();
        }
        String tag = root.getAttribute("trgLang");
        if (!"en".equals(root.getAttribute("srcLang"))) {
            problems.error(shown, 0, 0, "", "the source language must be en, not '" + root.getAttribute("srcLang") + "'");
            return Optional.empty();
        }
        Optional<Bundle> bundle = project.languages().bundle(tag).filter(b -> !b.isSource());
        Path bundleFile = workspace.translations().resolve(tag + ".yaml");
        if (bundle.isEmpty() || !Files.isRegularFile(bundleFile)) {
            problems.add(Problem.error(shown, 0, 0, "", "no bundle for trgLang '" + tag + "' that loads")
                    .withHint("handout init " + tag + " starts one; handout check --lang " + tag + " says what is wrong with it"));
            return Optional.empty();
        }
        Map<String, Message> english = project.content().texts();
        Map<String, BundleWriter.Entry> entries = BundleWriter.entries(bundle.get(), english);
        ImportRun run = new ImportRun(tag, shown, bundle.get(), new BundleChecker(project.content()), problems, entries);
        List<String> rejected = run.rejected();
        List<String> stale = run.stale();
        NodeList units = doc.getElementsByTagNameNS(NS, "unit");
        // the category units of each plural message, put together after the loop: category, target, state, note, line
        Map<String, List<Object[]>> plurals = new LinkedHashMap<>();
        // a key given by two units: neither is imported, as neither can be said to be the translator's
        Map<String, Integer> seen = new java.util.HashMap<>();
        java.util.Set<String> twice = new java.util.HashSet<>();
        for (int u = 0; u < units.getLength(); u++) {
            String id = ((Element) units.item(u)).getAttribute("id");
            if (seen.merge(id, 1, Integer::sum) > 1) {
                twice.add(id);
            }
        }
        for (int u = 0; u < units.getLength(); u++) {
            Element unit = (Element) units.item(u);
            String key = unit.getAttribute("id");
            int line = lineOf(unit);
            if (twice.contains(key)) {
                problems.add(Problem.error(shown, line, 0, key, "this unit's id is used by " + seen.get(key) + " units in the file; none of them is imported")
                        .withHint("keep one unit per id (the translation tool's export should have one)"));
                rejected.add(key);
                continue;
            }
            // a plural's category unit: "overview.who.age:few"
            String pluralOf = null;
            String category = null;
            int sep = key.lastIndexOf(PluralUnits.SEPARATOR);
            if (sep > 0 && english.containsKey(key.substring(0, sep))
                    && PluralUnits.categories(bundle.get().locale()).contains(key.substring(sep + 1))) {
                pluralOf = key.substring(0, sep);
                category = key.substring(sep + 1);
            }
            Message now = english.get(pluralOf == null ? key : pluralOf);
            if (now == null) {
                problems.error(shown, line, 0, key, "unknown key: the English source has no such string; unit not imported");
                rejected.add(key);
                continue;
            }
            Map<String, String> data = new LinkedHashMap<>();
            NodeList ds = unit.getElementsByTagNameNS(NS, "data");
            for (int i = 0; i < ds.getLength(); i++) {
                Element d = (Element) ds.item(i);
                data.put(d.getAttribute("id"), d.getTextContent());
            }
            // a tool may split a unit into segments (and keep the spaces between them as <ignorable>): joined
            List<Element> parts = new ArrayList<>();
            for (Node n = unit.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && NS.equals(e.getNamespaceURI())
                        && (e.getLocalName().equals("segment") || e.getLocalName().equals("ignorable")) && first(e, "source") != null) {
                    parts.add(e);
                }
            }
            Element segment = parts.stream().filter(e -> e.getLocalName().equals("segment")).findFirst().orElse(null);
            if (segment == null) {
                problems.error(shown, line, 0, key, "the unit has no <segment><source>; unit not imported");
                rejected.add(key);
                continue;
            }
            Element sourceEl = first(segment, "source");
            Optional<String> source = joined(parts, "source", data, shown, key, problems)
                    .map(t -> "preserve".equals(spaceOf(sourceEl)) ? t : t.replaceAll("[ \\t\\r\\n]+", " ").strip());
            if (source.isEmpty()) {
                rejected.add(key);
                continue;
            }
            String cat = category;
            String expected = pluralOf == null ? now.pattern() : PluralUnits.split(now.pattern())
                    .map(se -> PluralUnits.unit(se.argument(), cat, se.sentence(cat))).orElse(now.pattern());
            if (!source.get().equals(expected)) {
                problems.add(Problem.error(shown, line, 0, key, "stale: this unit was exported from an older English; not imported")
                        .with("was", source.get()).with("now", now.pattern())
                        .withHint("export again (handout export-xliff --lang " + tag + ") and translate the new English"));
                stale.add(key);
                continue;
            }
            Element targetEl = first(segment, "target");
            Optional<String> target = targetEl == null ? Optional.of("") : joined(parts, "target", data, shown, key, problems)
                    .map(t -> "preserve".equals(spaceOf(targetEl)) ? t : t.replaceAll("[ \\t\\r\\n]+", " ").strip());
            if (target.isEmpty()) {
                rejected.add(key);
                continue;
            }
            if (target.get().length() > ImportLimits.MAX_ENTRY_CHARS
                    || notes(unit, TRANSLATOR).map(String::length).orElse(0) > ImportLimits.MAX_ENTRY_CHARS) {
                problems.add(Problem.error(shown, line, 0, key, "the target or its note is longer than " + ImportLimits.MAX_ENTRY_CHARS
                        + " characters; unit not imported").withHint("a leaflet's string is a sentence or a paragraph: check what the tool wrote"));
                rejected.add(key);
                continue;
            }
            // of several segments, the least advanced state is the unit's
            String stateWord = parts.stream().filter(e -> e.getLocalName().equals("segment")).map(e -> e.getAttribute("state"))
                    .min(java.util.Comparator.comparingInt(w -> w.isEmpty() ? 9 : Origin.State.of(w).map(Enum::ordinal).orElse(-1)))
                    .orElse("");
            if (pluralOf != null) {
                plurals.computeIfAbsent(pluralOf, k -> new ArrayList<>()).add(new Object[] {category, target.get(), stateWord,
                        notes(unit, TRANSLATOR), line});
                continue;
            }
            apply(run, key, line, now, target.get(), stateWord, notes(unit, TRANSLATOR));
        }
        plurals.forEach((key, forms) -> plural(run, key, english.get(key), forms));
        if (!run.toolReviewed().isEmpty()) {
            List<String> keys = run.toolReviewed();
            problems.add(Problem.warning(shown, 0, 0, "", keys.size() + " unit" + (keys.size() == 1 ? " is" : "s are")
                            + " reviewed or final in the translation tool, and recorded as translated: a review in the tool is not the "
                            + "bundle's review").with("units", String.join(", ", keys.subList(0, Math.min(10, keys.size())))
                            + (keys.size() > 10 ? " and " + (keys.size() - 10) + " more" : ""))
                    .withHint("the medical review is a reviewer's own edit of translations/" + tag + ".yaml (translation.status, "
                            + "or an entry's state: reviewed)"));
        }
        if (!run.updated().isEmpty()) {
            String header = BundleWriter.header(Files.readString(bundleFile, StandardCharsets.UTF_8)).orElseThrow();
            BundleWriter.write(bundleFile, BundleWriter.text(header, new ArrayList<>(entries.values())));
        }
        return Optional.of(run.imported());
    }

    /**
     * One unit's target (or a plural's units', put together) into its entry, if it passes: a
     * missing target keeps the translation, English copied is flagged, the state is the tool's,
     * a dropped note keeps the bundle's, and the target is checked as {@code check} would.
     */
    private static void apply(ImportRun r, String key, int line, Message now, String target, String stateWord, Optional<String> unitNote) {
        String tag = r.tag();
        String shown = r.shown();
        Problems problems = r.problems();
        Map<String, BundleWriter.Entry> entries = r.entries();
        List<String> unchanged = r.unchanged();
        List<String> rejected = r.rejected();
        BundleChecker checker = r.checker();
        Optional<Bundle> bundle = Optional.of(r.bundle());
        BundleWriter.Entry before = entries.get(key);
        if (target.isEmpty() && before != null && !before.text().isEmpty()) {
            // a tool that leaves a target out has not deleted the translation: the bundle keeps it
            problems.add(Problem.warning(shown, line, 0, key, "no target in the file: the bundle's translation is kept")
                    .withHint("translate the unit in your tool, or delete the entry's text in the bundle yourself if it is meant to go"));
            unchanged.add(key);
            return;
        }
        if (!target.isEmpty() && PluralUnits.isEnglish(target, now.pattern(), PluralUnits.categories(r.bundle().locale()))
                && !now.pattern().matches("[\\p{Lu}\\p{N} .-]+")
                && (before == null || !before.text().equals(target))) {
            // English copied into the target, whatever state the tool gives it, is no one's sign-off (a bundle
            // whose text is the English already hears so from check, not from every import: as in the PO import)
            problems.add(Problem.warning(shown, line, 0, key, "the target is the English; imported, and the check will say so until it is translated")
                    .withHint("a state of reviewed or final in a translation tool is the tool's, not a medical review"));
        }
        Optional<Origin.State> state = stateWord.isEmpty() ? Optional.of(target.isEmpty() ? Origin.State.INITIAL
                : Origin.State.TRANSLATED) : Origin.State.of(stateWord);
        if (state.isEmpty()) {
            problems.error(shown, line, 0, key, "segment state '" + stateWord + "' is not initial, translated, reviewed or final");
            rejected.add(key);
            return;
        }
        if (state.get().compareTo(Origin.State.TRANSLATED) > 0) {
            // a tool's reviewed or final is the tool's: the same text from the same English keeps the bundle's
            // state, anything else is translated (as in the PO import), and never the bundle's sign-off
            boolean same = before != null && before.source().equals(now.pattern()) && before.text().equals(target)
                    && before.state() != Origin.State.INITIAL;
            Origin.State kept = same ? before.state() : Origin.State.TRANSLATED;
            if (state.get().compareTo(kept) > 0) {
                r.toolReviewed().add(key);
            }
            state = Optional.of(kept);
        }
        // a tool that drops notes does not delete the bundle's
        Optional<String> note = unitNote.or(() -> before == null ? Optional.empty() : before.note());
        if (!target.isEmpty() && state.get() != Origin.State.INITIAL) {
            Problems p = checker.checkTranslation(bundle.get(), shown, line, now, target, state.get(), note);
            if (p.hasErrors()) {
                p.sorted().stream().filter(Problem::isError).forEach(x -> problems.add(x.withHint("fix the target in your tool and import again; unit not imported")));
                rejected.add(key);
                return;
            }
        }
        BundleWriter.Entry old = entries.get(key);
        if (old != null && state.get() == Origin.State.INITIAL && target.equals(old.text())) {
            unchanged.add(key); // sent out as needing work, back untouched: the entry stays as it was
            return;
        }
        r.record(key, new BundleWriter.Entry(key, now.pattern(), target, state.get(), note));
    }

    /**
     * A plural message's category units put together: every category the language has, each a
     * whole sentence, become one ICU plural of whole sentences (or stay the bundle's own pattern
     * where every sentence is as it was).
     */
    @SuppressWarnings("unchecked")
    private static void plural(ImportRun r, String key, Message now, List<Object[]> units) {
        int line = (Integer) units.get(0)[4];
        List<String> categories = PluralUnits.categories(r.bundle().locale());
        Map<String, String> sentences = new LinkedHashMap<>();
        String argument = null;
        String least = "";
        Optional<String> note = Optional.empty();
        boolean anyTarget = false;
        Map<String, String> targets = new java.util.HashMap<>();
        for (Object[] u : units) {
            targets.put((String) u[0], (String) u[1]);
            anyTarget |= !((String) u[1]).isEmpty();
            String state = (String) u[2];
            if (least.isEmpty() || (!state.isEmpty() && Origin.State.of(state).map(Enum::ordinal).orElse(-1)
                    < Origin.State.of(least).map(Enum::ordinal).orElse(-1))) {
                least = state;
            }
            note = note.or(() -> (Optional<String>) u[3]);
        }
        if (!anyTarget) {
            apply(r, key, line, now, "", least, note);
            return;
        }
        for (String c : categories) {
            String t = targets.get(c);
            if (t == null || t.isEmpty()) {
                r.problems().add(Problem.error(r.shown(), line, 0, key, "the '" + c + "' form has no unit or no target in the file; the message is not imported")
                        .withHint("translate every form of the message (" + String.join(", ", categories) + ") in your tool"));
                r.rejected().add(key);
                return;
            }
            Optional<String[]> parts = PluralUnits.unwrap(t);
            if (parts.isEmpty() || (argument != null && !argument.equals(parts.get()[0]))) {
                r.problems().add(Problem.error(r.shown(), line, 0, key, "the '" + c + "' unit's target lost the codes around its sentence; the message is not imported")
                        .withHint("keep the protected codes at the start and end of the target"));
                r.rejected().add(key);
                return;
            }
            argument = parts.get()[0];
            sentences.put(c, parts.get()[2]);
        }
        String full = PluralUnits.assemble(argument, sentences, Optional.ofNullable(r.entries().get(key)).map(BundleWriter.Entry::text));
        apply(r, key, line, now, full, least, note);
    }

    /** The {@code xml:space} in force on an element: its own, or its nearest ancestor's. */
    private static String spaceOf(Element e) {
        for (org.w3c.dom.Node n = e; n instanceof Element x; n = n.getParentNode()) {
            String v = x.getAttributeNS("http://www.w3.org/XML/1998/namespace", "space");
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "default";
    }

    /** The pattern a source or target stands for: its text, each {@code <ph>} replaced by its original data. */
    /** The {@code source} or {@code target} of every segment and ignorable of a unit, in order (an ignorable without a target gives its source). */
    private static Optional<String> joined(List<Element> parts, String which, Map<String, String> data, String shown, String key,
                                           Problems problems) {
        StringBuilder b = new StringBuilder();
        for (Element part : parts) {
            Element el = first(part, which);
            if (el == null) {
                el = part.getLocalName().equals("ignorable") ? first(part, "source") : null;
            }
            if (el == null) {
                continue;
            }
            Optional<String> t = text(el, data, shown, key, problems);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            b.append(t.get());
        }
        return Optional.of(b.toString());
    }

    private static Optional<String> text(Element el, Map<String, String> data, String shown, String key, Problems problems) {
        StringBuilder b = new StringBuilder();
        for (Node n = el.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                b.append(n.getNodeValue());
            } else if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && e.getLocalName().equals("ph")) {
                String code = data.get(e.getAttribute("dataRef"));
                if (code == null) {
                    problems.error(shown, lineOf(e), 0, key, "<ph> refers to data '" + e.getAttribute("dataRef")
                            + "', which the unit does not have; unit not imported");
                    return Optional.empty();
                }
                b.append(code);
            } else if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && (e.getLocalName().equals("mrk") || e.getLocalName().equals("pc"))) {
                // a tool's annotation (a comment, a term) or a paired code around words: the words are kept
                Optional<String> inner = text(e, data, shown, key, problems);
                if (inner.isEmpty()) {
                    return Optional.empty();
                }
                problems.add(Problem.warning(shown, lineOf(e), 0, key, "<" + e.getLocalName() + "> from the translation tool: its words are kept, the markup is dropped"));
                b.append(inner.get());
            } else if (n instanceof Element e) {
                problems.error(shown, lineOf(e), 0, key, "<" + e.getLocalName() + "> is not supported inside a segment (only text, <ph>, <mrk> and <pc>); unit not imported");
                return Optional.empty();
            }
        }
        return Optional.of(b.toString());
    }

    private static Optional<String> notes(Element unit, String category) {
        NodeList ns = unit.getElementsByTagNameNS(NS, "note");
        for (int i = 0; i < ns.getLength(); i++) {
            Element n = (Element) ns.item(i);
            if (category.equals(n.getAttribute("category")) && !n.getTextContent().isBlank()) {
                return Optional.of(n.getTextContent());
            }
        }
        return Optional.empty();
    }

    private static Element first(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && e.getLocalName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static final String LINE = "handout.line";

    private static int lineOf(Node n) {
        Object line = n.getUserData(LINE);
        return line instanceof Integer i ? i : 0;
    }

    /** Parses without DTDs or external entities (an XLIFF file is data from outside), recording element lines. */
    private static Document parse(byte[] bytes) throws SAXException, IOException {
        try {
            javax.xml.parsers.SAXParserFactory spf = javax.xml.parsers.SAXParserFactory.newInstance();
            spf.setNamespaceAware(true);
            spf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            spf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            DocumentBuilder db = dbf.newDocumentBuilder();
            Document doc = db.newDocument();
            LineRecorder handler = new LineRecorder(doc);
            spf.newSAXParser().parse(new ByteArrayInputStream(bytes), handler);
            return doc;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        }
    }

    /** Builds a DOM from SAX events, noting on each element the line it starts on. */
    private static final class LineRecorder extends org.xml.sax.helpers.DefaultHandler {
        private final Document doc;
        private final java.util.ArrayDeque<Node> open = new java.util.ArrayDeque<>();
        private org.xml.sax.Locator locator;
        private final StringBuilder text = new StringBuilder();

        LineRecorder(Document doc) {
            this.doc = doc;
            open.push(doc);
        }

        @Override
        public void setDocumentLocator(org.xml.sax.Locator l) {
            this.locator = l;
        }

        private void flush() {
            if (!text.isEmpty()) {
                open.peek().appendChild(doc.createTextNode(text.toString()));
                text.setLength(0);
            }
        }

        @Override
        public void startElement(String uri, String local, String qName, org.xml.sax.Attributes atts) {
            flush();
            Element e = doc.createElementNS(uri.isEmpty() ? null : uri, qName);
            for (int i = 0; i < atts.getLength(); i++) {
                if (atts.getQName(i).startsWith("xmlns")) {
                    continue;
                }
                if (!atts.getURI(i).isEmpty()) {
                    // xml:space and a tool's own namespaced attributes keep their namespace
                    e.setAttributeNS(atts.getURI(i), atts.getQName(i), atts.getValue(i));
                } else {
                    e.setAttribute(atts.getLocalName(i).isEmpty() ? atts.getQName(i) : atts.getLocalName(i), atts.getValue(i));
                }
            }
            e.setUserData(LINE, locator == null ? 0 : locator.getLineNumber(), null);
            open.peek().appendChild(e);
            open.push(e);
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            flush();
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot hold are written as U+FFFD. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }
}
