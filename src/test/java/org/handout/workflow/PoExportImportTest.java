package org.handout.workflow;

import static org.handout.testing.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.testing.Cli.Run;
import org.handout.testing.Gettext;
import org.handout.testing.Gettext.Tool;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gettext PO export and import, checked with GNU gettext itself: every language's export passes
 * {@code msgfmt --check}, a file rewrapped by {@code msgcat} (as Poedit writes it) comes back
 * unchanged, an edit made in such a file imports as exactly that edit, and what a tool or a
 * translator may do to an entry (fuzzy, an empty msgstr, a stale msgid, a key twice, a broken ICU
 * pattern, a file too large) is reported and loses nothing. The gettext tools are required: the
 * test fails without them (CI installs Debian's gettext).
 */
class PoExportImportTest {
    static final String OLD = "The risk group guides the treatment.";
    static final String NEW = "The risk group helps decide the treatment.";

    @TempDir
    Path dir;
    private TestProject p;

    static Stream<String> languages() {
        return Project.load(new Workspace(TestProject.REAL)).languageTags().stream().filter(t -> !t.equals("en"));
    }

    @BeforeEach
    void project() {
        p = TestProject.copyInto(dir.resolve("project"));
    }

    private Path export(String lang) throws IOException {
        Path po = dir.resolve(lang + ".po");
        Run r = run("export-po", "--root", p.root().toString(), "--lang", lang, "--out", po.toString());
        assertEquals(0, r.code(), r.err());
        return po;
    }

    private Run importPo(Path po) {
        return run("import-po", "--root", p.root().toString(), po.toString());
    }

    private static Tool msgfmtCheck(Path po) throws IOException {
        return Gettext.run("msgfmt", "--check", "--check-format", "--statistics", "-o", "/dev/null", po.toString());
    }

    /** Rewraps a file as gettext (and Poedit) write it: strings cut at 79 columns. */
    private Path msgcat(Path po) throws IOException {
        Path out = po.resolveSibling("wrapped-" + po.getFileName());
        Tool t = Gettext.run("msgcat", "-o", out.toString(), po.toString());
        assertEquals(0, t.code(), t.output());
        return out;
    }

    /** The entry of {@code key}: from the first line of its comments to the blank line after it. */
    private static int[] entry(String po, String key) {
        int ctxt = po.indexOf("\nmsgctxt " + Po.quote(key) + "\n");
        assertTrue(ctxt > 0, key + " is in the file");
        int blank = po.lastIndexOf("\n\n", ctxt);
        int from = blank < 0 ? 0 : blank + 2;
        int to = po.indexOf("\n\n", ctxt);
        return new int[] {from, to < 0 ? po.length() : to + 1};
    }

    private static String entryText(String po, String key) {
        int[] e = entry(po, key);
        return po.substring(e[0], e[1]);
    }

    /** The file with the msgstr of {@code key} (however many lines it has) replaced by {@code text}. */
    private static String withMsgstr(String po, String key, String text) {
        int[] e = entry(po, key);
        String block = po.substring(e[0], e[1]);
        int at = block.indexOf("\nmsgstr ");
        return po.substring(0, e[0]) + block.substring(0, at) + "\nmsgstr " + Po.quote(text) + "\n" + po.substring(e[1]);
    }

    private static String replaceInEntry(String po, String key, String from, String to) {
        int[] e = entry(po, key);
        String block = po.substring(e[0], e[1]);
        assertTrue(block.contains(from), block);
        return po.substring(0, e[0]) + block.replace(from, to) + po.substring(e[1]);
    }

    /** The translation of {@code key} in a bundle's text, as written there. */
    private static String bundleText(String bundle, String key) {
        int at = bundle.indexOf("\n  " + key + ":\n");
        int text = bundle.indexOf("\n    text: ", at);
        return bundle.substring(text + "\n    text: ".length(), bundle.indexOf('\n', text + 1));
    }

    /** The lines of {@code key}'s entry in a bundle's text. */
    private static String bundleEntry(String bundle, String key) {
        int at = bundle.indexOf("\n  " + key + ":\n") + 1;
        Matcher next = Pattern.compile("\n  [^ ]").matcher(bundle);
        return bundle.substring(at, next.find(at) ? next.start() + 1 : bundle.length());
    }

    /** The bundle with the text of {@code key} written as {@code text}. */
    private static String withBundleText(String bundle, String key, String text) {
        int at = bundle.indexOf("\n  " + key + ":\n");
        int from = bundle.indexOf("\n    text: ", at) + "\n    text: ".length();
        return bundle.substring(0, from) + BundleWriter.quote(text) + bundle.substring(bundle.indexOf('\n', from));
    }

    /** The msgstr of {@code key} in a PO file, its lines joined. */
    private static String msgstr(String po, String key) throws Po.SyntaxError {
        return Po.parse(po).stream().filter(e -> key.equals(e.msgctxt())).findFirst().orElseThrow().msgstr();
    }

    @ParameterizedTest
    @MethodSource("languages")
    void everyLanguagesExportPassesMsgfmtCheck(String lang) throws IOException, Po.SyntaxError {
        Path po = export(lang);
        Tool t = msgfmtCheck(po);
        assertEquals(0, t.code(), "msgfmt --check --check-format " + po.getFileName() + ":\n" + t.output());
        String text = Files.readString(po);
        List<Po.Entry> entries = Po.parse(text);
        assertTrue(t.output().strip().startsWith((entries.size() - 1) + " translated messages"), "gettext reads every entry: " + t.output());
        assertTrue(text.contains("\"Language: " + lang.replace('-', '_') + "\\n\"\n"), "gettext's form of the tag");
        for (String field : List.of("Project-Id-Version: handout leaflets ", "Content-Type: text/plain; charset=UTF-8\\n",
                "Plural-Forms: nplurals=", "X-Generator: handout\\n")) {
            assertTrue(text.contains("\"" + field), field);
        }
        // the header, then an entry per English string, or one per plural category of the language
        Project project = Project.load(new Workspace(p.root()));
        List<String> categories = PluralUnits.categories(project.languages().bundle(lang).orElseThrow().locale());
        java.util.Map<String, List<String>> forms = new java.util.LinkedHashMap<>();
        for (Po.Entry e : entries.subList(1, entries.size())) {
            int sep = e.msgctxt().indexOf(':');
            forms.computeIfAbsent(sep < 0 ? e.msgctxt() : e.msgctxt().substring(0, sep), k -> new ArrayList<>())
                    .add(sep < 0 ? "" : e.msgctxt().substring(sep + 1));
        }
        assertEquals(List.copyOf(project.content().texts().keySet()), List.copyOf(forms.keySet()), "every English string, in order");
        forms.forEach((key, cats) -> assertTrue(cats.equals(List.of("")) || cats.equals(categories), key + ": " + cats));
        assertTrue(forms.values().stream().anyMatch(categories::equals), "some message comes as its plural forms");
        for (Po.Entry e : entries.subList(1, entries.size())) {
            assertTrue(e.flags().contains(Po.ICU_FLAG), e.msgctxt());
            assertTrue(e.references().get(0).matches("content/[a-z-]+\\.yaml:\\d+"), e.references().toString());
            assertTrue(e.extracted().get(0).matches("handout: fingerprint [0-9a-f]{16} state (translated|reviewed|final)"), e.extracted().toString());
        }
    }

    /** Weblate's ICU MessageFormat check, run by readers/icu-check.mjs with FormatJS's parser and gettext-parser: its problems. */
    private static List<String> weblateIcuCheck(Path po) throws IOException, InterruptedException {
        Path script = TestProject.REAL.resolve("readers/icu-check.mjs");
        assertTrue(Files.isDirectory(TestProject.REAL.resolve("readers/node_modules/@formatjs/icu-messageformat-parser"))
                && Files.isDirectory(TestProject.REAL.resolve("readers/node_modules/gettext-parser")),
                "the Node packages of readers/ are required (npm ci --prefix readers; .ci/run does it)");
        Process proc = new ProcessBuilder("node", script.toString(), po.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.waitFor(), out);
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        long entries;
        try {
            entries = Po.parse(Files.readString(po)).stream().filter(e -> e.msgctxt() != null).count();
        } catch (Po.SyntaxError e) {
            throw new AssertionError(e);
        }
        assertEquals(entries, report.get("entries").asLong(), "gettext-parser reads every entry: " + out);
        List<String> problems = new ArrayList<>();
        report.get("problems").forEach(x -> problems.add(x.get("msgctxt").asText() + " " + x.get("kind").asText() + " " + x.get("detail").asText()));
        return problems;
    }

    @ParameterizedTest
    @MethodSource("languages")
    void everyLanguagesExportPassesWeblatesIcuMessageFormatCheck(String lang) throws IOException, InterruptedException {
        Path po = export(lang);
        assertEquals(List.of(), weblateIcuCheck(po), lang + ": syntax, placeholders, types, plural selectors of every translated entry");
    }

    @Test
    void theWeblateStyleCheckFindsALostPlaceholderAWrongTypeAndABadSelector() throws IOException, InterruptedException {
        Path po = export("de");
        String text = Files.readString(po);
        text = withMsgstr(text, "staging.risk.groups:other", msgstrOf(text, "staging.risk.groups:other").replace("{riskGroups}", "die Gruppen"));
        text = withMsgstr(text, "common.page", msgstrOf(text, "common.page").replace("{page}", "{page, select, other {x}}"));
        text = withMsgstr(text, "overview.who.age:other", "Zwischen {usualAgeFrom, plural, some {#} other {#}} und # Jahren.");
        Files.writeString(po, text, StandardCharsets.UTF_8);
        List<String> found = weblateIcuCheck(po);
        assertTrue(found.contains("staging.risk.groups:other missing riskGroups"), found.toString());
        assertTrue(found.contains("common.page wrong-type page"), found.toString());
        assertTrue(found.contains("overview.who.age:other bad-plural usualAgeFrom (some)"), found.toString());
        assertEquals(3, found.size(), "and nothing else: " + found);
    }

    @Test
    void aRussianTranslatorGetsOneFewManyAndOtherAsEntriesOfTheirOwn() throws IOException, Po.SyntaxError {
        String po = Files.readString(export("ru"));
        // one entry per CLDR category of Russian, each a whole sentence, with the English's matching form as msgid
        String[][] forms = {
                {"one", "It rarely starts after a child is # year old.", "У детей старше # года она начинается редко.", "numbers such as 1, 21, 31"},
                {"few", "It rarely starts after a child is # years old.", "У детей старше # лет она начинается редко.", "numbers such as 2, 3, 4"},
                {"many", "It rarely starts after a child is # years old.", "У детей старше # лет она начинается редко.", "numbers such as 0, 5, 6"},
                {"other", "It rarely starts after a child is # years old.", "У детей старше # года она начинается редко.", "fractions such as 0.1"}};
        for (String[] f : forms) {
            String e = entryText(po, "overview.who.rare-later:" + f[0]);
            assertTrue(e.contains("\nmsgid " + Po.quote(f[1]) + "\nmsgstr " + Po.quote(f[2]) + "\n"), e);
            assertTrue(e.contains("#. handout: the '" + f[0] + "' form of {rareAfterAge} in ru, for " + f[3]), e);
            assertTrue(e.contains("#, icu-message-format\n"), "Weblate's ICU check reads a form as a pattern too: " + e);
        }
        assertFalse(po.contains("msgctxt \"overview.who.rare-later\"\n"), "no entry of the whole message besides its forms");
        assertFalse(entryText(po, "overview.title").contains("form of"), "only where there is a plural");
        String ar = Files.readString(export("ar"));
        for (String c : List.of("zero", "one", "two", "few", "many", "other")) {
            assertTrue(ar.contains("\nmsgctxt \"overview.who.rare-later:" + c + "\"\n"), c);
        }
        // a translation with two plurals where the English has one cannot be cut into forms: it stays one ICU message
        String age = entryText(ar, "overview.who.age");
        assertTrue(age.contains("#. Plural: ar needs exactly these categories: zero, one, two, few, many, other; # is the number\n"), age);
        assertTrue(msgstr(ar, "overview.who.age").contains("{usualAgeFrom, plural, zero"), age);
    }

    @Test
    void aBundleWithStaleDraftAndNotedEntriesExportsWhatMsgfmtAccepts() throws IOException {
        p.replace("content/staging.yaml", OLD, NEW);
        String de = p.read("translations/de.yaml");
        int eol = de.indexOf('\n', de.indexOf("\n    text: ", de.indexOf("\n  overview.title:\n")) + 1);
        p.write("translations/de.yaml", de.substring(0, eol + 1) + "    note: " + BundleWriter.quote("mit \"Anführungszeichen\", C:\\Pfad\\n\n\nund\tTab") + "\n"
                + de.substring(eol + 1));
        assertEquals(0, run("init", "--root", p.root().toString(), "cs").code(), "a new bundle: every entry initial, plurals as skeletons");
        for (String lang : List.of("de", "cs")) {
            Path po = export(lang);
            Tool t = msgfmtCheck(po);
            assertEquals(0, t.code(), lang + ":\n" + t.output());
            String text = Files.readString(po);
            if (lang.equals("de")) {
                assertTrue(t.output().contains("2 fuzzy translations"), "both forms of the stale plural: " + t.output());
                String stale = entryText(text, "staging.risk.groups:other");
                assertTrue(stale.contains("#, fuzzy, icu-message-format\n"), stale);
                assertTrue(stale.contains("#| msgctxt \"staging.risk.groups:other\"\n#| msgid \"Doctors place each child's cancer in one of "
                        + "# risk groups: {riskGroups}. " + OLD + "\"\n"), "the previous msgid is the old English of the same form: " + stale);
                assertTrue(stale.contains("#. handout: out of date: translated from an older English"), stale);
                assertTrue(stale.contains("\nmsgid \"Doctors place each child's cancer in one of # risk groups: {riskGroups}. " + NEW + "\"\n"),
                        "msgid is the English now: " + stale);
                assertTrue(entryText(text, "overview.title").startsWith("# mit \"Anführungszeichen\", C:\\Pfad\\n\n#\n# und\tTab\n"),
                        "the note as translator comments: " + entryText(text, "overview.title"));
            } else {
                // every entry is still initial: an entry with a skeleton is fuzzy, one without text untranslated
                assertTrue(t.output().matches("(?s)0 translated messages, \\d+ fuzzy translations?, \\d+ untranslated messages?\\.\\s*"), t.output());
                String rare = entryText(text, "overview.who.rare-later:few");
                assertTrue(rare.contains("#, fuzzy, icu-message-format\n") && rare.contains("\nmsgstr \"It rarely starts after a child is # years old.\""),
                        "init's skeleton, cut into the Czech forms: " + rare);
                assertTrue(rare.contains("#. handout: fingerprint ") && rare.contains(" state initial\n"), rare);
                assertTrue(entryText(text, "overview.title").contains("msgstr \"\"\n"), "nothing to show: empty");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("languages")
    void aRoundTripThroughMsgcatChangesNothing(String lang) throws IOException {
        String before = p.read("translations/" + lang + ".yaml");
        Path po = export(lang);
        Path wrapped = msgcat(po);
        assertNotEquals(Files.readString(po), Files.readString(wrapped), "msgcat rewraps the long lines");
        Run r = importPo(wrapped);
        assertEquals(0, r.code(), r.err());
        assertEquals(lang + ": 0 updated, " + TestProject.STRINGS + " unchanged, 0 stale, 0 rejected\n", r.out());
        assertEquals("", r.err(), "nothing to say");
        assertEquals(before, p.read("translations/" + lang + ".yaml"), "every byte of the bundle as it was");
    }

    @Test
    void aPoeditStyleEditOfOneMsgstrImportsExactlyThatEdit() throws IOException {
        String before = p.read("translations/fr.yaml");
        Path wrapped = msgcat(export("fr"));
        String po = Files.readString(wrapped);
        // the translator edits one msgstr; Poedit writes its own header fields and wraps at 79 columns
        String edited = "Le neuroblastome : ce que les familles doivent savoir, expliqué simplement et sans détour, page par page";
        po = withMsgstr(po, "overview.title", edited)
                .replace("\"PO-Revision-Date: ", "\"PO-Revision-Date: 2027-01-15 10:42+0100\\n\"\n\"X-Was-Revision-Date: ")
                .replace("\"Last-Translator: \\n\"", "\"Last-Translator: Marie Curie <marie@example.org>\\n\"")
                .replace("\"X-Generator: handout\\n\"", "\"X-Generator: Poedit 3.4.2\\n\"");
        Files.writeString(wrapped, po, StandardCharsets.UTF_8);
        Path rewrapped = msgcat(wrapped);
        Run r = importPo(rewrapped);
        assertEquals(0, r.code(), r.err());
        assertEquals("fr: 1 updated, " + (TestProject.STRINGS - 1) + " unchanged, 0 stale, 0 rejected\n", r.out());
        assertEquals(withBundleText(before, "overview.title", edited), p.read("translations/fr.yaml"), "that edit, and nothing else");
    }

    /** The file without the entries of {@code key}'s plural forms. */
    private static String withoutForms(String po, String key) {
        String out = po;
        while (out.contains("\nmsgctxt \"" + key + ":")) {
            int ctxt = out.indexOf("\nmsgctxt \"" + key + ":");
            String context = out.substring(ctxt + "\nmsgctxt \"".length(), out.indexOf('"', ctxt + "\nmsgctxt \"".length()));
            int[] e = entry(out, context);
            out = out.substring(0, e[0]) + out.substring(e[1]);
        }
        return out;
    }

    @Test
    void aRussianTranslatorsEditOfOneFormComesBackAsOneIcuMessage() throws IOException {
        Path po = export("ru");
        String edited = "У детей старше # лет она возникает редко.";
        Files.writeString(po, withMsgstr(Files.readString(po), "overview.who.rare-later:few", edited), StandardCharsets.UTF_8);
        Run r = importPo(msgcat(po));
        assertEquals(0, r.code(), r.err());
        assertEquals("ru: 1 updated, " + (TestProject.STRINGS - 1) + " unchanged, 0 stale, 0 rejected\n", r.out(), "one message, not four");
        String text = bundleText(p.read("translations/ru.yaml"), "overview.who.rare-later");
        assertEquals(BundleWriter.quote("{rareAfterAge, plural, one {У детей старше # года она начинается редко.} few {" + edited + "} "
                + "many {У детей старше # лет она начинается редко.} other {У детей старше # года она начинается редко.}}"), text);
        String pattern = text.substring(1, text.length() - 1);
        com.ibm.icu.text.MessageFormat f = new com.ibm.icu.text.MessageFormat(pattern, new com.ibm.icu.util.ULocale("ru"));
        assertEquals("У детей старше 3 лет она возникает редко.", f.format(java.util.Map.of("rareAfterAge", 3)), "few is the edited form");
        assertEquals("У детей старше 21 года она начинается редко.", f.format(java.util.Map.of("rareAfterAge", 21)), "one as it was");
        assertEquals(0, run("check", "--root", p.root().toString(), "--lang", "ru").code());
    }

    @Test
    void aPluralGivenAsOneIcuMessageAsAnOlderExportHadItStillImports() throws IOException {
        Path po = export("ru");
        String given = "У детей старше {rareAfterAge, plural, one {# года} few {# лет} many {# лет} other {# года}} она возникает редко.";
        String whole = "\nmsgctxt \"overview.who.rare-later\"\nmsgid " + Po.quote(Project.load(new Workspace(p.root())).content().texts()
                .get("overview.who.rare-later").pattern()) + "\nmsgstr " + Po.quote(given) + "\n";
        Files.writeString(po, withoutForms(Files.readString(po), "overview.who.rare-later") + whole, StandardCharsets.UTF_8);
        Run r = importPo(msgcat(po));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("ru: 1 updated"), r.out());
        assertEquals(BundleWriter.quote(given), bundleText(p.read("translations/ru.yaml"), "overview.who.rare-later"));
        assertEquals(0, run("check", "--root", p.root().toString(), "--lang", "ru").code());
    }

    @Test
    void aPluralWithAFormMissingFuzzyGivenTwiceOrCopiedFromTheEnglishIsNotTakenAsATranslation() throws IOException {
        String before = p.read("translations/ru.yaml");
        Path po = export("ru");
        String text = Files.readString(po);
        String rare = "overview.who.rare-later";
        // a form left empty: the message cannot be put together, and nothing is imported
        Files.writeString(po, withMsgstr(withMsgstr(text, rare + ":one", "Другое начало # года."), rare + ":many", ""), StandardCharsets.UTF_8);
        Run empty = importPo(po);
        assertEquals(1, empty.code());
        assertTrue(empty.err().contains("[" + rare + ":many] the 'many' form has no msgstr in the file; the message is not imported"), empty.err());
        assertEquals(before, p.read("translations/ru.yaml"));
        // one form marked fuzzy: the whole message stays as it was
        Files.writeString(po, replaceInEntry(withMsgstr(text, rare + ":one", "Другое начало # года."), rare + ":one",
                "#, icu-message-format", "#, fuzzy, icu-message-format"), StandardCharsets.UTF_8);
        Run fuzzy = importPo(po);
        assertEquals(0, fuzzy.code(), fuzzy.err());
        assertTrue(fuzzy.err().contains("[" + rare + "] fuzzy (needs work): not imported as a translation"), fuzzy.err());
        assertEquals(before, p.read("translations/ru.yaml"));
        // the forms and the whole message both: neither can be said to be the translator's
        String whole = "\nmsgctxt \"" + rare + "\"\nmsgid " + Po.quote(Project.load(new Workspace(p.root())).content().texts()
                .get(rare).pattern()) + "\nmsgstr \"{rareAfterAge, plural, one {a} few {b} many {c} other {d}}\"\n";
        Files.writeString(po, withMsgstr(text, rare + ":one", "Другое начало # года.") + whole, StandardCharsets.UTF_8);
        Run twice = importPo(po);
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("[" + rare + "] the message is given twice, as one entry and as its plural forms; neither is imported"),
                twice.err());
        assertEquals(before, p.read("translations/ru.yaml"));
        // a tool's "copy source" on every form: imported, and flagged
        String copied = text;
        for (String c : List.of("one", "few", "many", "other")) {
            String form = entryText(text, rare + ":" + c);
            String msgid = form.substring(form.indexOf("\nmsgid ") + "\nmsgid ".length(), form.indexOf("\nmsgstr "));
            copied = withMsgstr(copied, rare + ":" + c, msgid.substring(1, msgid.length() - 1));
        }
        Files.writeString(po, copied, StandardCharsets.UTF_8);
        Run english = importPo(po);
        assertEquals(0, english.code(), english.err());
        assertTrue(english.err().contains("warning: [" + rare + "] the msgstr is the English"), english.err());
    }

    @Test
    void aFuzzyEntryIsNotImportedAsATranslationUntilTheTranslatorClearsIt() throws IOException {
        p.replace("content/staging.yaml", OLD, NEW);
        String before = p.read("translations/de.yaml");
        Path po = export("de");
        String text = Files.readString(po);
        // back as it went: the stale entry is still fuzzy; a translator marks an edit of the title fuzzy too
        String marked = replaceInEntry(withMsgstr(text, "overview.title", "Neuroblastom (Entwurf)"), "overview.title",
                "#, icu-message-format", "#, fuzzy, icu-message-format");
        Files.writeString(po, marked, StandardCharsets.UTF_8);
        Run r = importPo(po);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: [staging.risk.groups] fuzzy (needs work): not imported as a translation; the bundle's entry is kept"), r.err());
        assertTrue(r.err().contains("warning: [overview.title] fuzzy (needs work)"), r.err());
        assertTrue(r.out().startsWith("de: 0 updated, " + TestProject.STRINGS + " unchanged"), r.out());
        assertEquals(before, p.read("translations/de.yaml"));

        // the translator revises the stale entry and clears fuzzy (Poedit drops the previous msgid with it)
        String one = "Ärztinnen und Ärzte ordnen die Krebserkrankung jedes Kindes einer von # Risikogruppe zu: {riskGroups}. "
                + "Die Risikogruppe hilft bei der Wahl der Behandlung.";
        String other = one.replace("# Risikogruppe ", "# Risikogruppen ");
        String revised = "{riskGroupCount, plural, one {" + one + "} other {" + other + "}}";
        String cleared = withMsgstr(withMsgstr(text, "staging.risk.groups:one", one), "staging.risk.groups:other", other)
                .replace("#, fuzzy, icu-message-format", "#, icu-message-format").replaceAll("#\\| [^\n]*\n", "");
        Files.writeString(po, cleared, StandardCharsets.UTF_8);
        Run done = importPo(po);
        assertEquals(0, done.code(), done.err());
        assertTrue(done.out().startsWith("de: 1 updated"), done.out());
        String bundle = p.read("translations/de.yaml");
        int at = bundle.indexOf("\n  staging.risk.groups:\n");
        assertTrue(bundle.startsWith("  staging.risk.groups:\n    source: " + BundleWriter.quote(
                "Doctors place each child's cancer in one of {riskGroupCount, plural, one {# risk group} other {# risk groups}}: {riskGroups}. " + NEW)
                + "\n    text: " + BundleWriter.quote(revised) + "\n", at + 1), "translated from the English now");
        Run check = run("check", "--root", p.root().toString(), "--lang", "de");
        assertEquals(0, check.code(), check.out());
    }

    @Test
    void aReviewedEntryStaysReviewedUntilItsTextChanges() throws IOException {
        String b = p.read("translations/fr.yaml");
        int eol = b.indexOf('\n', b.indexOf("\n    text: ", b.indexOf("\n  overview.title:\n")) + 1);
        p.write("translations/fr.yaml", b.substring(0, eol + 1) + "    state: reviewed\n" + b.substring(eol + 1));
        String reviewed = p.read("translations/fr.yaml");
        Path po = export("fr");
        assertTrue(entryText(Files.readString(po), "overview.title").contains("#. handout: fingerprint e01a8444cf8981ad state reviewed\n"));
        Run same = importPo(msgcat(po));
        assertEquals(0, same.code(), same.err());
        assertEquals(reviewed, p.read("translations/fr.yaml"), "the same text keeps its review");
        Files.writeString(po, withMsgstr(Files.readString(po), "overview.title", "Le neuroblastome"), StandardCharsets.UTF_8);
        assertEquals(0, importPo(po).code());
        assertTrue(bundleEntry(p.read("translations/fr.yaml"), "overview.title").endsWith("    text: \"Le neuroblastome\"\n"),
                "a new text is translated, not reviewed: " + bundleEntry(p.read("translations/fr.yaml"), "overview.title"));
    }

    @Test
    void clearingFuzzyOnATranslationOfAnOlderEnglishAcceptsItForTheEnglishNow() throws IOException {
        p.replace("content/staging.yaml", OLD, NEW);
        String before = p.read("translations/de.yaml");
        Path po = export("de");
        Files.writeString(po, Files.readString(po).replace("#, fuzzy, icu-message-format", "#, icu-message-format"), StandardCharsets.UTF_8);
        Run r = importPo(po);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("de: 1 updated"), r.out());
        String english = "Doctors place each child's cancer in one of {riskGroupCount, plural, one {# risk group} other {# risk groups}}: {riskGroups}. ";
        int at = before.indexOf(english + OLD, before.indexOf("\n  staging.risk.groups:\n"));
        assertEquals(before.substring(0, at) + english + NEW + before.substring(at + english.length() + OLD.length()), p.read("translations/de.yaml"),
                "only the English it is translated from changes, as with accept");
    }

    @Test
    void theLanguageHeaderIsReadInGettextsFormsAndBcp47() {
        assertEquals("zh-Hans", Po.tagOf("zh_Hans").orElseThrow());
        assertEquals("zh-Hans", Po.tagOf("zh-Hans").orElseThrow());
        assertEquals("pt-BR", Po.tagOf("pt_BR").orElseThrow());
        assertEquals("sr-Latn", Po.tagOf("sr@latin").orElseThrow());
        assertEquals("sr-Latn-RS", Po.tagOf("sr_RS@latin").orElseThrow());
        assertEquals("he", Po.tagOf("iw").orElseThrow(), "ICU's canonical tag, as the bundles are named");
        assertTrue(Po.tagOf("ru@nonsense").isEmpty());
    }

    @Test
    void anEmptyMsgstrKeepsTheBundlesTranslation() throws IOException {
        String before = p.read("translations/fr.yaml");
        Path po = export("fr");
        Files.writeString(po, withMsgstr(Files.readString(po), "overview.title", ""), StandardCharsets.UTF_8);
        Run r = importPo(po);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: [overview.title] no msgstr in the file: the bundle's translation is kept"), r.err());
        assertEquals("fr: 0 updated, " + TestProject.STRINGS + " unchanged, 0 stale, 0 rejected\n", r.out());
        assertEquals(before, p.read("translations/fr.yaml"), "nothing is wiped");
    }

    @Test
    void anEntryExportedFromAnOlderEnglishIsReportedAsStaleAndNotImported() throws IOException {
        Path po = export("de");
        p.replace("content/staging.yaml", OLD, NEW);
        String before = p.read("translations/de.yaml");
        String text = Files.readString(po);
        Files.writeString(po, withMsgstr(text, "staging.risk.groups:other", msgstrOf(text, "staging.risk.groups:other").replace(
                "Nach der Risikogruppe richtet sich die Behandlung.", "Die Risikogruppe entscheidet.")), StandardCharsets.UTF_8);
        Run r = importPo(po);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: [staging.risk.groups:one] stale: this entry's msgid is an older English; the message is not imported"),
                r.err());
        assertTrue(r.err().contains("    now: ") && r.err().contains(NEW), r.err());
        assertEquals("de: 0 updated, " + (TestProject.STRINGS - 1) + " unchanged, 1 stale, 0 rejected\n", r.out());
        assertEquals(before, p.read("translations/de.yaml"), "the bundle is untouched");
    }

    private static String msgstrOf(String po, String key) {
        try {
            return msgstr(po, key);
        } catch (Po.SyntaxError e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void twoEntriesWithOneMsgctxtAreNeitherImported() throws IOException {
        String before = p.read("translations/fr.yaml");
        Path po = export("fr");
        String text = Files.readString(po);
        String copy = withMsgstr(entryText(text, "overview.title"), "overview.title", "Autre titre");
        Files.writeString(po, text + "\n" + copy, StandardCharsets.UTF_8);
        Run r = importPo(po);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("[overview.title] this msgctxt is used by 2 entries in the file; none of them is imported"), r.err());
        assertTrue(r.out().endsWith(", 2 rejected\n"), r.out());
        assertEquals(before, p.read("translations/fr.yaml"));
    }

    @Test
    void aMsgstrThatBreaksTheIcuSyntaxPlaceholdersPluralsOrMarkupIsRejected() throws IOException, Po.SyntaxError {
        String before = p.read("translations/ru.yaml");
        Path po = export("ru");
        String text = Files.readString(po);
        // an unbalanced brace, a lost placeholder, a Russian plural without 'few', a markup tag lost
        text = withMsgstr(text, "overview.title", "Нейробластома {");
        text = withMsgstr(text, "common.page", "Страница {page}");
        text = withMsgstr(text, "overview.who.rare-later:few", "");
        String marked = Po.parse(text).stream().filter(e -> e.msgctxt() != null && e.msgid().contains("</b>")).findFirst()
                .map(Po.Entry::msgctxt).orElseThrow();
        text = withMsgstr(text, marked, msgstrOf(text, marked).replaceAll("</?b>", ""));
        Files.writeString(po, text, StandardCharsets.UTF_8);
        Run r = importPo(po);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: [overview.title] "), r.err());
        assertTrue(r.err().contains("[common.page] placeholder {pages} from the English is missing"), r.err());
        assertTrue(r.err().contains("[overview.who.rare-later:few] the 'few' form has no msgstr"), r.err());
        assertTrue(r.err().contains("[" + marked + "] markup"), r.err());
        assertEquals("ru: 0 updated, " + (TestProject.STRINGS - 4) + " unchanged, 0 stale, 4 rejected\n", r.out());
        assertEquals(before, p.read("translations/ru.yaml"), "nothing check or build would refuse is imported");
    }

    @Test
    void aFileOver8MegabytesIsRefusedBeforeItIsReadAndAnOverlongMsgstrIsNotImported() throws IOException {
        String before = p.read("translations/fr.yaml");
        Path po = export("fr");
        String text = Files.readString(po);
        StringBuilder big = new StringBuilder(text);
        String filler = "# " + "x".repeat(1000) + "\n";
        while (big.length() <= ImportLimits.MAX_FILE_BYTES) {
            big.append(filler);
        }
        Path huge = dir.resolve("huge.po");
        Files.writeString(huge, big, StandardCharsets.UTF_8);
        Run r = importPo(huge);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("huge.po: error: the file is " + Files.size(huge) + " bytes, more than the 8388608 (8 MB)"), r.err());
        assertEquals("", r.out(), "nothing was read");

        Files.writeString(po, withMsgstr(text, "overview.title", "Neuroblastome ".repeat(2000)), StandardCharsets.UTF_8);
        Run longOne = importPo(po);
        assertEquals(1, longOne.code());
        assertTrue(longOne.err().contains("[overview.title] the msgstr or its comment is longer than 16384 characters; entry not imported"), longOne.err());
        assertEquals(before, p.read("translations/fr.yaml"));
    }

    @Test
    void notesTravelAsTranslatorCommentsAndAToolThatDropsThemDoesNotDeleteTheBundlesNote() throws IOException {
        String b = p.read("translations/fr.yaml");
        int eol = b.indexOf('\n', b.indexOf("\n    text: ", b.indexOf("\n  overview.title:\n")) + 1);
        p.write("translations/fr.yaml", b.substring(0, eol + 1) + "    note: \"checked with Dr Martin\\nsecond line\"\n" + b.substring(eol + 1));
        Path po = export("fr");
        String text = Files.readString(po);
        assertTrue(entryText(text, "overview.title").startsWith("# checked with Dr Martin\n# second line\n#. handout: "), entryText(text, "overview.title"));
        // a tool drops every translator comment; the translator edits the title
        String dropped = withMsgstr(text.replaceAll("(?m)^# [^\n]*\n", ""), "overview.title", "Le neuroblastome");
        Files.writeString(po, dropped, StandardCharsets.UTF_8);
        assertEquals(0, importPo(po).code());
        String bundle = p.read("translations/fr.yaml");
        assertTrue(bundle.contains("    text: \"Le neuroblastome\"\n    note: \"checked with Dr Martin\\nsecond line\"\n"), bundle);
        // the translator writes a comment of their own in Poedit: it becomes the note, even on an entry left empty
        String noted = replaceInEntry(withMsgstr(dropped, "overview.who.causes", ""), "overview.who.causes", "#. handout:", "# ask the clinic\n#. handout:");
        Files.writeString(po, noted, StandardCharsets.UTF_8);
        Run r = importPo(po);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("fr: 1 updated"), r.out());
        String after = p.read("translations/fr.yaml");
        assertEquals(bundleText(bundle, "overview.who.causes"), bundleText(after, "overview.who.causes"), "the text as it was");
        String causes = bundleEntry(after, "overview.who.causes");
        assertTrue(causes.endsWith("    note: \"ask the clinic\"\n"), causes);
        assertEquals(bundleEntry(bundle, "overview.who.causes"), causes.substring(0, causes.length() - "    note: \"ask the clinic\"\n".length()),
                "only the note is new");
    }

    @Test
    void englishCopiedIntoAMsgstrIsFlagged() throws IOException, Po.SyntaxError {
        Path po = export("fr");
        String text = Files.readString(po);
        String english = Po.parse(text).stream().filter(e -> "overview.who.causes".equals(e.msgctxt())).findFirst().orElseThrow().msgid();
        Files.writeString(po, withMsgstr(text, "overview.who.causes", english), StandardCharsets.UTF_8);
        Run r = importPo(po);
        assertTrue(r.err().contains("warning: [overview.who.causes] the msgstr is the English; imported, and the check will say so"), r.err());
        assertTrue(p.read("translations/fr.yaml").contains("status: draft"), "no import is the medical review");
    }

    @Test
    void whatIsNotAnEntryOfTheExportIsRefusedAndObsoleteEntriesAreIgnored() throws IOException {
        String before = p.read("translations/es.yaml");
        Path po = export("es");
        String text = Files.readString(po);
        String extra = "\n# an obsolete entry, as msgmerge keeps them\n#~ msgctxt \"overview.title\"\n#~ msgid \"Old\"\n#~ msgstr \"Viejo\"\n"
                + "\nmsgctxt \"overview.nope\"\nmsgid \"Nope\"\nmsgstr \"No\"\n"
                + "\nmsgctxt \"overview.who.rare-later\"\nmsgid \"It rarely starts\"\nmsgid_plural \"They rarely start\"\nmsgstr[0] \"a\"\nmsgstr[1] \"b\"\n";
        Files.writeString(po, withoutForms(text, "overview.who.rare-later") + extra, StandardCharsets.UTF_8);
        Run r = importPo(po);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("[overview.nope] unknown key: the English source has no such string; entry not imported"), r.err());
        assertTrue(r.err().contains("gettext plural forms (msgid_plural, msgstr[n]) are not used: each plural category is an entry of its own"), r.err());
        assertFalse(r.err().contains("[overview.title]"), "an obsolete entry is not an entry: " + r.err());
        assertEquals(before, p.read("translations/es.yaml"));

        int header = text.indexOf("\nmsgstr \"") + "\nmsgstr \"".length();
        Files.writeString(po, text.substring(0, header) + "\\q" + text.substring(header), StandardCharsets.UTF_8);
        Run syntax = importPo(po);
        assertEquals(1, syntax.code());
        assertTrue(syntax.err().matches("(?s).*es\\.po:\\d+: error: not a PO file: unknown escape \\\\q.*"), syntax.err());

        byte[] latin1 = text.replace("charset=UTF-8", "charset=ISO-8859-1").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(po, latin1);
        Run notUtf8 = importPo(po);
        assertEquals(1, notUtf8.code());
        assertTrue(notUtf8.err().contains("not UTF-8"), notUtf8.err());

        Path xlf = dir.resolve("es.xlf");
        assertEquals(0, run("export-xliff", "--root", p.root().toString(), "--lang", "es", "--out", xlf.toString()).code());
        Run xliff = importPo(xlf);
        assertEquals(1, xliff.code());
        assertTrue(xliff.err().contains("es.xlf:1: error: not a PO file: '<?xml' is not a PO keyword"), xliff.err());

        Files.writeString(po, text.replace("\"Language: es\\n\"", "\"Language: sw_KE\\n\""), StandardCharsets.UTF_8);
        Run other = importPo(po);
        assertEquals(1, other.code());
        assertTrue(other.err().contains("no bundle for Language 'sw_KE' that loads"), other.err());
        assertEquals(before, p.read("translations/es.yaml"));
        assertEquals(2, run("import-po", "--root", p.root().toString()).code(), "one file");
    }

    @Test
    void exportPoNeverWritesIntoTheProjectOrOverAFileThatIsNotPo() throws IOException {
        String before = p.read("translations/fr.yaml");
        Run r = run("export-po", "--root", p.root().toString(), "--lang", "fr", "--out", p.root().resolve("translations/fr.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("it is inside translations/, the project's own files"), r.err());
        assertEquals(before, p.read("translations/fr.yaml"));
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "my own notes\n");
        Run other = run("export-po", "--root", p.root().toString(), "--lang", "fr", "--out", notes.toString());
        assertEquals(2, other.code());
        assertTrue(other.err().contains("it exists and is not a PO file; nothing was written"), other.err());
        assertEquals("my own notes\n", Files.readString(notes));

        Run byDefault = run("export-po", "--root", p.root().toString(), "--lang", "fr");
        assertEquals(0, byDefault.code(), byDefault.err());
        Path file = p.root().resolve("output/po/fr.po");
        assertTrue(Files.isRegularFile(file), byDefault.out());
        Path wrapped = msgcat(file);
        Files.move(wrapped, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(0, run("export-po", "--root", p.root().toString(), "--lang", "fr").code(), "an earlier export, even rewrapped, may be written over");
        assertEquals(2, run("export-po", "--root", p.root().toString()).code(), "one --lang");
        assertEquals(1, run("export-po", "--root", p.root().toString(), "--lang", "sw").code(), "no bundle");
    }

    @Test
    void quotesBackslashesNewlinesAndTabsSurviveGettextsOwnReaderAndWriter() throws IOException, Po.SyntaxError {
        List<String> strings = List.of("say \"hi\"", "C:\\dir\\n", "two\nlines\n", "a\ttab", "\\\"", "{n, plural, one {# «x»} other {# x}}",
                "\u0001control", "x".repeat(200) + " " + "y".repeat(100));
        StringBuilder b = new StringBuilder("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n");
        for (int i = 0; i < strings.size(); i++) {
            b.append("\nmsgctxt ").append(Po.quote("k" + i)).append("\nmsgid ").append(Po.quote(strings.get(i)))
                    .append("\nmsgstr ").append(Po.quote(strings.get(i))).append('\n');
        }
        Path po = dir.resolve("escapes.po");
        Files.writeString(po, b, StandardCharsets.UTF_8);
        Path mo = dir.resolve("escapes.mo");
        Tool compiled = Gettext.run("msgfmt", "-o", mo.toString(), po.toString());
        assertEquals(0, compiled.code(), compiled.output());
        Path back = dir.resolve("back.po");
        Tool decompiled = Gettext.run("msgunfmt", "-o", back.toString(), mo.toString());
        assertEquals(0, decompiled.code(), decompiled.output());
        List<Po.Entry> read = Po.parse(Files.readString(back));
        List<String> got = new ArrayList<>();
        for (int i = 0; i < strings.size(); i++) {
            String key = "k" + i;
            got.add(read.stream().filter(e -> key.equals(e.msgctxt())).findFirst().orElseThrow().msgstr());
        }
        assertEquals(strings, got, "gettext reads what we write, and we read what gettext writes");
        assertEquals(strings, Po.parse(b.toString()).stream().skip(1).map(Po.Entry::msgid).toList());
        Matcher lines = Pattern.compile("(?m)^msgstr \"\"\n\"").matcher(Files.readString(back));
        assertTrue(lines.find(), "gettext wrote some strings over several lines, and they were read whole");
    }
}
