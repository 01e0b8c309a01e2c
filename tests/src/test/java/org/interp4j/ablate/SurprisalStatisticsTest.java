package org.interp4j.ablate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.junit.jupiter.api.Test;

/** The statistics of the surprisal comparison: paired and two-sample tests, and the random-neuron draw. */
class SurprisalStatisticsTest {

    /** 40 fixed pairs (more than 30: Commons Math's normal approximation), after = before + a skewed shift. */
    private static double[][] pairs() {
        double[] before = new double[40], after = new double[40];
        for (int i = 0; i < 40; i++) {
            before[i] = 5 + (i * 7 % 13) * 0.5;
            after[i] = before[i] + ((i * 11 % 17) - 5) * 0.03 + (i % 9 == 0 ? 1.5 : 0);
        }
        return new double[][] {before, after};
    }

    @Test
    void pairedTestIsCommonsMathsWilcoxonSignedRankTest() {
        double[][] x = pairs();
        PairedTest t = PairedTest.of(x[0], x[1]);
        WilcoxonSignedRankTest cm = new WilcoxonSignedRankTest();
        assertEquals(cm.wilcoxonSignedRank(x[0], x[1]), t.w(), 0);
        assertEquals(cm.wilcoxonSignedRankTest(x[0], x[1], false), t.pValue(), 0);
        double[] d = new double[40];
        double mean = 0;
        for (int i = 0; i < 40; i++) {
            d[i] = x[1][i] - x[0][i];
            mean += d[i] / 40;
        }
        Arrays.sort(d);
        assertEquals(mean, t.meanDifference(), 1e-12);
        assertEquals((d[19] + d[20]) / 2, t.medianDifference(), 1e-12);
        assertEquals(40, t.n());
    }

    /** Six pairs that all increase: W = 1+…+6 = 21, and only 1 of the 2^6 sign patterns reaches it on each side. */
    @Test
    void sixIncreasesGiveTheExactPValueTwoIn64() {
        double[] before = {1, 2, 3, 4, 5, 6}, after = {1.1, 2.3, 3.2, 4.5, 5.4, 6.6};
        PairedTest t = PairedTest.of(before, after);
        assertEquals(21, t.w(), 0);
        assertEquals(2.0 / 64, t.pValue(), 1e-12);
        assertTrue(t.meanDifference() > 0);
    }

    /** Changes of ±1..±10, symmetric around zero: no evidence of a shift. */
    @Test
    void aSymmetricChangeIsNotSignificant() {
        double[] before = new double[20], after = new double[20];
        for (int i = 0; i < 20; i++) {
            before[i] = 10;
            after[i] = 10 + (i % 2 == 0 ? 1 : -1) * (i / 2 + 1);
        }
        assertTrue(PairedTest.of(before, after).pValue() > 0.9);
    }

    @Test
    void badPairsSayWhatIsWrong() {
        var e = assertThrows(IllegalArgumentException.class, () -> PairedTest.of(new double[3], new double[2]));
        assertTrue(e.getMessage().contains("one value of each per word"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PairedTest.of(new double[1], new double[1]));
        var nan = assertThrows(IllegalArgumentException.class,
                () -> PairedTest.of(new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertTrue(nan.getMessage().contains("Pair 1"), nan.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> TwoSampleTest.of(new double[0], new double[] {1}));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    /** {1,2,3} against {4,5,6}: U = 9, and the normal approximation z = (0 − 4.5) / sqrt(3·3·7/12). */
    @Test
    void twoSampleTestIsCommonsMathsMannWhitneyTest() {
        double[] a = {1, 2, 3}, b = {4, 5, 6};
        TwoSampleTest t = TwoSampleTest.of(a, b);
        assertEquals(9, t.u(), 0);
        double hand = 2 * new NormalDistribution().cumulativeProbability(-4.5 / Math.sqrt(3 * 3 * 7 / 12.0));
        assertEquals(hand, t.pValue(), 1e-12);
        assertEquals(new MannWhitneyUTest().mannWhitneyUTest(a, b), t.pValue(), 0);
        assertEquals(2, t.meanA(), 1e-12);
        assertEquals(5, t.meanB(), 1e-12);
    }

    @Test
    void randomNeuronsAreDistinctReproducibleAndAvoidTheExcluded() {
        int[] exclude = {0, 1, 2, 3, 4};
        int[] a = NeuronSelection.random(12, 7, 42, exclude), b = NeuronSelection.random(12, 7, 42, exclude);
        assertArrayEquals(a, b);
        assertEquals(7, Arrays.stream(a).distinct().count());
        for (int n : a) assertTrue(n >= 5 && n < 12, "neuron " + n);
        int[] c = NeuronSelection.random(1536, 10, 1), d = NeuronSelection.random(1536, 10, 2);
        assertTrue(!Arrays.equals(c, d), "different seeds should draw different sets");
        var e = assertThrows(IllegalArgumentException.class, () -> NeuronSelection.random(12, 8, 1, exclude));
        assertTrue(e.getMessage().contains("1..7"), e.getMessage());
    }
}
