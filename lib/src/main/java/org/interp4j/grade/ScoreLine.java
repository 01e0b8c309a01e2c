package org.interp4j.grade;

/** One row of a grade table: what a submission earned on one exercise. */
public record ScoreLine(String submission, String exercise, double points, double maxPoints, String message) {
}
