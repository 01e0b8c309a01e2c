package org.interp4j.show;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final RecordingDisplay display = new RecordingDisplay();
    private final AtomicLong clock = new AtomicLong();

    @AfterEach
    void restore() {
        Show.use(null);
    }

    @Test
    void stepsRedrawAtMostEveryFewTenthsOfASecondAndAlwaysAtTheEnd() {
        try (Progress p = new Progress(display, "forward", 10, clock::get)) {
            for (int i = 0; i < 9; i++) p.step(); // clock frozen: no redraw
            assertEquals(0, display.count("update"));
            clock.addAndGet(200_000_000L);
            p.step(); // 10/10: redraw
            assertEquals(1, display.count("update"));
            assertTrue(display.last().output().text().startsWith("forward [########################] 10/10 100%"),
                    display.last().output().text());
        }
        assertEquals("finish", display.last().kind());
        assertEquals(1, display.count("live"));
    }

    @Test
    void textAndHtmlShowCountPercentageAndTimeLeft() {
        Progress p = new Progress(display, "layers <1>", 4, clock::get);
        clock.set(1_000_000_000L);
        p.step();
        Output out = display.last().output();
        assertEquals("layers <1> [######------------------] 1/4  25% 1.0s, ~3.0s left", out.text());
        assertTrue(out.html().contains("<progress value=\"1\" max=\"4\""), out.html());
        assertTrue(out.html().contains("layers &lt;1&gt; 1/4 (25%)"), out.html());
        p.close();
        assertThrows(IllegalStateException.class, p::step);
    }

    @Test
    void overCountsEveryIndexAndClosesTheBar() {
        Show.use(display);
        List<Integer> seen = new ArrayList<>();
        for (int i : Progress.over(2, 5, "range")) seen.add(i);
        assertEquals(List.of(2, 3, 4), seen);
        assertEquals("finish", display.last().kind());
        Output last = display.calls.get(display.calls.size() - 2).output();
        assertTrue(last.text().contains(" 3/3 100%"), last.text());
    }

    @Test
    void overACollectionYieldsItsItems() {
        Show.use(display);
        List<String> seen = new ArrayList<>();
        for (String s : Progress.over(List.of("a", "b"), "words")) seen.add(s);
        assertEquals(List.of("a", "b"), seen);
        assertTrue(display.calls.get(display.calls.size() - 2).output().text().contains(" 2/2 100%"));
    }

    @Test
    void emptyLoopStillEndsTheBar() {
        Show.use(display);
        for (int ignored : Progress.over(0, "nothing")) fail("no items");
        assertEquals("finish", display.last().kind());
    }

    @Test
    void negativeTotalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Progress(display, "x", -1, clock::get));
    }
}
