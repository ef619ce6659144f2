package org.handout.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A node of a leaflet's logical structure, for the PDF's tag tree: its role (a PDF structure
 * type: {@code Document}, {@code H1}, {@code P}, {@code L}, {@code LI}, {@code Lbl}, {@code LBody},
 * {@code Table}, {@code TR}, {@code TH}, {@code TD}, {@code Div}, or {@code Aside} for the
 * call-the-doctor box), its children in reading order, and for a heading its text (a bookmark).
 * Layout builds the tree in reading order while it builds the units of the page, so the order of
 * the children is the order a screen reader reads, whatever the pages do.
 */
public final class Tag {
    private final String role;
    private final List<Tag> kids = new ArrayList<>();
    private final String title;
    private final String scope;
    private String alt;
    private boolean numbered;
    private boolean mixed;

    private Tag(String role, String title, String scope) {
        this.role = role;
        this.title = title;
        this.scope = scope;
    }

    /** A figure child (an image), with the text a screen reader says for it. */
    public Tag figure(String altText) {
        Tag t = new Tag("Figure", null, null);
        t.alt = altText;
        kids.add(t);
        return t;
    }

    /** Marks a list ({@code L}) as numbered: its labels are decimal numbers. */
    public void numbered() {
        numbered = true;
    }

    /** Whether this list's labels are numbers ({@code /ListNumbering /Decimal}). */
    public boolean isNumbered() {
        return numbered;
    }

    /**
     * Marks an element whose text holds a link: the PDF then puts its words in {@code Span} and
     * {@code Link} elements of their own, in reading order (an element holds either words or
     * other elements).
     */
    public void mixed() {
        mixed = true;
    }

    /** Whether the element's text holds a link. */
    public boolean isMixed() {
        return mixed;
    }

    /** A figure's alternative text. */
    public Optional<String> alt() {
        return Optional.ofNullable(alt);
    }

    /** The root of a leaflet's tree. */
    public static Tag document() {
        return new Tag("Document", null, null);
    }

    /** A child with this role, added after the children so far. */
    public Tag add(String role) {
        Tag t = new Tag(role, null, null);
        kids.add(t);
        return t;
    }

    /** A heading child, whose text becomes a bookmark. */
    public Tag heading(String role, String text) {
        Tag t = new Tag(role, text, null);
        kids.add(t);
        return t;
    }

    /** A table header cell for a {@code Column} or a {@code Row}. */
    public Tag header(String scope) {
        Tag t = new Tag("TH", null, scope);
        kids.add(t);
        return t;
    }

    public String role() {
        return role;
    }

    public List<Tag> kids() {
        return Collections.unmodifiableList(kids);
    }

    /** A heading's text, for its bookmark. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** A header cell's scope: {@code Column} or {@code Row}. */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /** The heading level (1 to 6) of an {@code H1}…{@code H6}, or 0. */
    public int headingLevel() {
        return role.length() == 2 && role.charAt(0) == 'H' && Character.isDigit(role.charAt(1)) ? role.charAt(1) - '0' : 0;
    }
}
