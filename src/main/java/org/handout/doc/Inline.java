package org.handout.doc;

/** A run of text inside a paragraph, with how it is set. */
public sealed interface Inline {

    /** The characters of the run, as the reader should get them back from the PDF. */
    String text();

    /** Ordinary text in the leaflet's language. */
    record Plain(String text) implements Inline {
    }

    /** Bold text, such as a label or a word that matters most. */
    record Strong(String text) implements Inline {
    }

    /** Emphasised text: italic where the script's face has an italic. */
    record Emphasis(String text) implements Inline {
    }

    /**
     * Text in another language, such as an English organisation name in an Arabic leaflet: it is
     * set as a unit with its own direction and tagged with its language.
     */
    record Foreign(String text, String lang) implements Inline {
    }

    /** A phone number: always left to right, never broken across lines. */
    record Phone(String text) implements Inline {
    }

    /** Words that link to a web address: a tagged link annotation in the PDF. */
    record Link(String text, String url) implements Inline {
    }
}
