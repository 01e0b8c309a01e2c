package org.interp4j.e2e;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.interp4j.data.WordList;
import org.interp4j.decompose.Articles;
import org.interp4j.grade.Notebook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notebooks and datasets are UTF-8 whatever the machine's default charset (Windows with Java 17
 * defaults to windows-1252): a child JVM whose default is ISO-8859-1 writes and reads non-ASCII text through the
 * library, and every reader must give the text back unchanged. A reader that fell back to the default would
 * turn each "é" into two characters.
 */
class Utf8FilesTest {
    static final String TEXT = "naïve café, Zoë’s “Ω” – 東京 🙂";

    @TempDir Path dir;

    @Test
    void readersAndWritersIgnoreThePlatformCharset() throws Exception {
        // written by this JVM as UTF-8 bytes, as they come in the repository
        Files.write(dir.resolve("words.txt"), List.of("# a comment", TEXT), StandardCharsets.UTF_8);
        Files.write(dir.resolve("articles.txt"), List.of("!ARTICLE", TEXT), StandardCharsets.UTF_8);

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=ISO-8859-1", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), dir.toString()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);

        List<String> lines = out.lines().toList();
        assertEquals("default=ISO-8859-1", lines.get(0), "the child must really run with a non-UTF-8 default");
        String expected = escape(TEXT);
        // a word list keeps its words normalized (lower case, no punctuation): compared with the same words given directly
        String word = escape(WordList.of("words", List.of(TEXT)).words().get(0));
        assertEquals(List.of("notebook=" + expected, "notebook-bytes=" + expected, "words=" + word,
                "articles=" + expected), lines.subList(1, lines.size()));
    }

    /** Non-ASCII characters as \\uXXXX, so that the child's own output encoding cannot change them. */
    static String escape(String s) {
        return s.chars().mapToObj(c -> c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c))
                .collect(Collectors.joining());
    }

    /** Runs in the child JVM: writes and reads through the library, prints what came back. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            System.out.println("default=" + Charset.defaultCharset());

            Notebook nb = Notebook.create();
            nb.addCell("markdown", TEXT);
            Path file = dir.resolve("notebook.ipynb");
            nb.write(file);
            System.out.println("notebook=" + escape(Notebook.read(file).cells().get(0).source()));
            // the bytes on disk are UTF-8, as Jupyter writes them
            String onDisk = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            System.out.println("notebook-bytes=" + escape(onDisk.contains(TEXT) ? TEXT : onDisk));

            System.out.println("words=" + escape(WordList.read(dir.resolve("words.txt")).words().get(0)));
            System.out.println("articles=" + escape(Articles.read(dir.resolve("articles.txt")).get(0).strip()));
        }
    }
}
