package org.handout.layout;

import com.ibm.icu.util.LocaleData;
import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Optional;

/** A paper size in points: A4, or US Letter where that is the custom. */
public enum Paper {
    A4(595.276f, 841.89f),
    LETTER(612f, 792f);

    private final float width;
    private final float height;

    Paper(float width, float height) {
        this.width = width;
        this.height = height;
    }

    public float width() {
        return width;
    }

    public float height() {
        return height;
    }

    /**
     * The paper a locale's country uses, from CLDR through ICU4J {@link LocaleData#getPaperSize}:
     * Letter for the United States, Canada, Mexico and most of Latin America, A4 elsewhere. A
     * locale without a country takes its likeliest one ("en" is en-US, "es" is es-ES).
     */
    public static Paper forLocale(ULocale locale) {
        LocaleData.PaperSize size = LocaleData.getPaperSize(ULocale.addLikelySubtags(locale));
        return size.getWidth() == 216 && size.getHeight() == 279 ? LETTER : A4;
    }

    /** The name people know it by: "A4", "Letter". */
    public String label() {
        return this == A4 ? "A4" : "Letter";
    }

    /** The paper named {@code a4} or {@code letter}, in any case. */
    public static Optional<Paper> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "a4" -> Optional.of(A4);
            case "letter" -> Optional.of(LETTER);
            default -> Optional.empty();
        };
    }
}
