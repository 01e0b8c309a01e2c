package org.interp4j.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The neuron list of --neurons, its split into slices and the join of the slices' CSV texts. */
class NeuronSplitTest {

    @Test
    void rangesAndSinglesKeepTheirOrder() {
        assertArrayEquals(new int[] {7, 0, 1, 2, 3, 12}, NeuronSplit.parse(List.of("7", "0-3", " 12 ")));
        assertEquals("--neurons x is not a neuron: give numbers or ranges, e.g. 0-159 or 3,7,12.",
                assertThrows(IllegalArgumentException.class, () -> NeuronSplit.parse(List.of("x"))).getMessage());
    }

    @Test
    void slicesAreConsecutiveNearlyEqualAndCoverEverything() {
        int[] all = IntStream.range(0, 160).toArray();
        List<int[]> parts = NeuronSplit.split(all, 3);
        assertEquals(List.of(53, 53, 54), parts.stream().map(p -> p.length).toList());
        assertArrayEquals(all, parts.stream().flatMapToInt(java.util.Arrays::stream).toArray());
        assertEquals(2, NeuronSplit.split(new int[] {4, 9}, 5).size(), "never an empty slice");
    }

    @Test
    void joinedCsvHasOneHeaderAndRefusesMismatchedColumns() {
        assertEquals("a,b\n1,2\n3,4\n", EffectsCsv.merge(List.of("a,b\n1,2\n", "a,b\n3,4\n")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EffectsCsv.merge(List.of("a,b\n1,2\n", "a,c\n3,4\n")));
        assertTrue(e.getMessage().contains("every executor must run the same interp4j version"), e.getMessage());
    }
}
