package org.handout.workflow;

import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.content.Message;
import org.handout.i18n.Bundle;
import org.handout.i18n.BundleChecker;
import org.handout.i18n.Languages;
import org.handout.i18n.Origin;
import org.handout.report.Problem;
import org.handout.report.Problems;

/**
 * gettext PO files, the format Weblate, Pontoon, Crowdin, Transifex and Poedit read. One entry per
 * message: {@code msgctxt} the key, {@code msgid} the English, {@code msgstr} the translation
 * (empty while there is none); the entry's note as translator comments ({@code # }); the
 * fingerprint of the English and the entry's state as an extracted comment ({@code #. handout:});
 * where the English is written as a reference ({@code #: content/overview.yaml:17}); {@code fuzzy}
 * (with the English it was made from as the previous msgid, {@code #|}) for a translation of an
 * older English and for a skeleton or draft not translated yet; {@code icu-message-format} on every
 * entry, the flag Weblate's ICU MessageFormat check runs on (every msgid and msgstr is an ICU
 * pattern: a {@code {} or {@code '} typed into a plain sentence is syntax too).
 *
 * <p>Plurals: a message with one plural in it goes out as one entry per CLDR category of the
 * language ({@code msgctxt "overview.who.age:few"}), each a whole sentence with the English
 * sentence of that category as its msgid, exactly as the XLIFF export cuts it ({@link PluralUnits});
 * the import puts the forms back together as one ICU plural. Not gettext's {@code msgid_plural}:
 * its forms are numbered by the {@code Plural-Forms} formula and count whole numbers only, so
 * Russian's CLDR {@code other} (fractions) has no form, and a platform whose formula differs puts a
 * form in the wrong category without a word; a category in the msgctxt cannot be misread. A
 * message that cannot be cut into whole sentences (two plurals, a select, an {@code =0} branch, a
 * translation built differently from the English) stays one entry of ICU MessageFormat, with an
 * extracted comment naming the categories the language needs. The header's {@code Plural-Forms}
 * is for information ({@link PluralForms}).
 *
 * <p>Importing checks each entry as the XLIFF import does ({@link Xliff}), and loses no work: an
 * unknown key, an entry made from an older English (its msgid is not the English now) and one
 * whose msgstr fails {@link BundleChecker#checkOne} are reported and not imported; a fuzzy entry
 * is not imported as translated; an empty msgstr leaves the bundle's translation as it was; two
 * entries with one msgctxt are neither imported; a tool that drops the comments does not delete
 * the bundle's note; English copied into a msgstr is flagged.
 */
public final class Po {
    /** The flag of an entry in ICU MessageFormat, as Weblate names it. */
    public static final String ICU_FLAG = "icu-message-format";
    static final String FUZZY = "fuzzy";
    /** The start of handout's own extracted comments. */
    static final String MARK = "handout: ";

    private final Workspace workspace;
    private final Project project;

    public Po(Workspace workspace, Project project) {
        this.workspace = workspace;
        this.project = project;
    }

    // ---- export ---------------------------------------------------------------------------------

