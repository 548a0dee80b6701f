/** The Cluster Gateway: merged views over member clusters. */
package io.tidewater.gateway;
