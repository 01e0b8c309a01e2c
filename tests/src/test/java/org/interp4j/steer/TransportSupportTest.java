package org.interp4j.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.ResponsesPooling;
import org.interp4j.responses.ResponsesRecorder;
import org.interp4j.responses.UnitLayout;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.HookHandle;
import org.interp4j.io.Npy;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linear-AcT as ml-act applies it: transport only strictly inside each unit's source support,
 * incremental fitting, balanced classes, and the .npz file; on the tiny Llama fixture (d_model 64).
 */
class TransportSupportTest {
    static LanguageModel model;
    static final String POINT = "blocks.1.ln2.hook_normalized";
    static final long[] PROMPT = {11, 200, 37, 5, 999, 4, 61};
    static final long[][] SOURCE = {{1, 2, 3, 4}, {5, 6, 7}, {8, 9, 10, 11, 12}, {13, 14}, {15, 16, 17}};
    static final long[][] TARGET = {{500, 501, 502}, {600, 601}, {700, 701, 702, 703}, {800, 801, 802}, {900, 901, 902}};

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.fromDirectory(Fixtures.path("tests/fixtures/models/llama"), "llama-tiny");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** The activation at POINT for PROMPT, [pos * 64]. */
    static float[] activation() {
        try (ModelOutput o = model.runWithCache(new long[][] {PROMPT}, POINT)) {
            return o.cache().get(POINT).toFloatArray();
        }
    }

    /** A map over POINT whose supports cut through the prompt's values; one bound equals an observed value exactly. */
    static TransportMap cuttingMap(float[] x) {
        int d = 64;
        float[] alpha = new float[d], beta = new float[d], lo = new float[d], hi = new float[d];
        Random r = new Random(3);
        for (int u = 0; u < d; u++) {
            float[] col = new float[PROMPT.length];
            for (int p = 0; p < col.length; p++) col[p] = x[p * d + u];
            Arrays.sort(col);
            alpha[u] = (float) (0.5 + r.nextDouble() * 2);
            beta[u] = (float) r.nextGaussian();
            // units alternate: support equal to observed values at both ends (strict: those two stay), or wide open
            lo[u] = u % 3 == 0 ? col[1] : u % 3 == 1 ? col[0] - 1 : col[3];
            hi[u] = u % 3 == 0 ? col[5] : u % 3 == 1 ? col[6] + 1 : col[3]; // u % 3 == 2: lo == hi, an empty support
        }
        return new TransportMap(UnitLayout.of(List.of(POINT), new int[] {d}), alpha, beta, lo, hi);
    }

    @Test
    void onlyValuesStrictlyInsideTheSupportAreTransported() {
        float[] plain = activation();
        TransportMap map = cuttingMap(plain);
        double lambda = 0.7;
        List<float[]> seen = new ArrayList<>();
        try (HookHandle h = map.attach(model, lambda);
             HookHandle after = model.addHook(POINT, Hook.reader((x, c) -> seen.add(x.toFloatArray())))) {
            seen.clear();
            try (ModelOutput o = model.run(PROMPT)) {
                assertEquals(1, seen.size());
            }
        }
        float[] moved = seen.get(0);
        float[] alpha = map.alpha(), beta = map.beta(), lo = map.lo(), hi = map.hi();
        int inside = 0, outside = 0, onBound = 0;
        for (int p = 0; p < PROMPT.length; p++) {
            for (int u = 0; u < 64; u++) {
                float x = plain[p * 64 + u], y = moved[p * 64 + u];
                if (lo[u] < x && x < hi[u]) {
                    inside++;
                    assertEquals((1 - lambda) * x + lambda * (alpha[u] * x + beta[u]), y, 1e-5, "unit " + u + " position " + p);
                } else {
                    outside++;
                    if (x == lo[u] || x == hi[u]) onBound++;
                    assertEquals(x, y, 0f, "unit " + u + " position " + p + " is outside its support: untouched");
                }
                assertEquals(map.apply(u, x, lambda), y, 1e-5);
            }
        }
        assertTrue(inside > 100 && outside > 100 && onBound >= 2 * 21, inside + " inside, " + outside + " outside, " + onBound
                + " on a bound");
    }

