package org.handout.clinic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clinic profiles: merging the per-language overrides, formatting hours per locale, and every check. */
class ClinicProfileTest {
    @TempDir
    Path dir;

    private static Clinic riverside() {
        Problems p = new Problems();
        return ClinicLoader.load(TestProject.REAL.resolve("clinics/riverside.yaml"), "clinics/riverside.yaml", p)
                .orElseThrow(() -> new AssertionError(p.sorted()));
    }

    @Test
    void aLanguageWithAnEntryGetsItsNameOthersTheProfilesOwnMarkedAsSuch() {
        Clinic c = riverside();
        assertEquals("Clínica de Cáncer del Hospital Infantil Riverside", c.name("es").value());
        assertTrue(c.name("es").translated());
        assertEquals("Clínica de Cáncer del Hospital Infantil Riverside", c.name("es-MX").value(), "a regional tag uses its language's entry");
        assertEquals("Riverside Children's Hospital Cancer Clinic", c.name("en").value());
        assertTrue(c.name("en").translated(), "the profile's own language needs no marking");
        assertEquals("Riverside Children's Hospital Cancer Clinic", c.name("pt").value());
        assertFalse(c.name("pt").translated(), "a language without an entry shows the English name, marked as English");
        assertEquals(List.of("1200 River Road", "Springfield, IL 62704"), c.address("de").value());
        assertTrue(c.logo().isPresent() && c.logo().get().alt().equals("Riverside Children's Hospital"));
    }

    @Test
    void hoursAreFormattedByIcuInEachLanguagesWords() {
        Clinic c = riverside();
        assertEquals("Monday–Friday 8:00\u202FAM\u2009–\u20095:30\u202FPM", c.hours(ULocale.forLanguageTag("en-US"), "en").orElseThrow());
        assertEquals("lunes–viernes 8:00–17:30 (cerrado los días festivos)", c.hours(ULocale.forLanguageTag("es"), "es").orElseThrow());
        assertEquals("Montag–Freitag 08:00–17:30 Uhr", c.hours(ULocale.GERMAN, "de").orElseThrow());
        assertEquals("月曜日–金曜日 8時00分～17時30分", c.hours(ULocale.JAPANESE, "ja").orElseThrow());
    }

    private List<String> problems(String yaml) throws IOException {
        Path f = dir.resolve("test.yaml");
        Files.writeString(f, yaml);
        Problems p = new Problems();
        ClinicLoader.load(f, "clinics/test.yaml", p);
        return p.sorted().stream().map(Problem::format).toList();
    }

    @Test
    void aProfileIsCheckedLikeAnyInputEveryProblemLocated() throws IOException {
        Files.writeString(dir.resolve("logo.png"), "GIF89a: a GIF, which a leaflet does not take");
        Files.write(dir.resolve("real.png"), Files.readAllBytes(TestProject.REAL.resolve("clinics/riverside-logo.png")));
        List<String> found = problems("""
                clinic: other
                name: "A clinic"
                phones: [{mobile: "1"},
                         {phone: "call us"}]
                hours: {days: [someday], opens: "08:00", closes: "5pm"}
                website: "javascript:alert(1)"
                logo: {file: logo.png, alt: "A clinic"}
                colour: blue
                """);
        assertEquals(List.of(
                "clinics/test.yaml:1: error: clinic 'other' does not match the file name; name the file other.yaml or fix the id",
                "clinics/test.yaml:1:1: error: missing field 'address'",
                "clinics/test.yaml:3:10: error: a phone is one of [fax, phone, toll-free, tty] with its number, e.g. {phone: \"217-555-0142\"}",
                "clinics/test.yaml:4:10: error: 'call us' is not a phone number (digits, spaces, + ( ) . / -)",
                "clinics/test.yaml:5: error: 'closes' must be a time written HH:MM, not '5pm'",
                "clinics/test.yaml:5:16: error: 'someday' is not a day (monday … sunday)",
                "clinics/test.yaml:6: error: the website must be an http(s) address, not 'javascript:alert(1)'",
                "clinics/test.yaml:7: error: the logo logo.png is GIF; save it as PNG",
                "clinics/test.yaml:8:1: error: unknown field 'colour'"), found);
        assertEquals(List.of("clinics/test.yaml:4: error: the logo '../real.png' must be a file directly beside the profile"), problems("""
                clinic: test
                name: "A clinic"
                address: ["1 Main Street"]
                logo: {file: ../real.png, alt: "A clinic"}
                """));
        assertEquals(List.of("clinics/test.yaml:4: error: the logo needs alt text: what a screen reader says for it"), problems("""
                clinic: test
                name: "A clinic"
                address: ["1 Main Street"]
                logo: {file: real.png, alt: " "}
                """));
        assertEquals(List.of(), problems("""
                clinic: test
                name: "A clinic"
                address: ["1 Main Street"]
                logo: {file: real.png, alt: "A clinic"}
                languages:
                  es: {name: "Una clínica"}
                """));
    }

    @Test
    void theExampleProfileLoadsWithoutProblems() {
        Problems p = new Problems();
        Optional<Clinic> c = ClinicLoader.load(TestProject.REAL.resolve("clinics/riverside.yaml"), "clinics/riverside.yaml", p);
        assertEquals(List.of(), p.sorted());
        assertEquals(13, c.orElseThrow().overrides().size(), "a name for every translated language");
    }
}
