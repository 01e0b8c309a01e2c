package org.interp4j.cluster;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/** Neuron effects computed slice by slice on Spark, one partition per slice, joined in neuron order. */
public final class AblateJob {

    private AblateJob() {
    }

    public static String run(JavaSparkContext sc, AblationPart part, List<int[]> slices, PrintWriter progressOut) {
        TaskProgress progress = new TaskProgress(slices.size(), "neuron slices", progressOut);
        sc.sc().addSparkListener(progress);
        try {
            // One slice per partition (as many slices as partitions); whatever a partition holds, it
            // loads the model once and computes its neurons in one go.
            List<String> parts = sc.parallelize(slices, slices.size())
                    .mapPartitions((Iterator<int[]> it) -> {
                        List<int[]> mine = new ArrayList<>();
                        it.forEachRemaining(mine::add);
                        int[] neurons = mine.stream().flatMapToInt(Arrays::stream).toArray();
                        return neurons.length == 0 ? List.<String>of().iterator() : List.of(part.csv(neurons)).iterator();
                    })
                    .collect();
            progressOut.println(progress.summary(sc.defaultParallelism()));
            progressOut.flush();
            return EffectsCsv.merge(parts);
        } finally {
            sc.sc().removeSparkListener(progress);
        }
    }
}
