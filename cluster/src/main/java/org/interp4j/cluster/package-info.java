/**
 * The kit's long jobs on Apache Spark: grading many submissions (one task per notebook) and ablating
 * many neurons (one task per slice). Spark stays in this module: the library and the notebook kernel
 * never see it.
 */
package org.interp4j.cluster;
