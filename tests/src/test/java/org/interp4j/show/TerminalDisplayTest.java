package org.interp4j.show;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalDisplayTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private TerminalDisplay display;

    @BeforeEach
    void setUp() {
        display = new TerminalDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("show"));
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textIsPrintedAsALine() {
        display.show(Output.html("<b>hi</b>", "hi"));
        assertEquals("hi" + System.lineSeparator(), printed());
    }

    @Test
    void imagesGoToFilesWhosePathIsPrinted() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        display.show(Output.png(png, "XYChart \"t\" (1x1)"));
        display.show(Output.svg("<svg/>", "svg chart"));
        String[] lines = printed().split("\\R");
        assertEquals(2, lines.length, printed());
        Path pngFile = Path.of(lines[0].substring(lines[0].indexOf(" -> ") + 4));
        Path svgFile = Path.of(lines[1].substring(lines[1].indexOf(" -> ") + 4));
        assertTrue(lines[0].startsWith("XYChart \"t\" (1x1) -> "));
        assertTrue(pngFile.startsWith(dir.resolve("show")) && pngFile.toString().endsWith(".png"));
        assertArrayEquals(png, Files.readAllBytes(pngFile));
        assertEquals("<svg/>", Files.readString(svgFile));
    }

    @Test
    void liveOutputRedrawsOneLineAndEndsItOnFinish() {
        String id = display.showLive(Output.text("step 1/3 long text"));
        display.update(id, Output.text("step 2/3"));
        display.finish(id);
        display.finish(id); // a second finish prints nothing more
        assertEquals("\rstep 1/3 long text\rstep 2/3          " + System.lineSeparator(), printed());
    }

    @Test
    void unwritableFolderSaysWhatToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        TerminalDisplay broken = new TerminalDisplay(new PrintStream(bytes), file);
        var e = assertThrows(java.io.UncheckedIOException.class, () -> broken.show(Output.png(new byte[1], "c")));
        assertTrue(e.getMessage().contains("interp4j.show.dir"), e.getMessage());
    }
}
