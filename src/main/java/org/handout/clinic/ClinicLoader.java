package org.handout.clinic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handout.i18n.Languages;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.handout.text.TextSafety;
import org.handout.yaml.Yaml;
import org.handout.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a clinic profile ({@code clinics/<id>.yaml}) and checks it like any other input: every
 * problem located, unknown fields refused, the logo a file beside it that {@link Logos} checks and converts.
 * <pre>
 * clinic: riverside
 * language: en
 * name: "Riverside Children's Hospital"
 * address: ["1200 River Road", "Springfield, IL 62704"]
 * phones: [{phone: "217-555-0142"}, {fax: "217-555-0143"}]
 * hours: {days: [monday, tuesday, wednesday, thursday, friday], opens: "08:00", closes: "17:30"}
 * website: "https://riverside.example.org/oncology"
 * logo: {file: riverside.png, alt: "Riverside Children's Hospital"}
 * languages:
 *   es: {name: "Hospital Infantil Riverside", hours-note: "cerrado los festivos"}
 * </pre>
 */
public final class ClinicLoader {
    static final Set<String> PHONE_KINDS = Set.of("phone", "fax", "toll-free", "tty");

    private ClinicLoader() {
    }

    /** Loads {@code file}, shown as {@code shown}; its logo is looked for beside it. */
    public static Optional<Clinic> load(Path file, String shown, Problems problems) {
        return load(org.handout.world.World.plain(), file, shown, problems);
    }

