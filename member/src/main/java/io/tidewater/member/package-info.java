/** The connector to member clusters over the Kubernetes API. */
package io.tidewater.member;
