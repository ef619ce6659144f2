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
}
