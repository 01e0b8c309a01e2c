package org.interp4j.grade;

/**
 * nbgrader's per-cell metadata ({@code metadata.nbgrader}), read so courses using nbgrader
 * recognise the exercise cells. {@code points} is null when absent.
 */
public record NbgraderInfo(String gradeId, Double points, boolean solution, boolean grade) {
}
