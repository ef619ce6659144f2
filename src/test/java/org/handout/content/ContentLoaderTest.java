package org.handout.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.handout.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the English source: keys, data, and every structural mistake reported at its line. */
class ContentLoaderTest {
    static final String MINI = """
            leaflet: mini
            revised: "2026-11-25"
            title: "A mini leaflet"
            data:
              sites: {terms: [liver, skin], join: or}
              siteCount: {count: sites}
              itemCount: {count: s.list}
            terms:
              liver: "liver"
              skin: "skin"
            sections:
              - id: s
                heading: "Heading"
                blocks:
                  - paragraph: p
                    text: "It can reach the {sites}."
                  - list: list
                    items:
                      - {id: one, text: "One"}
                      - {id: two, text: "Two"}
            """;

    @TempDir
    Path dir;

    private Optional<Content> load(String mini, Problems p) throws IOException {
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/common.yaml"), Fixtures.COMMON_WITH_MINI);
        Files.writeString(dir.resolve("content/mini.yaml"), mini);
        return ContentLoader.load(dir.resolve("content"), "content", p);
    }

    private List<String> problems(String mini) throws IOException {
        Problems p = new Problems();
        load(mini, p);
        return p.sorted().stream().map(Problem::format).toList();
    }

    @Test
    void keysFollowLeafletSectionBlockAndItemIdsInDocumentOrder() throws IOException {
        Problems p = new Problems();
        Content c = load(MINI, p).orElseThrow(() -> new AssertionError(p.sorted()));
        assertEquals(List.of("mini.title", "mini.term.liver", "mini.term.skin", "mini.s.heading", "mini.s.p",
                "mini.s.list.one", "mini.s.list.two"), c.texts().keySet().stream().filter(k -> !k.startsWith("common.")).toList());
        assertEquals("common.page", c.texts().keySet().iterator().next(), "the shared strings come first");
        Message m = c.texts().get("mini.s.p");
        assertEquals("content/mini.yaml", m.file());
        assertEquals(16, m.line());
    }

    @Test
    void dataStaysDataAndCountsAreDerived() throws IOException {
        Problems p = new Problems();
        LeafletSource l = load(MINI, p).orElseThrow().leaflet("mini").orElseThrow();
        assertEquals(new DataValue.Terms(List.of("liver", "skin"), DataValue.Join.OR), l.data().get("sites"));
        assertEquals(new DataValue.Number(2), l.data().get("siteCount"));
        assertEquals(new DataValue.Number(2), l.data().get("itemCount"));
    }

    @Test
    void brokenYamlNamesLineAndColumn() throws IOException {
        List<String> p = problems(MINI.replace("title: \"A mini leaflet\"", "title: \"A mini leaflet"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).matches("content/mini\\.yaml:\\d+:\\d+: error: not valid YAML: .*"), p.get(0));
    }

