package org.handout.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.util.ULocale;
import java.time.LocalDate;
import java.util.List;
import org.handout.content.DataValue;
import org.junit.jupiter.api.Test;

/** Each of the project's overrides of ICU's CLDR data gives what readers of the language write (see {@link Conventions}). */
class ConventionsTest {
    private static Localizer in(String tag) {
        return new Localizer(null, ULocale.forLanguageTag(tag));
    }

    @Test
    void thaiOrListsSeparateBySpacesWithoutALatinComma() {
        assertEquals("ตับ ผิวหนัง หรือไขกระดูก", in("th").list(List.of("ตับ", "ผิวหนัง", "ไขกระดูก"), DataValue.Join.OR));
    }

    @Test
    void bengaliNepaliAndGujaratiOrListsHaveNoCommaBeforeOr() {
        assertEquals("যকৃত, ত্বক বা অস্থিমজ্জা", in("bn").list(List.of("যকৃত", "ত্বক", "অস্থিমজ্জা"), DataValue.Join.OR));
        assertEquals("যকৃত, ত্বক এবং অস্থিমজ্জা", in("bn").list(List.of("যকৃত", "ত্বক", "অস্থিমজ্জা"), DataValue.Join.AND), "ICU's own");
        assertEquals("कलेजो, छाला वा हड्डीको मासी", in("ne").list(List.of("कलेजो", "छाला", "हड्डीको मासी"), DataValue.Join.OR));
        assertEquals("લીવર, ચામડી અથવા અસ્થિમજ્જા", in("gu").list(List.of("લીવર", "ચામડી", "અસ્થિમજ્જા"), DataValue.Join.OR));
    }

    @Test
    void koreanAndListsTakeWaOrGwaByTheLastSyllableNotTheFormalMit() {
        assertEquals("간, 피부와 골수", in("ko").list(List.of("간", "피부", "골수"), DataValue.Join.AND), "피부 ends in a vowel");
        assertEquals("피부, 간과 골수", in("ko").list(List.of("피부", "간", "골수"), DataValue.Join.AND), "간 ends in ㄴ");
        assertEquals("간, 피부 또는 골수", in("ko").list(List.of("간", "피부", "골수"), DataValue.Join.OR), "ICU's own");
    }

    @Test
    void haitianCreoleListsAndDatesAreCreoleWhereIcuHasNoData() {
        assertEquals("fwa, po oswa mwèl zo", in("ht").list(List.of("fwa", "po", "mwèl zo"), DataValue.Join.OR));
        assertEquals("fwa, po ak mwèl zo", in("ht").list(List.of("fwa", "po", "mwèl zo"), DataValue.Join.AND));
        assertEquals("25 novanm 2026", in("ht").date(LocalDate.of(2026, 11, 25)));
        assertEquals("1 desanm 2026", in("ht").date(LocalDate.of(2026, 12, 1)));
    }

    @Test
    void pashtoDatesHaveNoLatinEra() {
        String d = in("ps").date(LocalDate.of(2026, 12, 1));
        assertEquals("۱۰ لیندۍ ۱۴۰۵", d, "the Solar Hijri date, as CLDR gives it, without 'AP'");
    }

    @Test
    void vietnameseDatesReadNgayThangNam() {
        assertEquals("ngày 25 tháng 11 năm 2026", in("vi").date(LocalDate.of(2026, 11, 25)));
    }

    @Test
    void frenchPunctuationTakesANarrowNoBreakSpace() {
        assertEquals("Qui est touché\u202F? Appelez\u202F: maintenant\u202F!",
                Conventions.typography(ULocale.FRENCH).apply("Qui est touché\u00A0? Appelez\u00A0: maintenant\u00A0!"));
        assertEquals("a\u00A0b", Conventions.typography(ULocale.FRENCH).apply("a\u00A0b"), "a no-break space elsewhere stays");
        assertEquals("Wer\u00A0?", Conventions.typography(ULocale.GERMAN).apply("Wer\u00A0?"), "French only");
    }
}
