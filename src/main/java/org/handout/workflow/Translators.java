package org.handout.workflow;

import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.LocaleData;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.handout.build.Project;
import org.handout.build.Workspace;
import org.handout.content.Content;
import org.handout.content.LeafletSource;
import org.handout.content.Message;
import org.handout.i18n.Bundle;
import org.handout.i18n.Languages;
import org.handout.i18n.Origin;
import org.handout.report.Problem;
import org.handout.report.Problems;

/**
 * What a translator does besides translating: start a bundle ({@link #init}), mark re-translated
 * entries as made from the current English ({@link #accept}), and see where every language stands
 * ({@link #status}). Every change to a bundle goes through {@link BundleWriter}.
 */
public final class Translators {
    private final Workspace workspace;
    private final Project project;

    public Translators(Workspace workspace, Project project) {
        this.workspace = workspace;
        this.project = project;
    }

    /** The English edition: the newest revision date of the leaflets. */
    public LocalDate edition() {
        return project.content().leaflets().stream().map(LeafletSource::revised).max(LocalDate::compareTo).orElseThrow();
    }

    /** What {@link #init} does to a bundle that exists already. */
    public enum InitMode {
        /** Only a new bundle: an existing one is refused, untouched. */
        NEW,
        /** Adds the entries an existing bundle lacks; every text, note, state and comment it has stays as it is. */
        UPDATE,
        /** Starts the bundle again from scratch, keeping the old file as a numbered backup beside it. */
        OVERWRITE
    }

    /** What {@link #init} did: the bundle file, the keys it added, and the backup of an overwritten bundle. */
    public record Initialised(Path file, List<String> added, Optional<Path> backup) {
    }

    /**
     * Writes {@code translations/<tag>.yaml} with every key: the English as its {@code source},
     * an empty text ({@code state: initial}), and for a message with a plural a skeleton with
     * exactly the plural categories the language needs, each branch holding the English to
     * translate. An existing bundle is refused ({@link InitMode#NEW}), completed with the entries it
     * lacks, appended after everything it has ({@link InitMode#UPDATE}), or started again with
     * the old file kept as {@code <tag>.yaml.<n>.bak} ({@link InitMode#OVERWRITE}): no mode ever
     * throws away a translator's work. Returns what was done, or problems.
     */
    public Optional<Initialised> init(String tag, InitMode mode, Problems problems) throws IOException {
        Optional<String> tagged = Languages.canonical(tag);
        if (tagged.isEmpty()) {
            problems.error("", 0, 0, "", "'" + tag + "' is not a well-formed language tag (e.g. pt-BR, ta, sr-Latn)");
            return Optional.empty();
        }
        String canonical = tagged.get();
        if (canonical.equals(Bundle.SOURCE_TAG)) {
            problems.error("", 0, 0, "", "English is the source: edit content/*.yaml");
            return Optional.empty();
        }
        Path file = workspace.translations().resolve(canonical + ".yaml");
        String shown = "translations/" + canonical + ".yaml";
        ULocale locale = ULocale.forLanguageTag(canonical);
        Set<String> categories = PluralRules.forLocale(locale).getKeywords();
        boolean exists = Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (exists && mode == InitMode.NEW) {
            problems.add(Problem.error(shown, 0, 0, "", "the bundle exists already; nothing was changed")
                    .withHint("handout init " + canonical + " --update adds the entries it lacks and keeps everything else; "
                            + "--overwrite starts it again from scratch, keeping the old file as a backup"));
            return Optional.empty();
        }
        if (exists && mode == InitMode.UPDATE) {
            return update(canonical, file, shown, categories, problems);
        }
        if (!exists && mode == InitMode.UPDATE) {
            problems.add(Problem.error(shown, 0, 0, "", "there is no bundle to update")
                    .withHint("handout init " + canonical + " starts one"));
            return Optional.empty();
        }
        Optional<Path> backup = Optional.empty();
        if (exists) {
            backup = Optional.of(backup(file));
        }
        String header = """
                # yaml-language-server: $schema=../schemas/bundle.schema.json
                # %s (%s) bundle for handout: %s.
                # Each entry: 'source' is the English it is translated from (handout writes it; do not edit),
                # 'text' is your translation. Delete 'state: initial' once an entry is translated.
                # Plurals need exactly these categories in %s: %s.
                language: %s
                translation:
                  from: en
                  edition: "%s"
                  method: "Translated by ..."
                  status: draft
                  reviewer: null
                  reviewed: null
                """.formatted(locale.getDisplayName(ULocale.ENGLISH), canonical,
                project.content().leafletIds().size() == 1 ? "the leaflet " + project.content().leafletIds().get(0)
                        : "the leaflets " + String.join(", ", project.content().leafletIds()), canonical,
                String.join(", ", new TreeSet<>(categories)), canonical, edition());
        List<BundleWriter.Entry> entries = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (Message m : project.content().texts().values()) {
            entries.add(new BundleWriter.Entry(m.key(), m.pattern(), skeleton(m.pattern(), categories), Origin.State.INITIAL,
                    Optional.empty()));
            added.add(m.key());
        }
        Files.createDirectories(file.getParent());
        BundleWriter.write(file, BundleWriter.text(header, entries));
        fontWarning(canonical, locale, problems);
        return Optional.of(new Initialised(file, added, backup));
    }