    @Test
    void tabUsedForIndentationIsReportedAtItsLine() throws IOException {
        List<String> p = problems(MINI.replace("  liver: \"liver\"", "\tliver: \"liver\""));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("content/mini.yaml:9:"), p.get(0));
        assertTrue(p.get(0).contains("\\t") || p.get(0).toLowerCase().contains("tab"), p.get(0));
    }

    @Test
    void unknownFieldDuplicateKeyUndefinedTermAndBadDateAreEachReported() throws IOException {
        String broken = MINI.replace("revised: \"2026-11-25\"", "revised: \"25/11/2026\"")
                .replace("title: \"A mini leaflet\"", "title: \"A mini leaflet\"\ncolour: blue")
                .replace("  skin: \"skin\"", "  skin: \"skin\"\n  skin: \"skin again\"")
                .replace("[liver, skin]", "[liver, lungs]");
        assertEquals(List.of(
                "content/mini.yaml:2:10: error: '25/11/2026' is not a date written as YYYY-MM-DD",
                "content/mini.yaml:4:1: error: unknown field 'colour'",
                "content/mini.yaml:6:26: error: data 'sites' uses term 'lungs', which is not defined under 'terms'",
                "content/mini.yaml:12:3: error: field 'skin' appears twice (first at line 11)"), problems(broken));
    }

    @Test
    void yamlTwelveKeepsNoAndOnAsText() throws IOException {
        Problems p = new Problems();
        Content c = load(MINI.replace("text: \"One\"", "text: no").replace("text: \"Two\"", "text: on"), p).orElseThrow();
        assertEquals("no", c.texts().get("mini.s.list.one").pattern());
        assertEquals("on", c.texts().get("mini.s.list.two").pattern());
    }

    @Test
    void aliasBombIsRefusedAsInvalidYaml() throws IOException {
        StringBuilder b = new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            b.append("]\n");
        }
        List<String> p = problems(b.toString());
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("content/mini.yaml:"), p.get(0));
        assertTrue(p.get(0).contains("not valid YAML") && p.get(0).toLowerCase(java.util.Locale.ROOT).contains("aliases"), p.get(0));
    }

    @Test
    void fileThatIsNotUtf8IsNamedAsSuch() throws IOException {
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/common.yaml"), Fixtures.COMMON_WITH_MINI);
        Files.write(dir.resolve("content/mini.yaml"), MINI.replace("A mini leaflet", "Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));
        Problems p = new Problems();
        ContentLoader.load(dir.resolve("content"), "content", p);
        assertEquals(List.of("content/mini.yaml:3: error: file is not UTF-8 text; save it as UTF-8"),
                p.sorted().stream().map(Problem::format).toList());
    }

    static final String EVERY_BLOCK = """
            leaflet: mini
            revised: "2026-11-25"
            title: "A mini leaflet"
            data:
              site: {link: "https://example.org/a"}
              rows: {count: s.t}
            sections:
              - id: s
                heading: "Heading"
                blocks:
                  - heading: h
                    text: "Sub"
                  - list: l
                    numbered: true
                    items:
                      - id: a
                        text: "A <b>bold</b> word"
                        blocks:
                          - list: in
                            items:
                              - {id: x, text: "Inner"}
                  - table: t
                    columns:
                      - {id: c1, header: "One", width: 1}
                      - {id: c2, header: "Two", width: 3}
                    rows:
                      - id: r
                        data: {code: "4S"}
                        cells: {c1: "Stage {code}", c2: {items: [{id: i, text: "item"}]}}
                  - callout: c
                    kind: warning
                    title: "Careful"
                    blocks:
                      - paragraph: p
                        text: "See <link:site>this</link>."
                  - definitions: d
                    items:
                      - {id: w, term: "word", meaning: "meaning"}
                  - checklist: k
                    lines: 2
                    items:
                      - {id: q, text: "Question?"}
                  - qr: code
                    link: site
                    caption: "Scan it."
                  - include: shared
            """;

    static final String SNIPPETS = """
            snippets:
              - paragraph: shared
                text: "Written once."
            """;

    @Test
    void everyBlockKindMakesItsKeysAndASnippetKeepsItsOwn() throws IOException {
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/snippets.yaml"), SNIPPETS);
        Problems p = new Problems();
        Content c = load(EVERY_BLOCK, p).orElseThrow(() -> new AssertionError(p.sorted()));
        assertEquals(List.of("mini.title", "mini.s.heading", "mini.s.h", "mini.s.l.a", "mini.s.l.a.in.x",
                "mini.s.t.header.c1", "mini.s.t.header.c2", "mini.s.t.r.c1", "mini.s.t.r.c2.i", "mini.s.c.title", "mini.s.c.p",
                "mini.s.d.w.term", "mini.s.d.w.meaning", "mini.s.k.q", "mini.s.code.caption", "snippets.shared"),
                c.texts().keySet().stream().filter(k -> !k.startsWith("common.")).toList());
        LeafletSource l = c.leaflet("mini").orElseThrow();
        assertEquals(new DataValue.Number(1), l.data().get("rows"), "a count of a table's rows");
        assertEquals(ArgumentKind.TEXT, l.rowArguments().get("mini.s.t.r.c1").get("code"), "a row's data is a placeholder of its cells");
        SourceBlock.Qr qr = (SourceBlock.Qr) l.sections().get(0).blocks().get(6);
        assertEquals("https://example.org/a", qr.url());
    }

    @Test
    void aBlockOfTheNewVocabularyWithABadValueIsReportedAtItsLine() throws IOException {
        String bad = EVERY_BLOCK.replace("kind: warning", "kind: alarm").replace("width: 3", "width: wide")
                .replace("link: site", "link: nowhere").replace("- include: shared", "- include: missing");
        List<String> said = problems(bad);
        assertTrue(said.stream().anyMatch(x -> x.contains("unknown callout kind 'alarm'; use note, warning or doctor")), said.toString());
        assertTrue(said.stream().anyMatch(x -> x.matches("content/mini.yaml:\\d+:\\d+: error: a column's 'width' is a share.*")), said.toString());
        assertTrue(said.stream().anyMatch(x -> x.contains("'nowhere' is not a web address under 'data'")), said.toString());
        assertTrue(said.stream().anyMatch(x -> x.contains("there is no snippet 'missing'")), said.toString());
    }
}