    /** The PO file of one bundle: a header, then every English message with its translation where there is one. */
    public String export(Bundle bundle) {
        String tag = bundle.tag();
        ULocale locale = bundle.locale();
        LocalDate english = new Translators(workspace, project).edition();
        LocalDate translated = bundle.translation().map(org.handout.i18n.Translation::edition).orElse(english);
        List<String> cardinal = PluralForms.categories(locale, false);
        String language = locale.getDisplayName(ULocale.ENGLISH);
        StringBuilder b = new StringBuilder();
        comment(b, "# ", language + " (" + tag + ") translation of the handout leaflets, exported from " + bundle.file() + ".\n"
                + "msgctxt is the key, msgid the English, msgstr the translation, each an ICU MessageFormat pattern.\n"
                + "Keep every {placeholder} as it is. A sentence with a number that changes its words comes once per\n"
                + "plural category " + tag + " has (" + String.join(", ", cardinal) + "), as msgctxt key:category; # is the number.\n"
                + "Plural-Forms below is for information: no entry uses msgid_plural.\n"
                + "Import with: handout import-po " + tag + ".po");
        b.append("msgid \"\"\nmsgstr \"\"\n");
        Map<String, String> header = new LinkedHashMap<>();
        header.put("Project-Id-Version", "handout leaflets " + english);
        header.put("POT-Creation-Date", english + " 00:00+0000");
        header.put("PO-Revision-Date", translated + " 00:00+0000");
        header.put("Last-Translator", "");
        header.put("Language-Team", language);
        header.put("Language", tag.replace('-', '_'));
        header.put("MIME-Version", "1.0");
        header.put("Content-Type", "text/plain; charset=UTF-8");
        header.put("Content-Transfer-Encoding", "8bit");
        PluralForms.of(locale).ifPresent(f -> header.put("Plural-Forms", f.value()));
        header.put("X-Generator", "handout");
        header.forEach((k, v) -> b.append(quote(k + ": " + v + "\n")).append('\n'));
        for (Message m : project.content().texts().values()) {
            Optional<Origin> origin = bundle.origin(m.key());
            String text = origin.map(Origin::text).orElse("");
            boolean stale = origin.isPresent() && !origin.get().source().equals(m.pattern());
            boolean initial = origin.isEmpty() || origin.get().state() == Origin.State.INITIAL;
            // a translation of an older English, or a skeleton or draft not yet translated: there, but needing work
            boolean fuzzy = !text.isEmpty() && (stale || initial);
            Optional<PluralUnits.Split> se = PluralUnits.split(m.pattern());
            Optional<PluralUnits.Split> st = text.isEmpty() ? Optional.empty() : PluralUnits.split(text);
            if (se.isPresent() && (text.isEmpty() || st.filter(x -> x.argument().equals(se.get().argument())).isPresent())) {
                // one entry per category the language has, each a whole sentence (see PluralUnits)
                String arg = se.get().argument();
                Optional<PluralUnits.Split> was = origin.flatMap(o -> PluralUnits.split(o.source())).filter(x -> x.argument().equals(arg));
                for (String category : PluralUnits.categories(locale)) {
                    String form = "the '" + category + "' form of {" + arg + "} in " + tag + ", for "
                            + PluralUnits.examples(locale, category) + " (# is the number); the English here is its "
                            + (se.get().branches().containsKey(category) ? "'" + category + "'" : "'other'") + " form";
                    String previous = was.map(x -> x.sentence(category)).orElse(origin.map(Origin::source).orElse(""));
                    entry(b, m, origin, m.key() + PluralUnits.SEPARATOR + category, se.get().sentence(category),
                            st.map(x -> x.sentence(category)).orElse(""), previous, stale, fuzzy, tag, Optional.of(form), locale);
                }
                continue;
            }
            entry(b, m, origin, m.key(), m.pattern(), text, origin.map(Origin::source).orElse(""), stale, fuzzy, tag, Optional.empty(), locale);
        }
        return b.toString();
    }

    /**
     * One entry: the bundle's note, handout's notes (fingerprint and state, why it is fuzzy, a
     * plural form's category), where the English is, the flags, the previous msgid of a stale one,
     * and msgctxt, msgid, msgstr.
     */
    private static void entry(StringBuilder b, Message m, Optional<Origin> origin, String context, String english, String text,
                              String previous, boolean stale, boolean fuzzy, String tag, Optional<String> form, ULocale locale) {
        b.append('\n');
        origin.flatMap(Origin::note).ifPresent(n -> comment(b, "# ", n));
        b.append("#. ").append(MARK).append("fingerprint ").append(Origin.fingerprint(m.pattern())).append(" state ")
                .append(origin.map(o -> o.state().word()).orElse(Origin.State.INITIAL.word())).append('\n');
        if (stale && !text.isEmpty()) {
            comment(b, "#. ", MARK + "out of date: translated from an older English (the previous msgid); "
                    + "check it against the English now, then clear fuzzy");
        } else if (fuzzy) {
            comment(b, "#. ", MARK + "not translated yet: msgstr is a start (a draft, or the English); translate it, then clear fuzzy");
        }
        form.ifPresent(f -> comment(b, "#. ", MARK + f));
        for (boolean ordinal : new boolean[] {false, true}) {
            if (hasPlural(english, ordinal) || hasPlural(text, ordinal)) {
                comment(b, "#. ", (ordinal ? "Ordinal plural (selectordinal)" : "Plural") + ": " + tag + " needs exactly these categories: "
                        + String.join(", ", PluralForms.categories(locale, ordinal)) + (ordinal ? "" : "; # is the number"));
            }
        }
        b.append("#: ").append(m.file()).append(':').append(m.line()).append('\n');
        b.append("#, ").append(fuzzy ? FUZZY + ", " : "").append(ICU_FLAG).append('\n');
        if (fuzzy && stale) {
            b.append("#| msgctxt ").append(quote(context)).append('\n');
            b.append("#| msgid ").append(quote(previous)).append('\n');
        }
        b.append("msgctxt ").append(quote(context)).append('\n');
        b.append("msgid ").append(quote(english)).append('\n');
        b.append("msgstr ").append(quote(text)).append('\n');
    }

