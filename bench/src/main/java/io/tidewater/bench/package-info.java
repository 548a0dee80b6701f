/** Benchmarks and the scale harness. */
package io.tidewater.bench;
