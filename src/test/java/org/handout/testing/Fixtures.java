package org.handout.testing;

/** Small inputs shared by tests that need a content folder of their own. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The shared strings every {@code content/common.yaml} needs, but the page label, as YAML lines under {@code strings:}. */
    public static final String REQUIRED_STRINGS = """
              disclaimer: "This leaflet gives general information."
              revised: "Revised {date}"
              translated-from: "Translated from the English edition of {edition}."
              draft: "Draft translation."
              reviewed: "Checked by {reviewer} on {reviewed}."
              phone-toll-free: "Toll-free"
              phone-tty: "TTY"
              phone-phone: "Phone"
              phone-fax: "Fax"
            """;

    /** A {@code content/common.yaml} listing one leaflet, {@code mini}, with the page label and the other shared strings. */
    public static final String COMMON_WITH_MINI = """
            leaflet: common
            leaflets: [mini]
            strings:
              page: "Page {page} of {pages}"
            """ + REQUIRED_STRINGS;

    /**
     * Bundle entries translating {@link #REQUIRED_STRINGS} (each text the English in angle quotes,
     * so it is neither missing nor the same as the English), to append after a test's own entries;
     * but those the test writes itself ({@code except}, e.g. {@code common.revised}).
     */
    public static String requiredEntries(String... except) {
        StringBuilder b = new StringBuilder();
        for (String line : REQUIRED_STRINGS.strip().split("\n")) {
            String l = line.strip();
            int colon = l.indexOf(": ");
            String key = "common." + l.substring(0, colon);
            if (java.util.List.of(except).contains(key)) {
                continue;
            }
            String english = l.substring(colon + 3, l.length() - 1);
            String text = english.endsWith(".") ? "«" + english.substring(0, english.length() - 1) + "»." : "«" + english + "»";
            b.append("  ").append(key).append(":\n    source: \"").append(english).append("\"\n    text: \"").append(text).append("\"\n");
        }
        return b.toString();
    }

    /** {@code content/mini.yaml}: one section, one paragraph with a plural of data {@code months}. */
    public static final String MINI = """
            leaflet: mini
            revised: "2026-11-25"
            title: "A mini leaflet"
            data:
              months: 12
            sections:
              - id: s
                heading: "Heading"
                blocks:
                  - paragraph: age
                    text: "Younger than {months, plural, one {# month} other {# months}}."
            """;
}