    /** Writes the export of a bundle to {@code file}. */
    public void exportTo(Bundle bundle, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BundleWriter.write(file.toAbsolutePath(), export(bundle));
    }

    /** Whether an ICU pattern has a plural ({@code ordinal}: a selectordinal); false when it does not parse. */
    private static boolean hasPlural(String pattern, boolean ordinal) {
        if (pattern.isEmpty()) {
            return false;
        }
        try {
            MessagePattern p = new MessagePattern(pattern);
            for (int i = 0; i < p.countParts(); i++) {
                MessagePattern.Part part = p.getPart(i);
                if (part.getType() == MessagePattern.Part.Type.ARG_START
                        && part.getArgType() == (ordinal ? MessagePattern.ArgType.SELECTORDINAL : MessagePattern.ArgType.PLURAL)) {
                    return true;
                }
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    /** Comment lines: {@code prefix} before each line of {@code text} (an empty line as the bare {@code #}). */
    private static void comment(StringBuilder b, String prefix, String text) {
        for (String line : text.split("\n", -1)) {
            StringBuilder clean = new StringBuilder();
            line.codePoints().forEach(c -> clean.appendCodePoint(c < 0x20 && c != '\t' || c == 0x7F ? 0xFFFD : c));
            b.append(clean.isEmpty() ? prefix.strip() : prefix + clean).append('\n');
        }
    }

    /** A PO string: in double quotes, with {@code \\ \" \n \t \r} and octal escapes for other control characters. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        b.append(String.format(Locale.ROOT, "\\%03o", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    // ---- import ---------------------------------------------------------------------------------

    /**
     * Imports a PO file into the bundle its {@code Language} header names. Entries made from the
     * current English with a valid msgstr replace their entries' text (and note); everything else
     * is reported (with its line) and leaves the entry as it was.
     */
    public Optional<Xliff.Imported> importFrom(Path file, String shown, Problems problems) throws IOException {
        if (ImportRun.tooLarge(file, shown, "a PO file", "export-po", problems)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        Optional<String> decoded = utf8(bytes, shown, problems);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        List<Entry> all;
        try {
            all = parse(decoded.get());
        } catch (SyntaxError e) {
            problems.error(shown, e.line, 0, "", "not a PO file: " + e.getMessage());
            return Optional.empty();
        }
        Entry header = all.stream().filter(e -> e.msgctxt() == null && e.msgid().isEmpty()).findFirst().orElse(null);
        if (header == null) {
            problems.add(Problem.error(shown, 0, 0, "", "the file has no header entry (msgid \"\") naming its Language")
                    .withHint("import the file handout export-po wrote, after editing it in your tool"));
            return Optional.empty();
        }
        Map<String, String> fields = header.fields();
        String contentType = fields.getOrDefault("Content-Type", "text/plain; charset=UTF-8");
        java.util.regex.Matcher cs = java.util.regex.Pattern.compile("charset=([^;\\s]+)").matcher(contentType);
        if (cs.find() && !cs.group(1).equalsIgnoreCase("UTF-8") && !cs.group(1).equalsIgnoreCase("utf8")) {
            problems.add(Problem.error(shown, header.line(), 0, "", "the file's charset is " + cs.group(1) + ", not UTF-8")
                    .withHint("save it as UTF-8 in your tool (Poedit and Weblate always do)"));
            return Optional.empty();
        }
        String written = fields.getOrDefault("Language", "").strip();
        String tag = tagOf(written).orElse(written);
        Optional<Bundle> bundle = project.languages() == null ? Optional.empty()
                : project.languages().bundle(tag).filter(b -> !b.isSource());
        Path bundleFile = workspace.translations().resolve(tag + ".yaml");
        if (written.isEmpty() || bundle.isEmpty() || !Files.isRegularFile(bundleFile)) {
            problems.add(Problem.error(shown, header.line(), 0, "", written.isEmpty() ? "the header has no Language"
                            : "no bundle for Language '" + written + "' that loads")
                    .withHint("the Language of the export is the bundle's (e.g. zh_Hans for translations/zh-Hans.yaml); "
                            + "handout check --lang " + tag + " says what is wrong with a bundle"));
            return Optional.empty();
        }
        Map<String, Message> english = project.content().texts();
        Map<String, BundleWriter.Entry> entries = BundleWriter.entries(bundle.get(), english);
        ImportRun run = new ImportRun(tag, shown, bundle.get(), new BundleChecker(project.content()), problems, entries);
        List<String> rejected = run.rejected();
        List<String> stale = run.stale();
        List<String> categories = PluralUnits.categories(bundle.get().locale());
        List<Entry> messages = all.stream().filter(e -> e != header).toList();
        // a key given by two entries: neither is imported, as neither can be said to be the translator's
        Map<String, Integer> seen = new java.util.HashMap<>();
        messages.stream().filter(e -> e.msgctxt() != null).forEach(e -> seen.merge(e.msgctxt(), 1, Integer::sum));
        // the category entries of each plural message ("overview.who.age:few"), put together after the loop
        Map<String, List<Entry>> forms = new LinkedHashMap<>();
        Set<String> byForms = new java.util.HashSet<>();
        messages.stream().filter(e -> e.msgctxt() != null).forEach(e -> formOf(e.msgctxt(), english, categories).ifPresent(byForms::add));
        Set<String> twice = new java.util.HashSet<>(); // given as one entry and as its forms: neither is imported
        for (Entry e : messages) {
            String key = e.msgctxt() == null ? "" : e.msgctxt();
            int line = e.line();
            if (e.msgctxt() == null) {
                problems.add(Problem.error(shown, line, 0, "", "an entry without msgctxt (handout's key); not imported")
                        .with("msgid", e.msgid()).withHint("every entry of an export has msgctxt: keep it when merging files"));
                rejected.add(key);
                continue;
            }
            if (seen.get(key) > 1) {
                problems.add(Problem.error(shown, line, 0, key, "this msgctxt is used by " + seen.get(key) + " entries in the file; none of them is imported")
                        .withHint("keep one entry per msgctxt (the translation tool's export should have one)"));
                rejected.add(key);
                continue;
            }
            Optional<String> pluralOf = formOf(key, english, categories);
            if (pluralOf.isPresent() && e.msgidPlural() == null && !e.plural()) {
                forms.computeIfAbsent(pluralOf.get(), k -> new ArrayList<>()).add(e);
                continue;
            }
            Message now = english.get(key);
            if (now == null) {
                problems.error(shown, line, 0, key, "unknown key: the English source has no such string; entry not imported");
                rejected.add(key);
                continue;
            }
            if (e.msgidPlural() != null || e.plural()) {
                problems.add(Problem.error(shown, line, 0, key, "gettext plural forms (msgid_plural, msgstr[n]) are not used: "
                        + "each plural category is an entry of its own (msgctxt " + key + ":" + categories.get(0) + "); entry not imported")
                        .withHint("translate the entries " + key + ":" + String.join(", :", categories) + " of the export"));
                rejected.add(key);
                continue;
            }
            if (tooLong(run, e)) {
                continue;
            }
            if (!e.msgid().equals(now.pattern())) {
                problems.add(Problem.error(shown, line, 0, key, "stale: this entry's msgid is an older English; not imported")
                        .with("was", e.msgid()).with("now", now.pattern())
                        .withHint("export again (handout export-po --lang " + tag + ") and translate the new English"));
                stale.add(key);
                continue;
            }
            if (byForms.contains(key)) {
                problems.add(Problem.error(shown, line, 0, key, "the message is given twice, as one entry and as its plural forms; neither is imported")
                        .withHint("keep the entries of the export (" + key + ":" + String.join(", :", categories) + ")"));
                rejected.add(key);
                twice.add(key);
                continue;
            }
            take(run, key, line, now, e.msgstr(), e.msgstr().equals(now.pattern()), e.flags().contains(FUZZY), note(e));
        }
        forms.forEach((key, list) -> {
            if (!twice.contains(key)) {
                plural(run, key, english.get(key), list);
            }
        });
        if (!run.updated().isEmpty()) {
            String top = BundleWriter.header(Files.readString(bundleFile, StandardCharsets.UTF_8)).orElseThrow();
            BundleWriter.write(bundleFile, BundleWriter.text(top, new ArrayList<>(entries.values())));
        }
        return Optional.of(run.imported());
    }

    /** The message a category entry's msgctxt ({@code overview.who.age:few}) is a form of, if it is one. */
    private static Optional<String> formOf(String context, Map<String, Message> english, List<String> categories) {
        int sep = context.lastIndexOf(PluralUnits.SEPARATOR);
        if (sep <= 0 || !categories.contains(context.substring(sep + 1))) {
            return Optional.empty();
        }
        String key = context.substring(0, sep);
        return english.containsKey(key) && PluralUnits.split(english.get(key).pattern()).isPresent() ? Optional.of(key) : Optional.empty();
    }

    /** The entry's translator comments, as a note, if it has any. */
    private static Optional<String> note(Entry e) {
        return e.comments().isEmpty() ? Optional.empty() : Optional.of(String.join("\n", e.comments())).filter(n -> !n.isBlank());
    }

    /** Whether an entry's msgstr or comment is over the limit (then it is reported and rejected). */
    private static boolean tooLong(ImportRun r, Entry e) {
        if (e.msgstr().length() <= ImportLimits.MAX_ENTRY_CHARS && note(e).map(String::length).orElse(0) <= ImportLimits.MAX_ENTRY_CHARS) {
            return false;
        }
        r.problems().add(Problem.error(r.shown(), e.line(), 0, e.msgctxt(), "the msgstr or its comment is longer than " + ImportLimits.MAX_ENTRY_CHARS
                + " characters; entry not imported").withHint("a leaflet's string is a sentence or a paragraph: check what the tool wrote"));
        r.rejected().add(e.msgctxt());
        return true;
    }

    /**
     * A plural message's category entries put together: each made from the English sentence of
     * its category now (else the message is stale), every category the language has given (else
     * nothing is imported), then one ICU plural of whole sentences, taken as one entry would be.
     * A fuzzy form keeps the whole message as it was.
     */
    private static void plural(ImportRun r, String key, Message now, List<Entry> list) {
        PluralUnits.Split se = PluralUnits.split(now.pattern()).orElseThrow();
        List<String> categories = PluralUnits.categories(r.bundle().locale());
        int line = list.get(0).line();
        Map<String, Entry> byCategory = new LinkedHashMap<>();
        for (Entry e : list) {
            String category = e.msgctxt().substring(e.msgctxt().lastIndexOf(PluralUnits.SEPARATOR) + 1);
            if (tooLong(r, e)) {
                return;
            }
            if (!e.msgid().equals(se.sentence(category))) {
                r.problems().add(Problem.error(r.shown(), e.line(), 0, e.msgctxt(), "stale: this entry's msgid is an older English; "
                                + "the message is not imported").with("was", e.msgid()).with("now", se.sentence(category))
                        .withHint("export again (handout export-po --lang " + r.tag() + ") and translate the new English"));
                r.stale().add(key);
                return;
            }
            byCategory.put(category, e);
        }
        BundleWriter.Entry before = r.entries().get(key);
        // a note the translator changed on any form is the message's; else the first form's
        Optional<String> note = list.stream().map(Po::note).filter(Optional::isPresent).map(Optional::get)
                .filter(n -> before == null || !before.note().equals(Optional.of(n))).findFirst()
                .or(() -> list.stream().map(Po::note).filter(Optional::isPresent).map(Optional::get).findFirst());
        Optional<String> someText = list.stream().map(Entry::msgstr).filter(t -> !t.isEmpty()).findFirst();
        boolean fuzzy = list.stream().anyMatch(e -> e.flags().contains(FUZZY) && !e.msgstr().isEmpty());
        if (someText.isEmpty() || fuzzy) {
            take(r, key, line, now, someText.orElse(""), false, fuzzy, note);
            return;
        }
        Map<String, String> sentences = new LinkedHashMap<>();
        for (String c : categories) {
            Entry e = byCategory.get(c);
            if (e == null || e.msgstr().isEmpty()) {
                r.problems().add(Problem.error(r.shown(), e == null ? line : e.line(), 0, key + PluralUnits.SEPARATOR + c, "the '" + c
                        + "' form has " + (e == null ? "no entry" : "no msgstr") + " in the file; the message is not imported")
                        .withHint("translate every form of the message (" + String.join(", ", categories) + ") in your tool"));
                r.rejected().add(key);
                return;
            }
            sentences.put(c, e.msgstr());
        }
        String full = PluralUnits.assemble(se.argument(), sentences, Optional.ofNullable(before).map(BundleWriter.Entry::text));
        take(r, key, line, now, full, PluralUnits.isEnglish(full, now.pattern(), categories), false, note);
    }

    /**
     * One message's translation from the file into its entry: a fuzzy or empty one keeps the
     * bundle's text (a note still comes in); English copied is flagged; the same text from the
     * same English keeps its state (reviewed stays reviewed), a new text is translated, never
     * reviewed; the text is checked as {@code check} would.
     */
    private static void take(ImportRun r, String key, int line, Message now, String target, boolean copied, boolean fuzzy,
                             Optional<String> fileNote) {
        Problems problems = r.problems();
        String shown = r.shown();
        BundleWriter.Entry before = r.entries().get(key);
        Optional<String> note = fileNote.or(() -> before == null ? Optional.empty() : before.note());
        if (fuzzy || target.isEmpty()) {
            boolean hadText = before != null && !before.text().isEmpty();
            if (fuzzy && !target.isEmpty()) {
                problems.add(Problem.warning(shown, line, 0, key, "fuzzy (needs work): not imported as a translation; the bundle's entry is kept")
                        .withHint("once it is translated, clear fuzzy (Poedit: Needs Work; Weblate: Needs editing) and import again"));
            } else if (hadText) {
                // a tool that leaves a msgstr empty has not deleted the translation: the bundle keeps it
                problems.add(Problem.warning(shown, line, 0, key, "no msgstr in the file: the bundle's translation is kept")
                        .withHint("translate the entry in your tool, or delete the entry's text in the bundle yourself if it is meant to go"));
            }
            // the text stays as it was; a note the translator wrote still comes in
            BundleWriter.Entry kept = before == null
                    ? new BundleWriter.Entry(key, now.pattern(), "", Origin.State.INITIAL, note)
                    : new BundleWriter.Entry(key, before.source(), before.text(), before.state(), note);
            if (note.isPresent()) {
                r.record(key, kept);
            } else {
                r.unchanged().add(key);
            }
            return;
        }
        if (copied && !now.pattern().matches("[\\p{Lu}\\p{N} .-]+") && (before == null || !before.text().equals(target))) {
            // English copied into the msgstr (a tool's "copy from source") is no one's translation; a bundle
            // whose text is the English already hears so from check, not from every import
            problems.add(Problem.warning(shown, line, 0, key, "the msgstr is the English; imported, and the check will say so until it is translated")
                    .withHint("a tool's 'translated' is not a translation: translate it, or leave the msgstr empty"));
        }
        Origin.State state = before != null && before.source().equals(now.pattern()) && before.text().equals(target)
                && before.state() != Origin.State.INITIAL ? before.state() : Origin.State.TRANSLATED;
        Problems p = r.checker().checkTranslation(r.bundle(), shown, line, now, target, state, note);
        if (p.hasErrors()) {
            p.sorted().stream().filter(Problem::isError)
                    .forEach(x -> problems.add(x.withHint("fix the msgstr in your tool and import again; entry not imported")));
            r.rejected().add(key);
            return;
        }
        r.record(key, new BundleWriter.Entry(key, now.pattern(), target, state, note));
    }

    /**
     * The bundle tag a PO {@code Language} stands for: gettext's {@code zh_Hans}, {@code pt_BR} and
     * {@code sr@latin} as well as {@code zh-Hans}, in ICU's canonical form.
     */
    static Optional<String> tagOf(String language) {
        String t = language.strip();
        int at = t.indexOf('@');
        if (at >= 0) {
            String modifier = t.substring(at + 1).toLowerCase(Locale.ROOT);
            String script = switch (modifier) {
                case "latin" -> "Latn";
                case "cyrillic" -> "Cyrl";
                default -> null;
            };
            if (script == null) {
                return Optional.empty();
            }
            String[] parts = t.substring(0, at).split("_", 2);
            t = parts[0] + "-" + script + (parts.length > 1 ? "-" + parts[1] : "");
        }
        return Languages.canonical(t.replace('_', '-'));
    }

    /** The file's text, if it is UTF-8 (a byte order mark is dropped); otherwise an error with the line of the first bad byte. */
    private static Optional<String> utf8(byte[] bytes, String shown, Problems problems) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            problems.add(Problem.error(shown, line, 0, "", "not UTF-8 (byte " + in.position() + "); nothing was imported")
                    .withHint("save the file as UTF-8 in your tool"));
            return Optional.empty();
        }
        d.flush(out);
        String s = out.flip().toString();
        return Optional.of(s.startsWith("\uFEFF") ? s.substring(1) : s);
    }

    // ---- the PO syntax --------------------------------------------------------------------------

    /**
     * One entry of a PO file: its comments (translator's, extracted, references), flags,
     * {@code msgctxt} (null when it has none), {@code msgid}, {@code msgid_plural} (null when none),
     * {@code msgstr} (for plural forms, {@code msgstr[0]}; {@code plural} says so), and the line
     * of its first keyword.
     */
    record Entry(int line, List<String> comments, List<String> extracted, List<String> references, Set<String> flags,
                 String msgctxt, String msgid, String msgidPlural, String msgstr, boolean plural) {
        /** The header's fields ({@code Name: value} lines of the msgstr). */
        Map<String, String> fields() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String l : msgstr.split("\n")) {
                int colon = l.indexOf(':');
                if (colon > 0) {
                    out.putIfAbsent(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
                }
            }
            return out;
        }
    }

    /** A file that is not PO, with the line where it stops being so. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** An entry while it is read. */
    private static final class Builder {
        int line;
        final List<String> comments = new ArrayList<>();
        final List<String> extracted = new ArrayList<>();
        final List<String> references = new ArrayList<>();
        final Set<String> flags = new LinkedHashSet<>();
        StringBuilder msgctxt;
        StringBuilder msgid;
        StringBuilder msgidPlural;
        StringBuilder msgstr;
        boolean plural;
        boolean obsolete;
        /** The string a continuation line adds to. */
        StringBuilder last;

        boolean started() {
            return msgctxt != null || msgid != null;
        }
    }

    /**
     * Reads a PO file: entries in order, obsolete ones ({@code #~}) left out. Strings may run
     * over several lines; comments belong to the entry after them; blank lines mean nothing.
     */
    static List<Entry> parse(String text) throws SyntaxError {
        List<Entry> out = new ArrayList<>();
        Builder cur = new Builder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String raw = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#~")) {
                // an obsolete entry: its comments and all its lines are skipped
                if (cur.started() && !cur.obsolete) {
                    finish(cur, out);
                    cur = new Builder();
                }
                cur.obsolete = true;
                cur.last = null;
                continue;
            }
            if (cur.obsolete) {
                cur = new Builder();
            }
            if (line.startsWith("#")) {
                if (cur.started()) {
                    finish(cur, out);
                    cur = new Builder();
                }
                cur.last = null;
                String body = line.length() > 1 ? line.substring(2).strip() : "";
                switch (line.length() > 1 ? line.charAt(1) : ' ') {
                    case '.' -> cur.extracted.add(body);
                    case ':' -> cur.references.add(body);
                    case ',' -> {
                        for (String f : body.split(",")) {
                            if (!f.isBlank()) {
                                cur.flags.add(f.strip());
                            }
                        }
                    }
                    case '|' -> {
                        // the previous msgctxt and msgid of a fuzzy entry: for the translator's eyes only
                    }
                    default -> {
                        String c = raw.stripLeading().substring(1);
                        cur.comments.add(c.startsWith(" ") ? c.substring(1) : c);
                    }
                }
                continue;
            }
            if (line.startsWith("\"")) {
                if (cur.last == null) {
                    throw new SyntaxError(no, "a string with no msgid, msgstr or msgctxt before it");
                }
                cur.last.append(unquote(line, no));
                continue;
            }
            int end = 0;
            while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '"') {
                end++;
            }
            String keyword = line.substring(0, end);
            if (!keyword.matches("msgctxt|msgid|msgid_plural|msgstr|msgstr\\[\\d{1,3}]")) {
                throw new SyntaxError(no, "'" + (keyword.length() > 40 ? keyword.substring(0, 40) + "..." : keyword) + "' is not a PO keyword");
            }
            StringBuilder value = new StringBuilder(unquote(line.substring(end).strip(), no));
            switch (keyword) {
                case "msgctxt" -> {
                    if (cur.msgid != null) {
                        finish(cur, out);
                        cur = new Builder();
                    } else if (cur.msgctxt != null) {
                        throw new SyntaxError(no, "two msgctxt in one entry");
                    }
                    cur.msgctxt = value;
                    cur.line = no;
                }
                case "msgid" -> {
                    if (cur.msgid != null) {
                        finish(cur, out);
                        cur = new Builder();
                    }
                    cur.msgid = value;
                    cur.line = cur.line == 0 ? no : cur.line;
                }
                case "msgid_plural" -> {
                    if (cur.msgid == null || cur.msgstr != null || cur.msgidPlural != null) {
                        throw new SyntaxError(no, "msgid_plural out of place");
                    }
                    cur.msgidPlural = value;
                }
                case "msgstr" -> {
                    if (cur.msgid == null || cur.msgstr != null || cur.msgidPlural != null) {
                        throw new SyntaxError(no, cur.msgid == null ? "msgstr without msgid" : "msgstr out of place");
                    }
                    cur.msgstr = value;
                }
                default -> {
                    if (cur.msgid == null || cur.msgidPlural == null) {
                        throw new SyntaxError(no, keyword + " without msgid_plural");
                    }
                    cur.plural = true;
                    if (keyword.equals("msgstr[0]")) {
                        cur.msgstr = value;
                    }
                }
            }
            cur.last = value;
        }
        finish(cur, out);
        return out;
    }

    private static void finish(Builder b, List<Entry> out) throws SyntaxError {
        if (b.obsolete || !b.started()) {
            return; // an obsolete entry, or comments at the end of the file
        }
        if (b.msgid == null) {
            throw new SyntaxError(b.line, "msgctxt without msgid");
        }
        if (b.msgstr == null && !b.plural) {
            throw new SyntaxError(b.line, "msgid without msgstr");
        }
        out.add(new Entry(b.line, List.copyOf(b.comments), List.copyOf(b.extracted), List.copyOf(b.references), Set.copyOf(b.flags),
                b.msgctxt == null ? null : b.msgctxt.toString(), b.msgid.toString(),
                b.msgidPlural == null ? null : b.msgidPlural.toString(), b.msgstr == null ? "" : b.msgstr.toString(), b.plural));
    }

    /** The text of one or more PO strings on a line ({@code "a" "b"} is {@code ab}), escapes undone. */
    static String unquote(String s, int line) throws SyntaxError {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) != '"') {
                throw new SyntaxError(line, "expected a string in double quotes");
            }
            i++;
            boolean closed = false;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    break;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'a' -> b.append('\u0007');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'v' -> b.append('\u000B');
                    case '\\', '"', '\'', '?' -> b.append(e);
                    case 'x' -> {
                        int from = i;
                        while (i < s.length() && i - from < 2 && Character.digit(s.charAt(i), 16) >= 0) {
                            i++;
                        }
                        b.append(escaped(s.substring(from, i), 16, line));
                    }
                    default -> {
                        if (e < '0' || e > '7') {
                            throw new SyntaxError(line, "unknown escape \\" + e);
                        }
                        int from = i - 1;
                        while (i < s.length() && i - from < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '7') {
                            i++;
                        }
                        b.append(escaped(s.substring(from, i), 8, line));
                    }
                }
            }
            if (!closed) {
                throw new SyntaxError(line, "a string without its closing double quote");
            }
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
        return b.toString();
    }

    /** An octal or hex escape: a character below 0x80 (a byte above would be half of a UTF-8 character). */
    private static char escaped(String digits, int radix, int line) throws SyntaxError {
        if (digits.isEmpty()) {
            throw new SyntaxError(line, "an escape without digits");
        }
        int v = Integer.parseInt(digits, radix);
        if (v >= 0x80) {
            throw new SyntaxError(line, "an escaped byte above 0x7F; write the character itself (the file is UTF-8)");
        }
        return (char) v;
    }
}
