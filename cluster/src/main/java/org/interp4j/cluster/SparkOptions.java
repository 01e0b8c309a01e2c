package org.interp4j.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Option;

/** Where the Spark job runs: the options shared by every subcommand. */
public final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: spark://host:7077, yarn, k8s://https://host:443, local[N]. "
                    + "Default: the one spark-submit set, else local[*] (every core of this machine, in this process).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, e.g. spark.executor.memory=8g; repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    /** A context for one job; the caller stops it. */
    public JavaSparkContext start(String appName) {
        // SparkConf reads spark.* system properties first, so spark-submit's master and settings stay.
        SparkConf sc = new SparkConf().setAppName(appName)
                // our own progress lines replace Spark's console bar
                .set("spark.ui.showConsoleProgress", "false");
        conf.forEach((k, v) -> {
            if (!k.startsWith("spark.")) {
                throw new IllegalArgumentException("--conf " + k + "=" + v + " is not a Spark setting: Spark's keys start with spark.");
            }
            sc.set(k, v);
        });
        if (master != null) {
            sc.setMaster(master);
        } else if (!sc.contains("spark.master")) {
            sc.setMaster("local[*]");
        }
        return new JavaSparkContext(sc);
    }
}
