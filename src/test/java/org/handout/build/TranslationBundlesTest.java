package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.handout.doc.Leaflet;
import org.handout.i18n.Bundle;
import org.handout.i18n.Languages;
import org.handout.i18n.Translation;
import org.handout.report.Problems;
import org.junit.jupiter.api.Test;

/** The shipped bundles themselves: registered, complete, valid, and honest about their review state. */
class TranslationBundlesTest {
    static final Project PROJECT = Project.load(new Workspace(Path.of("")));

    @Test
    void everyBundleIsCompleteValidAndHasTheEnglishPlaceholdersAndPluralCategories() {
        assertEquals(List.of(), PROJECT.problems().stream().filter(org.handout.report.Problem::isError).toList());
    }

    @Test
    void thirtyTranslationsAreRegisteredBesideTheEnglishSource() {
        assertEquals(List.of("en", "am", "ar", "bn", "de", "es", "fa", "fil", "fr", "gu", "he", "hi", "ht", "ja", "km", "ko", "my", "ne", "pa", "pl", "ps", "pt-BR", "ru", "so", "ta", "th", "uk", "ur", "vi", "zh-Hans", "zh-Hant"), PROJECT.languages().tags());
        for (String tag : PROJECT.languages().tags()) {
            Bundle b = PROJECT.languages().bundle(tag).orElseThrow();
            assertEquals(tag.equals("en"), b.isSource(), tag);
            assertEquals(PROJECT.content().texts().keySet(), b.messages().keySet(), tag + " does not have exactly the source keys");
        }
    }

    @Test
    void everyDraftLeafletSaysSoInItsOwnLanguageAndNamesTheEditionItCameFrom() {
        for (String tag : PROJECT.languages().tags()) {
            Bundle b = PROJECT.languages().bundle(tag).orElseThrow();
            if (b.isSource()) {
                continue;
            }
            Translation t = b.translation().orElseThrow();
            assertEquals("en", t.from());
            Languages.Resolution r = PROJECT.languages().resolve(tag);
            for (String leaflet : PROJECT.content().leafletIds()) {
                Problems p = new Problems();
                Leaflet doc = PROJECT.compose(leaflet, r, p).orElseThrow(() -> new AssertionError(p.sorted()));
                if (t.isDraft()) {
                    // the bundle's note as the language prints it (French with its narrow no-break spaces)
                    String draftNote = new org.handout.i18n.Localizer(b, b.locale()).format("common.draft", java.util.Map.of(), new Problems())
                            .orElseThrow();
                    assertTrue(draftNote.replace('\u202F', '\u00A0').equals(b.message("common.draft").orElseThrow().pattern()), draftNote);
                    assertEquals(draftNote, doc.footer().warning().orElseThrow().plainText(), tag + "/" + leaflet);
                    assertTrue(t.reviewer().isEmpty());
                }
                String from = doc.footer().notes().get(doc.footer().notes().size() - 1).plainText();
                String edition = new org.handout.i18n.Localizer(b, r.formatLocale()).date(t.edition());
                assertTrue(from.contains(edition), tag + "/" + leaflet + ": «" + from + "» does not name the edition " + edition);
            }
        }
    }

    @Test
    void reviewedBundleNamesItsReviewerAndDateAndDropsTheDraftWarning(@org.junit.jupiter.api.io.TempDir Path dir) {
        org.handout.testing.TestProject p = org.handout.testing.TestProject.copyInto(dir);
        p.replace("translations/es.yaml", "  status: draft\n  reviewer: null\n  reviewed: null",
                "  status: reviewed\n  reviewer: \"Dra. Ana Ruiz\"\n  reviewed: \"2026-12-01\"");
        Project project = Project.load(new Workspace(p.root()));
        assertEquals(List.of(), project.problems().stream().filter(org.handout.report.Problem::isError).toList());
        Problems problems = new Problems();
        Leaflet doc = project.compose("overview", project.languages().resolve("es"), problems).orElseThrow();
        assertTrue(doc.footer().warning().isEmpty(), "a reviewed leaflet carries no draft warning");
        String reviewed = doc.footer().notes().get(doc.footer().notes().size() - 1).plainText();
        assertTrue(reviewed.contains("Dra. Ana Ruiz") && reviewed.contains("1 de diciembre de 2026"), reviewed);
    }
}
