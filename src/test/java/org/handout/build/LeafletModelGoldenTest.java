package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.handout.i18n.Languages;
import org.handout.report.Problems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The composed model of every leaflet in every language, as text, compared with
 * {@code src/test/resources/golden/<lang>/<leaflet>.txt}: every formatted plural, list, date and
 * number is visible in review before a pixel is drawn. After an intended change, regenerate with
 * {@code ./mvnw verify -Dhandout.updateGolden=true} and read the diff.
 */
class LeafletModelGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final Project PROJECT = Project.load(new Workspace(Path.of("")));

    static Stream<Arguments> leaflets() {
        List<Arguments> out = new ArrayList<>();
        for (String lang : PROJECT.languageTags()) {
            for (String leaflet : PROJECT.content().leafletIds()) {
                out.add(Arguments.of(lang, leaflet));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("leaflets")
    void composedLeafletMatchesItsGoldenOutline(String lang, String leaflet) throws IOException {
        Problems p = new Problems();
        Languages.Resolution r = PROJECT.languages().resolve(lang);
        String outline = PROJECT.compose(leaflet, r, p).orElseThrow(() -> new AssertionError(p.sorted())).outline();
        Path file = GOLDEN.resolve(lang).resolve(leaflet + ".txt");
        if (Boolean.getBoolean("handout.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, outline, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), outline,
                "the composed " + lang + "/" + leaflet + " changed; if intended, run with -Dhandout.updateGolden=true and review the diff");
    }
}
