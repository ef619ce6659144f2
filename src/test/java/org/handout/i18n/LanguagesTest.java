package org.handout.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.util.ULocale;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Locale fallback negotiated by ICU's LocaleMatcher. */
class LanguagesTest {
    private static Bundle bundle(String tag) {
        Translation t = new Translation("en", LocalDate.of(2026, 11, 25), "test", Translation.Status.DRAFT,
                Optional.empty(), Optional.empty());
        return new Bundle(tag, "translations/" + tag + ".yaml", tag.equals("en") ? Optional.empty() : Optional.of(t), Map.of(), Map.of());
    }

    private final Languages languages = new Languages(bundle("en"),
            List.of(bundle("ar"), bundle("es"), bundle("fr"), bundle("zh-Hans")));

    @Test
    void exactTagIsServedByItsBundle() {
        Languages.Resolution r = languages.resolve("fr");
        assertEquals("fr", r.bundle().tag());
        assertEquals(ULocale.forLanguageTag("fr"), r.formatLocale());
        assertFalse(r.fellBack());
    }

    @Test
    void regionalSpanishFallsBackToSpanishTextWithMexicanFormatting() {
        Languages.Resolution r = languages.resolve("es-MX");
        assertEquals("es", r.bundle().tag());
        assertEquals(ULocale.forLanguageTag("es-MX"), r.formatLocale());
        assertFalse(r.fellBack());
    }

    @Test
    void chineseForChinaIsServedBySimplifiedChinese() {
        assertEquals("zh-Hans", languages.resolve("zh-CN").bundle().tag());
        assertEquals("zh-Hans", languages.resolve("zh").bundle().tag());
    }

    @Test
    void egyptianArabicIsServedByArabicAndStaysRightToLeft() {
        Languages.Resolution r = languages.resolve("ar-EG");
        assertEquals("ar", r.bundle().tag());
        assertTrue(r.formatLocale().isRightToLeft());
    }

    @Test
    void languageWithoutABundleFallsBackToEnglish() {
        Languages.Resolution r = languages.resolve("pt-BR");
        assertEquals("en", r.bundle().tag());
        assertEquals(ULocale.forLanguageTag("en"), r.formatLocale());
        assertTrue(r.fellBack());
    }
}
