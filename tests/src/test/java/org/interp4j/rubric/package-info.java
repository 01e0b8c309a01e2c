/**
 * The grading rubric of the course notebooks: one class per notebook, one {@code @Test} per
 * exercise.
 *
 * <p>A rubric class extends {@link org.interp4j.grade.NotebookRubric} and names its notebook:
 * <pre>{@code
 * @Rubric(notebook = "00-getting-started.ipynb")          // solution: solutions/00-getting-started.ipynb
 * public class GettingStartedRubric extends NotebookRubric {
 *     @Test @Exercise(id = "00.next-token", points = 2)
 *     void nextToken() { expect(); }                       // value vs. the recorded expected value
 * }
 * }</pre>
 * Under Maven the notebook run is the solution (paths relative to system property
 * {@code interp4j.repo}); {@code -Dinterp4j.submission=path.ipynb} runs a submission instead.
 * {@code java -jar lib/target/interp4j.jar grade <notebook.ipynb>…} finds the rubric classes in
 * {@code tests/target/test-classes} (or {@code --rubric DIR|JAR}) by their {@code @Rubric}
 * annotation and picks the one whose notebook matches each submission's file name.
 *
 * <p>Expected values live in the library, {@code lib/src/main/resources/org/interp4j/grade/expected/
 * <notebook>.json}: authors write each exercise's {@code variable}, {@code kind}, {@code tolerance}
 * and {@code hint}; {@code interp4j grade --record solutions/<notebook>.ipynb} fills in
 * {@code expected} from a run of the solution. Student self-checks
 * ({@code Check.exercise(id, value)}) read the same file.
 */
package org.interp4j.rubric;
