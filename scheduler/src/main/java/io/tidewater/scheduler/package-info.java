/** The federation scheduler: a pure function of cluster snapshots and policies. */
package io.tidewater.scheduler;
