package org.handout.readers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How a reader's text is compared with a composed string: what a line break may stand for. */
class ReadersMatchTest {
    @Test
    void aLineBreakStandsForASpaceOrForNothingWhereTheLineBrokeWithoutOne() {
        assertTrue(Readers.exact("eine CT- oder eine MRT-Untersuchung", "eine CT- oder eine MRT-\nUntersuchung", false),
                "after a hyphen the line broke inside the word");
        assertTrue(Readers.exact("콩팥(신장) 위에", "콩팥\n(신장) 위에", false), "before an opening bracket");
        assertTrue(Readers.exact("the stage is", "the\nstage is", false), "where the text has a space");
        assertFalse(Readers.exact("Krankenhaus", "Kranken\nhaus", false), "not inside a word: that is a reader's break");
        assertFalse(Readers.exact("a b", "ab", false), "a space lost is lost");
        assertTrue(Readers.exact("神经母细胞瘤", "神经母\n细胞瘤", true), "Chinese breaks between any two characters");
    }
}
