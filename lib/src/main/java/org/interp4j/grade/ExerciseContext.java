package org.interp4j.grade;

import org.interp4j.model.LanguageModel;

/**
 * What an implement-it exercise may need besides its inputs: the model. Inside a notebook it is the
 * notebook's own model, passed to the self-check; in the grader, the default model loaded once per
 * JVM, so the library's answer is computed by the grader and not by the submission.
 */
public final class ExerciseContext {

    private static final String DEFAULT_MODEL = "smollm2-135m";
    private static volatile LanguageModel graderModel;

    private final LanguageModel model;

    private ExerciseContext(LanguageModel model) {
        this.model = model;
    }

    /** The context of a self-check: the first {@link LanguageModel} among the values passed, if any. */
    static ExerciseContext of(Object... values) {
        for (Object v : values) {
            if (v instanceof LanguageModel m) {
                return new ExerciseContext(m);
            }
        }
        return new ExerciseContext(null);
    }

    /** The grader's context: the default model, loaded on first use. */
    static ExerciseContext grader() {
        return new ExerciseContext(null);
    }

    /** Whether this is the grader's context (the default model of this JVM, the same for every check). */
    boolean isGrader() {
        return model == null;
    }

    /** The model: the notebook's when it passed one, else the default model of this JVM. */
    public LanguageModel model() {
        if (model != null) {
            return model;
        }
        LanguageModel m = graderModel;
        if (m == null) {
            synchronized (ExerciseContext.class) {
                m = graderModel;
                if (m == null) {
                    m = LanguageModel.load(DEFAULT_MODEL);
                    graderModel = m;
                }
            }
        }
        return m;
    }
}
