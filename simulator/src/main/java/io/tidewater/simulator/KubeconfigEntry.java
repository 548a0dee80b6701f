package io.tidewater.simulator;

/**
 * What a kubeconfig needs to reach one simulated member: a context, cluster and user of the same
 * name.
 *
 * @param name the member's name
 * @param server the member's API URL, the fleet's URL plus {@code /clusters/<name>}
 * @param caPem the CA that signed the fleet's serving certificate (PEM), or null for plain HTTP
 * @param token a bearer token the member accepts
 */
public record KubeconfigEntry(String name, String server, String caPem, String token) {}
