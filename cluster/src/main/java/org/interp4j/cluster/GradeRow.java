package org.interp4j.cluster;

import java.io.Serializable;
import org.interp4j.grade.ScoreLine;

/** A {@link ScoreLine} as it travels from an executor back to the driver (ScoreLine itself is not Serializable). */
public record GradeRow(String submission, String exercise, double points, double maxPoints, String message)
        implements Serializable {

    static GradeRow of(ScoreLine l) {
        return new GradeRow(l.submission(), l.exercise(), l.points(), l.maxPoints(), l.message());
    }

    /** The row with the submission named as the user gave it. */
    ScoreLine labelled(String label) {
        return new ScoreLine(label, exercise, points, maxPoints, message);
    }
}
