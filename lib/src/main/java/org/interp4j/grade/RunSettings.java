package org.interp4j.grade;

import java.time.Duration;
import java.util.List;

/** The settings a {@link NotebookRunner} passes to its JShell sessions. */
record RunSettings(String classPath, List<String> vmOptions, Duration cellTimeout, List<String> startup) {
}
