/** Tidewater's kinds, their OpenAPI schemas, and shared Kubernetes model helpers. */
package io.tidewater.api;
