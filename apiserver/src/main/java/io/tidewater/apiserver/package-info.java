/** The Kubernetes REST API server. */
package io.tidewater.apiserver;
