/**
 * A member cluster's capacity as plain data, for the scheduler and the estimator: node
 * equivalence classes with their free resources, cluster totals and GPUs by type. No fabric8, no
 * HTTP: the member connector builds these from its informers, the scheduler only reads them.
 *
 * <p>Amounts are integers in canonical units: {@code cpu} in millicores, {@code memory},
 * {@code ephemeral-storage} and {@code hugepages-*} in bytes, everything else ({@code pods},
 * {@code nvidia.com/gpu}, other extended resources) in whole units.
 */
package io.tidewater.api.snapshot;