    /**
     * The next free {@code <tag>.yaml.<n>.bak} beside a bundle, holding a copy of it (not a bundle:
     * handout reads only {@code *.yaml}).
     */
    private static Path backup(Path file) throws IOException {
        for (int n = 1; ; n++) {
            Path b = file.resolveSibling(file.getFileName() + "." + n + ".bak");
            if (!Files.exists(b, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.copy(file, b, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                return b;
            }
        }
    }

    /**
     * Adds to an existing bundle the entries it lacks, after everything it has: the file's own
     * bytes are kept as they are (texts, notes, states, comments, entries the English no longer
     * has), so the translator loses nothing. A bundle that does not load is not touched.
     */
    private Optional<Initialised> update(String tag, Path file, String shown, Set<String> categories, Problems problems) throws IOException {
        Optional<Bundle> bundle = project.languages() == null ? Optional.empty() : project.languages().bundle(tag).filter(b -> !b.isSource());
        if (bundle.isEmpty()) {
            problems.add(Problem.error(shown, 0, 0, "", "the bundle has errors, so nothing was added to it")
                    .withHint("handout check --lang " + tag + " says what to fix first"));
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!endsWithMessages(text)) {
            problems.add(Problem.error(shown, 0, 0, "", "'messages:' is not the last part of the bundle, so entries cannot be added "
                    + "after it without rewriting the file; nothing was changed").withHint("move 'messages:' and its entries to the end of the file"));
            return Optional.empty();
        }
        List<BundleWriter.Entry> missing = new ArrayList<>();
        for (Message m : project.content().texts().values()) {
            if (bundle.get().origin(m.key()).isEmpty()) {
                missing.add(new BundleWriter.Entry(m.key(), m.pattern(), skeleton(m.pattern(), categories), Origin.State.INITIAL,
                        Optional.empty()));
            }
        }
        List<String> added = missing.stream().map(BundleWriter.Entry::key).toList();
        if (!missing.isEmpty()) {
            String indent = " ".repeat(entryIndent(text));
            String entries = BundleWriter.text("", missing).substring("messages:\n".length()).replaceAll("(?m)^  ", indent);
            String body = text.endsWith("\n") ? text : text + "\n";
            if (body.stripTrailing().matches("(?s).*\nmessages:\\s*\\{\\}\\s*(#[^\n]*)?|messages:\\s*\\{\\}\\s*(#[^\n]*)?")) {
                body = body.stripTrailing().replaceFirst("messages:\\s*\\{\\}\\s*(#[^\n]*)?$", "messages:") + "\n";
            }
            String updated = body + entries;
            // the result must load with every entry the bundle had and every one added, or nothing is written
            Problems check = new Problems();
            Optional<Bundle> after = org.handout.i18n.BundleLoader.load(new Bytes(file, updated.getBytes(StandardCharsets.UTF_8)), file, shown, check);
            if (after.isEmpty() || !after.get().origins().keySet().containsAll(bundle.get().origins().keySet())
                    || !after.get().origins().keySet().containsAll(added)) {
                problems.add(Problem.error(shown, 0, 0, "", "the entries could not be added without changing what the bundle says; "
                        + "nothing was changed").withHint("write its 'messages:' as handout init does (keys indented by two spaces), then try again"));
                return Optional.empty();
            }
            BundleWriter.write(file, updated);
        }
        return Optional.of(new Initialised(file, added, Optional.empty()));
    }

    /** How far the entries under {@code messages:} are indented (2 when there are none yet). */
    private static int entryIndent(String text) {
        String[] lines = text.split("\n");
        boolean in = false;
        for (String line : lines) {
            if (line.matches("messages:\\s*(#.*)?")) {
                in = true;
            } else if (in && !line.isBlank() && !line.strip().startsWith("#")) {
                return line.length() - line.stripLeading().length();
            }
        }
        return 2;
    }

    /** A world of one file's bytes, to read a bundle that has not been written yet. */
    private record Bytes(Path file, byte[] bytes) implements org.handout.world.World {
        @Override
        public Optional<byte[]> read(Path f, String shown, long maxBytes, Optional<Path> confinedTo, Problems problems) {
            return Optional.of(bytes);
        }

        @Override
        public List<Path> list(Path dir, String suffix) {
            return List.of(file);
        }
    }

    /** Whether the bundle's last top-level key is {@code messages:}, so entries appended at its end belong to it. */
    private static boolean endsWithMessages(String text) {
        String last = null;
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#") && !line.startsWith("\t")) {
                last = line;
            }
        }
        return last != null && last.matches("messages:\\s*(\\{\\}\\s*)?(#.*)?");
    }

