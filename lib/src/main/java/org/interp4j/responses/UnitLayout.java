package org.interp4j.responses;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the columns of a response matrix split into layers: layer {@code l} owns the next
 * {@code sizes[l]} columns. A unit is named by its layer and its index inside that layer, as in
 * the original expertise tables; its column number is its {@code uuid}.
 */
public final class UnitLayout {

    private final List<String> names;
    private final int[] sizes;
    private final int[] starts;
    private final int units;

    private UnitLayout(List<String> names, int[] sizes) {
        this.names = List.copyOf(names);
        this.sizes = sizes.clone();
        this.starts = new int[sizes.length];
        int total = 0;
        for (int l = 0; l < sizes.length; l++) {
            starts[l] = total;
            total += sizes[l];
        }
        this.units = total;
    }

    /** Layers with the given names and sizes, in column order. */
    public static UnitLayout of(List<String> names, int[] sizes) {
        if (names == null || sizes == null || names.size() != sizes.length || sizes.length == 0) {
            throw new IllegalArgumentException("Give one name per layer size (got " + (names == null ? 0 : names.size())
                    + " names and " + (sizes == null ? 0 : sizes.length) + " sizes).");
        }
        long total = 0;
        for (int l = 0; l < sizes.length; l++) {
            if (sizes[l] <= 0) {
                throw new IllegalArgumentException("Layer " + names.get(l) + " has size " + sizes[l]
                        + ": every layer needs at least one unit.");
            }
            total += sizes[l];
        }
        if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("Layers hold more than 2^31 units in total.");
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("Layer names repeat " + names + ": give every layer its own name.");
        }
        return new UnitLayout(names, sizes);
    }

    /** Layers named {@code layer_0, layer_1, ...} with the given sizes. */
    public static UnitLayout ofSizes(int... sizes) {
        return of(defaultNames(sizes == null ? 0 : sizes.length), sizes);
    }

    /** The named layers, all of one size, sharing {@code units} columns. */
    public static UnitLayout evenly(List<String> names, int units) {
        if (names == null || names.isEmpty() || units % names.size() != 0) {
            throw new IllegalArgumentException(units + " units do not split evenly into " + (names == null ? 0 : names.size())
                    + " layers: give the layer sizes as well.");
        }
        int[] sizes = new int[names.size()];
        Arrays.fill(sizes, units / names.size());
        return of(names, sizes);
    }

    /** A single layer {@code layer_0} holding all units. */
    public static UnitLayout single(int units) {
        return ofSizes(units);
    }

    private static List<String> defaultNames(int layers) {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < layers; l++) names.add("layer_" + l);
        return names;
    }

    public int units() {
        return units;
    }

    public int layers() {
        return sizes.length;
    }

    public List<String> names() {
        return names;
    }

    public int size(int layer) {
        return sizes[layer];
    }

    /** Column of the first unit of {@code layer}. */
    public int start(int layer) {
        return starts[layer];
    }

    /** Layer index of column {@code uuid}. */
    public int layerOf(int uuid) {
        if (uuid < 0 || uuid >= units) {
            throw new IndexOutOfBoundsException("Unit " + uuid + " is outside the " + units + " units of this layout.");
        }
        int i = Arrays.binarySearch(starts, uuid);
        // Layers are non-empty, so starts are distinct and an exact hit is that layer's first unit.
        return i >= 0 ? i : -i - 2;
    }

    /** Index of column {@code uuid} inside its layer. */
    public int unitOf(int uuid) {
        return uuid - starts[layerOf(uuid)];
    }

    /** Column of unit {@code unit} of the layer called {@code layer}. */
    public int uuid(String layer, int unit) {
        int l = names.indexOf(layer);
        if (l < 0) throw new IllegalArgumentException("No layer " + layer + "; layers are " + names + ".");
        if (unit < 0 || unit >= sizes[l]) {
            throw new IndexOutOfBoundsException("Layer " + layer + " has units 0.." + (sizes[l] - 1) + ", not " + unit + ".");
        }
        return starts[l] + unit;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("UnitLayout[");
        for (int l = 0; l < sizes.length; l++) sb.append(l == 0 ? "" : ", ").append(names.get(l)).append('=').append(sizes[l]);
        return sb.append(']').toString();
    }
}
