package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Discussion cells that quote a solution's results are solution-only; students get a prompt. */
class StudentVersionMarkdownTest {

    @Test
    void solutionBlocksGoAndStudentLinesAppear() {
        String md = "## Discussion\n<!-- student: What did the best unit detect? -->\n<!-- BEGIN SOLUTION -->\n"
                + "The best unit reached AP 0.93.\n<!-- END SOLUTION -->\nMore to read.";
        assertEquals("## Discussion\nWhat did the best unit detect?\nMore to read.", StudentVersion.stripMarkdown(md, 3));
    }

    @Test
    void anUnclosedBlockIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StudentVersion.stripMarkdown("<!-- BEGIN SOLUTION -->\nx", 1));
    }
}