    /** Warns when the fonts cannot show the language's letters (its CLDR exemplar characters). */
    private void fontWarning(String tag, ULocale locale, Problems problems) {
        String letters = LocaleData.getExemplarSet(locale, 0).toPattern(false);
        StringBuilder sample = new StringBuilder();
        for (String s : LocaleData.getExemplarSet(locale, 0)) {
            sample.append(s);
        }
        Languages.Resolution r = new Languages.Resolution(tag, Bundle.source(project.content()), locale);
        OptionalInt missing = project.chain(r).firstMissing(sample.toString());
        if (missing.isPresent()) {
            problems.add(Problem.warning("fonts/fonts.yaml", 0, 0, "", String.format(java.util.Locale.ROOT,
                            "no font for %s yet: U+%04X %s (of %s) is in none of its fonts", tag, missing.getAsInt(),
                            com.ibm.icu.lang.UCharacter.getName(missing.getAsInt()), letters.length() > 40 ? letters.substring(0, 40) + "…" : letters))
                    .withHint("add a face for its script to fonts/ and a chain '" + tag + "' to fonts/fonts.yaml (see fonts/README.md)"));
        }
    }

    /**
     * An empty text, or for a message with plurals the English with each plural rebuilt to the
     * target's categories, every branch holding the English "other" branch to translate.
     */
    static String skeleton(String english, Set<String> categories) {
        MessagePattern p = new MessagePattern(english);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        boolean plural = false;
        for (int i = 0; i < p.countParts(); i++) {
            MessagePattern.Part part = p.getPart(i);
            if (part.getType() != MessagePattern.Part.Type.ARG_START
                    || (part.getArgType() != MessagePattern.ArgType.PLURAL && part.getArgType() != MessagePattern.ArgType.SELECTORDINAL)) {
                continue;
            }
            plural = true;
            int limit = p.getLimitPartIndex(i);
            String name = p.getSubstring(p.getPart(i + 1));
            String other = "";
            for (int j = i + 1; j < limit; j++) {
                MessagePattern.Part q = p.getPart(j);
                if (q.getType() == MessagePattern.Part.Type.ARG_SELECTOR && p.getSubstring(q).equals("other")) {
                    int start = j + 1;
                    int end = p.getLimitPartIndex(start);
                    other = english.substring(p.getPart(start).getLimit(), p.getPart(end).getIndex());
                }
            }
            Set<String> cats = part.getArgType() == MessagePattern.ArgType.PLURAL ? categories : Set.of("other");
            StringBuilder arg = new StringBuilder("{").append(name).append(", ")
                    .append(part.getArgType() == MessagePattern.ArgType.PLURAL ? "plural" : "selectordinal").append(',');
            for (String c : ordered(cats)) {
                arg.append(' ').append(c).append(" {").append(other).append('}');
            }
            arg.append('}');
            out.append(english, copied, part.getIndex()).append(arg);
            copied = p.getPart(limit).getLimit();
            i = limit;
        }
        return plural ? out.append(english.substring(copied)).toString() : "";
    }

