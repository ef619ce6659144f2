package org.handout.testing;

/** Small inputs shared by tests that need a content folder of their own. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A {@code content/common.yaml} listing one leaflet, {@code mini}, with one shared string. */
    public static final String COMMON_WITH_MINI = """
            leaflet: common
            leaflets: [mini]
            strings:
              page: "Page {page} of {pages}"
            """;

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