    @Test
    void zeroStrengthIsTheIdentityAndGenerationIsUnchanged() {
        float[] plain = activation();
        TransportMap map = cuttingMap(plain).withoutSupport();
        GenerateOptions sample = GenerateOptions.sampling(8, 1.0, 5).ignoringEos();
        long[] before = model.generate(new long[][] {PROMPT}, sample)[0];
        try (HookHandle h = map.attach(model, 0.0)) {
            assertArrayEquals(plain, activation());
            assertArrayEquals(before, model.generate(new long[][] {PROMPT}, sample)[0]);
        }
        try (HookHandle h = map.attach(model, 1.0)) {
            assertFalse(Arrays.equals(plain, activation()), "λ = 1 changes the activation");
        }
    }

    @Test
    void badStrengthsAndSupportsAreRefusedClearly() {
        UnitLayout one = UnitLayout.of(List.of(POINT), new int[] {2});
        TransportMap map = new TransportMap(one, new float[] {1, 2}, new float[] {0, 1}, new float[] {-1, 0}, new float[] {1, 3});
        for (double bad : new double[] {-0.01, 1.01, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map.attach(model, bad));
            assertTrue(e.getMessage().contains("between 0 and 1") && e.getMessage().lines().count() == 1, e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TransportMap(one, new float[] {1, 2}, new float[] {0, 1}, new float[] {-1, 4}, new float[] {1, 3}));
        assertTrue(e.getMessage().contains("lo = 4.0 > hi = 3.0") && e.getMessage().contains(POINT), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Support.parse("q_90_10"));
        assertTrue(e.getMessage().contains("LO <= HI"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Support.parse("minmax"));
        assertTrue(e.getMessage().contains("q_0_100"), e.getMessage());
    }

    @Test
    void theFittedSupportIsTheSourceMinMaxOrTheAskedQuantiles() {
        Random r = new Random(9);
        float[][] src = new float[11][2], dst = new float[11][2];
        for (int i = 0; i < 11; i++) {
            src[i][0] = i; // 0..10
            src[i][1] = (float) r.nextGaussian();
            dst[i][0] = 2 * i + 1;
            dst[i][1] = (float) r.nextGaussian();
        }
        UnitLayout layout = UnitLayout.ofSizes(2);
        ResponsesMatrix s = ResponsesMatrix.of(src, layout, "mean"), t = ResponsesMatrix.of(dst, layout, "mean");
        TransportMap minMax = LinearAct.fit(s, t);
        assertEquals(0f, minMax.lo()[0]);
        assertEquals(10f, minMax.hi()[0]);
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float[] row : src) {
            min = Math.min(min, row[1]);
            max = Math.max(max, row[1]);
        }
        assertEquals(min, minMax.lo()[1]);
        assertEquals(max, minMax.hi()[1]);
        assertEquals(2.0, minMax.alpha()[0], 1e-6);
        assertEquals(1.0, minMax.beta()[0], 1e-6);
        TransportMap q = LinearAct.fit(s, t, Support.parse("q_5_95"));
        assertEquals(0.5f, q.lo()[0], 1e-6f); // 5% of the way from 0 to 10, linear interpolation
        assertEquals(9.5f, q.hi()[0], 1e-6f);
        assertTrue(LinearAct.fit(s, t, Support.ALL).unbounded());
        assertFalse(minMax.unbounded());
        // the source's own extremes sit on the bounds, so they are not moved (strict comparison)
        assertEquals(0.0, minMax.apply(0, 0.0, 1.0));
        assertEquals(10.0, minMax.apply(0, 10.0, 1.0));
        assertEquals(11.0, minMax.apply(0, 5.0, 1.0), 1e-6);
    }

    @Test
    void mapsSaveAsNpzWithTheirSupportAndOldNpyFilesLoadUnbounded(@TempDir Path dir) throws Exception {
        UnitLayout layout = UnitLayout.of(List.of("blocks.0.ln1.hook_normalized", "blocks.0.ln2.hook_normalized"), new int[] {2, 3});
        TransportMap map = new TransportMap(layout, new float[] {1, 2, 3, 4, 5}, new float[] {-1, -2, -3, -4, -5.5f},
                new float[] {-1, Float.NEGATIVE_INFINITY, 0, 0.25f, 3}, new float[] {1, 2, 0, 7, Float.POSITIVE_INFINITY});
        Path npz = dir.resolve("act.npz");
        map.save(npz);
        assertTrue(Files.exists(dir.resolve("act.layout.json")), "layout sidecar next to the .npz");
        // what numpy.load sees: a zip of alpha.npy, beta.npy, lo.npy, hi.npy, each float32 [units]
        Set<String> entries = new HashSet<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(npz))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.add(e.getName());
                Path one = dir.resolve("entry-" + e.getName());
                Files.write(one, zip.readAllBytes());
                Npy.Array a = Npy.read(one);
                assertEquals("<f4", a.dtype(), e.getName());
                assertArrayEquals(new long[] {5}, a.shape(), e.getName());
                float[] want = switch (e.getName()) {
                    case "alpha.npy" -> map.alpha();
                    case "beta.npy" -> map.beta();
                    case "lo.npy" -> map.lo();
                    case "hi.npy" -> map.hi();
                    default -> throw new AssertionError("unexpected entry " + e.getName());
                };
                assertArrayEquals(want, a.toFloats(), e.getName());
            }
        }
        assertEquals(Set.of("alpha.npy", "beta.npy", "lo.npy", "hi.npy"), entries);
        TransportMap back = TransportMap.load(npz);
        assertArrayEquals(map.alpha(), back.alpha());
        assertArrayEquals(map.beta(), back.beta());
        assertArrayEquals(map.lo(), back.lo());
        assertArrayEquals(map.hi(), back.hi());
        assertEquals(layout.names(), back.layout().names());
        assertEquals(3, back.layout().size(1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map.save(dir.resolve("act.npy")));
        assertTrue(e.getMessage().contains(".npz"), e.getMessage());

        // a file from before supports: [2, units], α then β
        Path old = dir.resolve("old.npy");
        Npy.writeFloats(old, new float[] {1, 2, 3, 4, 5, -1, -2, -3, -4, -5}, 2, 5);
        org.interp4j.responses.ResponsesMatrix.writeLayout(old, layout, "transport");
        TransportMap legacy = TransportMap.load(old);
        assertTrue(legacy.unbounded());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5}, legacy.alpha());
        assertArrayEquals(new float[] {-1, -2, -3, -4, -5}, legacy.beta());
        assertEquals(2e9 - 2, legacy.apply(1, 1e9, 1.0), 1e-3, "unbounded: even huge values are transported");
    }

    @Test
    void aMapForAnotherModelOrLayoutIsRefusedWhenAttached(@TempDir Path dir) throws Exception {
        Path wide = dir.resolve("wide.npz");
        new TransportMap(UnitLayout.of(List.of(POINT), new int[] {576}), new float[576], new float[576],
                new float[576], new float[576]).save(wide);
        TransportMap w = TransportMap.load(wide);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.attach(model, 1.0));
        assertTrue(e.getMessage().contains("another model") && e.getMessage().contains("576"), e.getMessage());
        TransportMap deep = new TransportMap(UnitLayout.of(List.of("blocks.20.ln1.hook_normalized"), new int[] {64}),
                new float[64], new float[64]);
        e = assertThrows(IllegalArgumentException.class, () -> deep.attach(model, 1.0));
        assertTrue(e.getMessage().contains("blocks.20.ln1.hook_normalized") && e.getMessage().contains("another model"),
                e.getMessage());
        // a sidecar that does not match the arrays
        Path bad = dir.resolve("bad.npz");
        new TransportMap(UnitLayout.ofSizes(3), new float[3], new float[3]).save(bad);
        org.interp4j.responses.ResponsesMatrix.writeLayout(dir.resolve("bad.npy"), UnitLayout.ofSizes(4), "transport");
        IOException io = assertThrows(IOException.class, () -> TransportMap.load(bad));
        assertTrue(io.getMessage().contains("do not belong together"), io.getMessage());
    }

    @Test
    void linearActDefaultsAreTheOriginals() {
        LinearAct act = LinearAct.on(model);
        assertEquals(List.of("blocks.0.ln1.hook_normalized", "blocks.0.ln2.hook_normalized", "blocks.1.ln1.hook_normalized",
                "blocks.1.ln2.hook_normalized"), act.points());
        TransportMap incr = act.fit(SOURCE, TARGET);
        TransportMap manual = replay(LinearAct.DEFAULT_POINTS.toArray(String[]::new), Support.MIN_MAX);
        assertArrayEquals(manual.alpha(), incr.alpha(), "default mode is incr");
        assertFalse(incr.unbounded(), "default support is the source min..max");
    }

    /**
     * ml-act's incremental procedure spelled out: for each point in forward order, record it with every
     * earlier map attached at λ = 1 (with its support), fit, and keep the map.
     */
    static TransportMap replay(String[] patterns, Support support) {
        List<String> points = ResponsesRecorder.of(model, patterns).points();
        TransportMap done = null;
        for (String p : points) {
            ResponsesRecorder rec = ResponsesRecorder.of(model, p).pooling(ResponsesPooling.MEAN);
            ResponsesMatrix s, t;
            try (HookHandle h = done == null ? () -> { } : done.attach(model, 1.0)) {
                s = rec.record(SOURCE);
                t = rec.record(TARGET);
            }
            TransportMap step = LinearAct.fit(s, t, support);
            done = done == null ? step : done.concat(step);
        }
        return done;
    }

    @Test
    void incrementalFittingEqualsAStepByStepReplay() {
        String[] patterns = {"blocks.*.ln1.hook_normalized", "blocks.*.ln2.hook_normalized", "blocks.*.mlp.hook_pre"};
        TransportMap incr = LinearAct.on(model, patterns).mode(LinearAct.Mode.INCREMENTAL).fit(SOURCE, TARGET);
        TransportMap manual = replay(patterns, Support.MIN_MAX);
        assertEquals(manual.layout().names(), incr.layout().names());
        assertEquals(6, incr.layout().layers());
        assertArrayEquals(manual.alpha(), incr.alpha());
        assertArrayEquals(manual.beta(), incr.beta());
        assertArrayEquals(manual.lo(), incr.lo());
        assertArrayEquals(manual.hi(), incr.hi());
        TransportMap atOnce = LinearAct.on(model, patterns).mode(LinearAct.Mode.AT_ONCE).fit(SOURCE, TARGET);
        String first = incr.layout().names().get(0), last = incr.layout().names().get(5);
        assertArrayEquals(atOnce.layers(List.of(first)).alpha(), incr.layers(List.of(first)).alpha(), "the first point sees no transport");
        assertFalse(Arrays.equals(atOnce.layers(List.of(last)).beta(), incr.layers(List.of(last)).beta()),
                "later points are measured on the transported model");
        // with a different support the earlier layers transport differently, so later fits change
        TransportMap q = LinearAct.on(model, patterns).support("q_20_80").fit(SOURCE, TARGET);
        assertArrayEquals(replay(patterns, Support.parse("q_20_80")).beta(), q.beta());
        assertFalse(Arrays.equals(q.layers(List.of(last)).beta(), incr.layers(List.of(last)).beta()));
    }

    @Test
    void unequalClassesAreCutToTheSmallerBySeededDraw() {
        long[][] moreSource = Arrays.copyOf(SOURCE, 8);
        moreSource[5] = new long[] {30, 31};
        moreSource[6] = new long[] {40, 41, 42, 43};
        moreSource[7] = new long[] {50};
        long[][] fewerTarget = Arrays.copyOf(TARGET, 3);
        String[] at = {"blocks.0.ln1.hook_normalized"};
        TransportMap a = LinearAct.on(model, at).fit(moreSource, fewerTarget);
        TransportMap b = LinearAct.on(model, at).fit(moreSource, fewerTarget);
        assertArrayEquals(a.alpha(), b.alpha(), "the draw is seeded");
        assertArrayEquals(a.lo(), b.lo());
        // the same as fitting on the drawn 3 source sentences (the target has only 3, all kept)
        Random draw = new Random(LinearAct.DEFAULT_SEED);
        long[][] src3 = LinearAct.subsample(moreSource, 3, draw);
        assertEquals(3, src3.length);
        assertEquals(3, new HashSet<>(Arrays.stream(src3).map(Arrays::toString).toList()).size(), "drawn without replacement");
        ResponsesRecorder rec = ResponsesRecorder.of(model, at).pooling(ResponsesPooling.MEAN);
        TransportMap want = LinearAct.fit(rec.record(src3), rec.record(LinearAct.subsample(fewerTarget, 3, draw)));
        assertArrayEquals(want.alpha(), a.alpha());
        assertArrayEquals(want.lo(), a.lo());
        assertArrayEquals(want.hi(), a.hi());
        TransportMap all = LinearAct.on(model, at).balanced(false).fit(moreSource, fewerTarget);
        assertFalse(Arrays.equals(all.lo(), a.lo()) && Arrays.equals(all.hi(), a.hi()) && Arrays.equals(all.alpha(), a.alpha()),
                "without balancing every source sentence counts");
        TransportMap other = LinearAct.on(model, at).seed(7).fit(moreSource, fewerTarget);
        assertFalse(Arrays.equals(other.alpha(), a.alpha()), "another seed draws other sentences");
    }
}
