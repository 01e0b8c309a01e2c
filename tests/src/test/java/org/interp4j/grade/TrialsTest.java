package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleBiFunction;
import org.interp4j.expertise.AveragePrecision;
import org.junit.jupiter.api.Test;

/** Implement-it exercises: the student's function against the library on the same inputs. */
class TrialsTest {

    @Test
    void aCorrectFunctionPassesAndAWrongOneSaysHowWithoutTheAnswer() {
        ToDoubleBiFunction<float[], int[]> right = AveragePrecision::of;
        assertTrue(Check.verdict("02.ap-by-hand", right).passed(), Check.verdict("02.ap-by-hand", right).message());

        // Precision at each positive, ignoring ties: right on distinct scores, wrong with ties.
        ToDoubleBiFunction<float[], int[]> noTies = (s, y) -> {
            Integer[] order = new Integer[s.length];
            for (int i = 0; i < s.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, b) -> Float.compare(s[b], s[a]));
            double sum = 0;
            int pos = 0;
            int total = 0;
            for (int v : y) total += v;
            for (int k = 0; k < order.length; k++) {
                if (y[order[k]] == 1) {
                    pos++;
                    sum += pos / (double) (k + 1);
                }
            }
            return sum / total;
        };
        Verdict v = Check.verdict("02.ap-by-hand", noTies);
        assertFalse(v.passed());
        assertTrue(v.message().contains("ties"), v.message());
        assertFalse(v.message().matches(".*\\d\\.\\d{3,}.*"), "no expected number in: " + v.message());
    }

    @Test
    void notDoneWrongTypeAndThrowingFunctionsFail() {
        ToDoubleBiFunction<float[], int[]> todo = (s, y) -> NotDoneYet.todo("02.ap-by-hand");
        assertTrue(Check.verdict("02.ap-by-hand", todo).message().contains("not done yet"));
        assertTrue(Check.verdict("02.ap-by-hand", 0.5).message().contains("should be a ToDoubleBiFunction"),
                Check.verdict("02.ap-by-hand", 0.5).message());
        ToDoubleBiFunction<float[], int[]> boom = (s, y) -> s[1000];
        assertTrue(Check.verdict("02.ap-by-hand", boom).message().contains("ArrayIndexOutOfBounds"),
                Check.verdict("02.ap-by-hand", boom).message());
        ToDoubleBiFunction<float[], int[]> zero = (s, y) -> 0;
        assertFalse(Check.verdict("02.ap-by-hand", zero).passed());
    }
}
