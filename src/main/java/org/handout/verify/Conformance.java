package org.handout.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * PDF/UA-1 and PDF/A-2u validation of a file with veraPDF, the validator the PDF Association
 * maintains. A failure names the rule (specification, clause, test) and what it says.
 */
public final class Conformance {
    /** The standards every leaflet meets. */
    public enum Standard {
        PDF_UA_1("PDF/UA-1", PDFAFlavour.PDFUA_1),
        PDF_A_2U("PDF/A-2u", PDFAFlavour.PDFA_2_U);

        private final String label;
        private final PDFAFlavour flavour;

        Standard(String label, PDFAFlavour flavour) {
            this.label = label;
            this.flavour = flavour;
        }

        public String label() {
            return label;
        }
    }

    /** One failed rule: where in the standard, how often, and what it requires. */
    public record Failure(String rule, int count, String message) {
        @Override
        public String toString() {
            return rule + " (" + count + "×): " + message;
        }
    }

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private Conformance() {
    }

    /** The rules {@code pdf} fails in {@code standard}; empty when it conforms. */
    public static List<Failure> check(Path pdf, Standard standard) throws IOException {
        try (InputStream in = Files.newInputStream(pdf);
             PDFAParser parser = Foundries.defaultInstance().createParser(in, standard.flavour)) {
            PDFAValidator validator = Foundries.defaultInstance().createValidator(standard.flavour, false);
            ValidationResult result = validator.validate(parser);
            TreeMap<String, Failure> failures = new TreeMap<>();
            for (TestAssertion a : result.getTestAssertions()) {
                if (a.getStatus() != TestAssertion.Status.FAILED) {
                    continue;
                }
                String rule = String.format(Locale.ROOT, "%s %s-%d", a.getRuleId().getSpecification().getId(),
                        a.getRuleId().getClause(), a.getRuleId().getTestNumber());
                Failure f = failures.get(rule);
                failures.put(rule, new Failure(rule, f == null ? 1 : f.count() + 1, f == null ? a.getMessage() : f.message()));
            }
            return new ArrayList<>(failures.values());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            return List.of(new Failure(standard.label(), 1, "veraPDF could not read the file: " + e.getMessage()));
        }
    }
}
