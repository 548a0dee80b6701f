/** Simulated member clusters: Kubernetes without kubelets, in process. */
package io.tidewater.simulator;
