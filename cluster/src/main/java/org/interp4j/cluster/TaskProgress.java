package org.interp4j.cluster;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Prints a line for every finished task attempt (done so far out of the total, or the failure's reason)
 * and counts them for the closing summary. A failed attempt that Spark retries shows up here, once per attempt;
 * the results still hold one value per partition.
 */
public final class TaskProgress extends SparkListener {

    private final int total;
    private final String unit;
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final CountDownLatch finished;

    public TaskProgress(int total, String unit, PrintWriter out) {
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.finished = new CountDownLatch(total);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        String where = end.taskInfo().host() + " executor " + end.taskInfo().executorId();
        if (end.taskInfo().successful()) {
            out.printf(Locale.ROOT, "[%5.1f s] %d/%d %s done (task %d on %s)%n",
                    seconds(), done.incrementAndGet(), total, unit, end.taskInfo().index(), where);
            finished.countDown();
        } else {
            failed.incrementAndGet();
            out.printf(Locale.ROOT, "[%5.1f s] task %d failed on %s: %s%n",
                    seconds(), end.taskInfo().index(), where, end.reason().toString().lines().findFirst().orElse(""));
        }
        out.flush();
    }

    public int done() {
        return done.get();
    }

    public int failed() {
        return failed.get();
    }

    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Waits (a few seconds at most) for the events of tasks that have already finished: Spark hands them
     * to listeners on its own thread, after the job's results may have reached the driver.
     */
    public void awaitEvents() {
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The closing line: how many tasks, how many failed attempts, how long. */
    public String summary(int executors) {
        awaitEvents();
        return String.format(Locale.ROOT, "%d/%d %s done in %.1f s on %d executor slot(s); %d failed task attempt(s)",
                done(), total, unit, seconds(), executors, failed());
    }
}