    /** CLDR's order of plural categories: zero, one, two, few, many, other. */
    private static List<String> ordered(Set<String> cats) {
        List<String> out = new ArrayList<>();
        for (String c : List.of("zero", "one", "two", "few", "many", "other")) {
            if (cats.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Records that the entries {@code keys} (all stale ones when empty) of a bundle were
     * translated from the current English: their {@code source} becomes the English of today.
     * Returns the keys accepted.
     */
    public List<String> accept(String tag, List<String> keys, Problems problems) throws IOException {
        Path file = workspace.translations().resolve(tag + ".yaml");
        Optional<Bundle> bundle = project.languages() == null ? Optional.empty() : project.languages().bundle(tag)
                .filter(b -> !b.isSource());
        if (bundle.isEmpty() || !Files.isRegularFile(file)) {
            problems.error("translations/" + tag + ".yaml", 0, 0, "", "no bundle for '" + tag + "' that loads; handout check --lang "
                    + tag + " says why");
            return List.of();
        }
        Map<String, Message> english = project.content().texts();
        Set<String> wanted = new LinkedHashSet<>(keys);
        for (String k : wanted) {
            if (!bundle.get().origins().containsKey(k)) {
                problems.error("translations/" + tag + ".yaml", 0, 0, k, english.containsKey(k)
                        ? "the bundle has no entry for this key" : "the English has no such key");
            }
        }
        if (problems.hasErrors()) {
            return List.of();
        }
        List<String> accepted = new ArrayList<>();
        List<BundleWriter.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Origin> e : bundle.get().origins().entrySet()) {
            Origin o = e.getValue();
            Message now = english.get(e.getKey());
            boolean stale = now != null && !o.source().equals(now.pattern());
            if (stale && (wanted.isEmpty() || wanted.contains(e.getKey()))) {
                entries.add(new BundleWriter.Entry(e.getKey(), now.pattern(), o.text(), o.state(), o.note()));
                accepted.add(e.getKey());
            } else {
                entries.add(BundleWriter.Entry.of(e.getKey(), o));
            }
        }
        if (!accepted.isEmpty()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String header = BundleWriter.header(text).orElseThrow();
            BundleWriter.write(file, BundleWriter.text(header, entries));
        }
        return accepted;
    }

    /** One cell of the status table: one language, one leaflet. */
    public record Cell(String language, String leaflet, int strings, int translated, int stale, int missing, String review) {
        /** Translated and current, as a whole percentage rounded down (100 only when complete). */
        public int percent() {
            return strings == 0 ? 100 : (int) Math.floor(100.0 * translated / strings);
        }
    }

    /**
     * Where each language stands for each leaflet: of the strings the leaflet uses (its own and
     * the shared ones its pages ask for, {@link Project#usedKeys}), how many are translated from the current English, how many are stale,
     * how many are missing or not translated yet; and whether the bundle is reviewed or a draft.
     */
    public List<Cell> status() {
        Content content = project.content();
        List<Cell> out = new ArrayList<>();
        for (String tag : project.languageTags()) {
            Optional<Bundle> bundle = project.languages().bundle(tag);
            for (String leaflet : content.leafletIds()) {
                int strings = 0;
                int translated = 0;
                int stale = 0;
                int missing = 0;
                // what the leaflet uses: its own strings and the shared ones its pages ask for (not every shared one)
                java.util.Set<String> used = bundle.isPresent() ? project.usedKeys(leaflet, project.languages().resolve(tag))
                        : project.usedKeys(leaflet, project.languages().resolve(Bundle.SOURCE_TAG));
                for (Message m : content.texts().values()) {
                    if (!used.contains(m.key())) {
                        continue;
                    }
                    strings++;
                    if (bundle.isEmpty()) {
                        missing++;
                        continue;
                    }
                    if (bundle.get().isSource()) {
                        translated++;
                        continue;
                    }
                    Optional<Origin> o = bundle.get().origin(m.key());
                    if (o.isEmpty() || !bundle.get().messages().containsKey(m.key())) {
                        missing++;
                    } else if (!o.get().source().equals(m.pattern())) {
                        stale++;
                    } else {
                        translated++;
                    }
                }
                String review = bundle.isEmpty() ? "broken" : bundle.get().isSource() ? "source"
                        : bundle.get().translation().orElseThrow().isDraft() ? "draft" : "reviewed";
                out.add(new Cell(tag, leaflet, strings, translated, stale, missing, review));
            }
        }
        return out;
    }
}
