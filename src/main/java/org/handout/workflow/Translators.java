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
import org.handout.i18n.BundleChecker;
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

    /**
     * Writes {@code translations/<tag>.yaml} with every key: the English as its {@code source},
     * an empty text ({@code state: initial}), and for a message with a plural a skeleton with
     * exactly the plural categories the language needs, each branch holding the English to
     * translate. Refuses to overwrite a bundle unless {@code force}; returns the file, or problems.
     */
    public Optional<Path> init(String tag, boolean force, Problems problems) throws IOException {
        String canonical = ULocale.forLanguageTag(tag).toLanguageTag();
        if (!Languages.wellFormed(tag)) {
            problems.error("", 0, 0, "", "'" + tag + "' is not a well-formed language tag (e.g. pt-BR, ta, sr-Latn)");
            return Optional.empty();
        }
        if (canonical.equals(Bundle.SOURCE_TAG)) {
            problems.error("", 0, 0, "", "English is the source: edit content/*.yaml");
            return Optional.empty();
        }
        Path file = workspace.translations().resolve(canonical + ".yaml");
        if (Files.exists(file) && !force) {
            problems.add(Problem.error("translations/" + canonical + ".yaml", 0, 0, "", "the bundle exists already")
                    .withHint("handout check --lang " + canonical + " lists what it still needs; --force starts it again from scratch"));
            return Optional.empty();
        }
        ULocale locale = ULocale.forLanguageTag(canonical);
        Set<String> categories = PluralRules.forLocale(locale).getKeywords();
        String header = """
                # %s (%s) bundle for handout: the four neuroblastoma leaflets.
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
                """.formatted(locale.getDisplayName(ULocale.ENGLISH), canonical, canonical,
                String.join(", ", new TreeSet<>(categories)), canonical, edition());
        List<BundleWriter.Entry> entries = new ArrayList<>();
        for (Message m : project.content().texts().values()) {
            entries.add(new BundleWriter.Entry(m.key(), m.pattern(), skeleton(m.pattern(), categories), Origin.State.INITIAL,
                    Optional.empty()));
        }
        Files.createDirectories(file.getParent());
        BundleWriter.write(file, BundleWriter.text(header, entries));
        fontWarning(canonical, locale, problems);
        return Optional.of(file);
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
     * the shared ones), how many are translated from the current English, how many are stale,
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
                for (Message m : content.texts().values()) {
                    if (!m.key().startsWith(leaflet + ".") && !m.key().startsWith("common.")) {
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