    /** Loads {@code file} as {@code world} reads it, shown as {@code shown}; its logo is looked for beside it. */
    public static Optional<Clinic> load(org.handout.world.World world, Path file, String shown, Problems problems) {
        Optional<YamlMap> root = Yaml.parse(world, file, shown, problems).flatMap(n -> YamlMap.of(n, shown, "", "the file", problems));
        if (root.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = root.get();
        int before = problems.errorCount();
        String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        Optional<String> id = m.text("clinic");
        id.filter(i -> !i.equals(expected)).ifPresent(i -> problems.error(shown, m.keyNode("clinic").map(Yaml::line).orElse(0), 0, "",
                "clinic '" + i + "' does not match the file name; name the file " + i + ".yaml or fix the id"));
        id.filter(i -> !i.matches(Clinic.ID)).ifPresent(i -> problems.error(shown,
                m.keyNode("clinic").map(Yaml::line).orElse(0), 0, "", "a clinic id is lower-case letters, digits and hyphens, not '" + i + "'"));
        String language = m.optionalText("language").orElse("en");
        if (!Languages.wellFormed(language)) {
            problems.error(shown, m.keyNode("language").map(Yaml::line).orElse(0), 0, "", "'" + language + "' is not a language tag");
        }
        Optional<String> name = m.text("name");
        safe(m, "name", name, language, "", shown, problems);
        List<String> address = texts(m, "address", language, "", shown, problems).orElse(List.of());
        List<Clinic.Phone> phones = new ArrayList<>();
        m.node("phones").flatMap(n -> Yaml.sequence(n, shown, "", "'phones'", problems)).ifPresent(list -> {
            for (Node item : list) {
                YamlMap.of(item, shown, "", "a phone", problems).ifPresent(p -> {
                    List<String> kinds = p.names();
                    if (kinds.size() != 1 || !PHONE_KINDS.contains(kinds.get(0))) {
                        problems.add(Problem.error(shown, p.line(), p.column(), "", "a phone is one of " + PHONE_KINDS.stream().sorted().toList()
                                + " with its number, e.g. {phone: \"217-555-0142\"}"));
                        return;
                    }
                    p.text(kinds.get(0)).ifPresent(number -> {
                        if (!number.matches("[+0-9 ()./-]{3,30}")) {
                            problems.error(shown, p.line(), p.column(), "", "'" + TextSafety.shown(number) + "' is not a phone number (digits, spaces, + ( ) . / -)");
                        } else {
                            phones.add(new Clinic.Phone(kinds.get(0), number));
                        }
                    });
                });
            }
        });
        Optional<Clinic.Hours> hours = m.node("hours").filter(n -> !Yaml.isNull(n))
                .flatMap(n -> YamlMap.of(n, shown, "", "'hours'", problems)).flatMap(h -> hours(h, shown, problems));
        Optional<String> website = m.optionalText("website");
        safe(m, "website", website, language, "", shown, problems);
        website.filter(w -> !w.matches("https?://[^\\s<>\"]{3,200}")).ifPresent(w -> problems.error(shown,
                m.keyNode("website").map(Yaml::line).orElse(0), 0, "", "the website must be an http(s) address, not '" + TextSafety.shown(w) + "'"));
        // the country whose paper the edition is printed on (US, CA, MX: Letter; elsewhere mostly A4)
        Optional<String> country = m.optionalText("country").map(c -> c.toUpperCase(java.util.Locale.ROOT));
        country.filter(c -> !c.matches("[A-Z]{2}")).ifPresent(c -> problems.error(shown, m.keyNode("country").map(Yaml::line).orElse(0), 0, "",
                "the country is an ISO 3166 code such as US, GB or MX, not '" + TextSafety.shown(c) + "'"));
        Optional<Clinic.Logo> logo = m.node("logo").filter(n -> !Yaml.isNull(n))
                .flatMap(n -> YamlMap.of(n, shown, "", "'logo'", problems)).flatMap(l -> logo(world, l, file.getParent(), language, shown, problems));
        Map<String, Clinic.Override> overrides = new LinkedHashMap<>();
        m.node("languages").filter(n -> !Yaml.isNull(n)).flatMap(n -> YamlMap.of(n, shown, "", "'languages'", problems)).ifPresent(langs -> {
            for (String written : langs.names()) {
                Optional<String> canonical = Languages.canonical(written);
                int at = langs.keyNode(written).map(Yaml::line).orElse(0);
                if (canonical.isEmpty()) {
                    problems.error(shown, at, 0, "", "'" + written + "' is not a language tag");
                    continue;
                }
                // the tag as handout uses it everywhere: an entry for iw is Hebrew's, he
                String tag = canonical.get();
                if (overrides.containsKey(tag)) {
                    problems.error(shown, at, 0, "", "'" + written + "' is " + tag + ", which has an entry already");
                    continue;
                }
                YamlMap.of(langs.node(written).orElseThrow(), shown, tag, "the '" + written + "' entry", problems).ifPresent(o -> {
                    Optional<String> n = o.optionalText("name");
                    safe(o, "name", n, tag, tag, shown, problems);
                    Optional<List<String>> a = o.has("address") ? texts(o, "address", tag, tag, shown, problems) : Optional.empty();
                    Optional<String> note = o.optionalText("hours-note");
                    safe(o, "hours-note", note, tag, tag, shown, problems);
                    o.rejectUnknown();
                    overrides.put(tag, new Clinic.Override(n, a, note));
                });
            }
        });
        m.rejectUnknown();
        if (problems.errorCount() > before || id.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Clinic(id.get(), shown, language, name.get(), address, phones, hours, website, logo, overrides, country));
    }

    /** The lines of a list field, each checked for characters that would print wrongly in {@code lang}. */
    private static Optional<List<String>> texts(YamlMap m, String field, String lang, String key, String shown, Problems problems) {
        return m.list(field).map(list -> {
            List<String> out = new ArrayList<>();
            for (Node n : list) {
                Yaml.text(n, shown, "", "an address line", problems).ifPresent(line -> {
                    TextSafety.report(line, lang, shown, Yaml.line(n), Yaml.column(n), key, problems);
                    out.add(line);
                });
            }
            return out;
        });
    }

    /**
     * Refuses, at the field's line, a character of its text that would print wrongly in
     * {@code lang} (a bidi override, a control, a stray joiner: see {@link TextSafety}).
     */
    private static void safe(YamlMap m, String field, Optional<String> text, String lang, String key, String shown, Problems problems) {
        text.ifPresent(t -> m.node(field).ifPresent(n -> TextSafety.report(t, lang, shown, Yaml.line(n), Yaml.column(n), key, problems)));
    }

    private static Optional<Clinic.Hours> hours(YamlMap h, String shown, Problems problems) {
        List<DayOfWeek> days = new ArrayList<>();
        h.list("days").ifPresent(list -> {
            for (Node n : list) {
                Yaml.text(n, shown, "", "a day", problems).ifPresent(d -> {
                    try {
                        days.add(DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        problems.error(shown, Yaml.line(n), Yaml.column(n), "", "'" + d + "' is not a day (monday … sunday)");
                    }
                });
            }
        });
        Optional<LocalTime> opens = h.text("opens").flatMap(t -> time(t, h, "opens", shown, problems));
        Optional<LocalTime> closes = h.text("closes").flatMap(t -> time(t, h, "closes", shown, problems));
        h.rejectUnknown();
        if (opens.isPresent() && closes.isPresent() && !closes.get().isAfter(opens.get())) {
            problems.error(shown, h.line(), h.column(), "", "the clinic closes (" + closes.get() + ") before it opens (" + opens.get() + ")");
            return Optional.empty();
        }
        days.sort(null);
        if (days.isEmpty() || opens.isEmpty() || closes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Clinic.Hours(days, opens.get(), closes.get()));
    }

    private static Optional<LocalTime> time(String t, YamlMap h, String field, String shown, Problems problems) {
        try {
            return Optional.of(LocalTime.parse(t));
        } catch (DateTimeParseException e) {
            problems.error(shown, h.keyNode(field).map(Yaml::line).orElse(0), 0, "", "'" + field + "' must be a time written HH:MM, not '" + t + "'");
            return Optional.empty();
        }
    }

    private static Optional<Clinic.Logo> logo(org.handout.world.World world, YamlMap l, Path dir, String language, String shown,
                                              Problems problems) {
        Optional<String> file = l.text("file");
        Optional<String> alt = l.text("alt");
        safe(l, "alt", alt, language, "", shown, problems);
        l.rejectUnknown();
        if (file.isEmpty() || alt.isEmpty()) {
            return Optional.empty();
        }
        int line = l.keyNode("file").map(Yaml::line).orElse(0);
        Path path = dir.resolve(file.get()).normalize();
        if (file.get().contains("/") || file.get().contains("\\") || !path.startsWith(dir.normalize())) {
            problems.error(shown, line, 0, "", "the logo '" + file.get() + "' must be a file directly beside the profile");
            return Optional.empty();
        }
        if (alt.get().isBlank()) {
            problems.error(shown, l.keyNode("alt").map(Yaml::line).orElse(0), 0, "", "the logo needs alt text: what a screen reader says for it");
            return Optional.empty();
        }
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            problems.error(shown, line, 0, "", "the logo file " + file.get() + " does not exist");
            return Optional.empty();
        }
        // read only from inside the profile's folder (a link elsewhere is refused), and at most one byte
        // more than a logo may have: Logos refuses a larger one without it all being read
        Problems read = new Problems();
        Optional<byte[]> bytes = world.read(path, file.get(), Logos.MAX_BYTES + 1, Optional.of(dir), read);
        if (bytes.isEmpty()) {
            for (org.handout.report.Problem p : read.sorted()) {
                problems.add(new org.handout.report.Problem(p.severity(), shown, line, 0, "", "the logo " + file.get() + " " + p.message(),
                        p.hint(), p.details()));
            }
            return Optional.empty();
        }
        return Logos.read(bytes.get(), file.get(), shown, line, alt.get(), problems);
    }
}
