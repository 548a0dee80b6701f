package io.tidewater.member;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a member's API server is and how to authenticate to it: a fabric8 {@link Config}, built
 * from a kubeconfig (what {@code tidewater cluster join} and a Cluster's secret hold) or from its
 * parts. Nothing is read from the environment, the home directory or system properties.
 */
public record MemberConnection(Config config) {

  /** The current context of a kubeconfig's YAML text. */
  public static MemberConnection fromKubeconfig(String kubeconfigYaml) {
    return new MemberConnection(Config.fromKubeconfig(null, kubeconfigYaml, null));
  }

  /** A named context of a kubeconfig's YAML text. */
  public static MemberConnection fromKubeconfig(String kubeconfigYaml, String context) {
    return new MemberConnection(Config.fromKubeconfig(context, kubeconfigYaml, null));
  }

  /**
   * @param caPem the CA that signed the server's certificate, or null for plain HTTP
   * @param token a bearer token
   */
  public static MemberConnection of(String server, String caPem, String token) {
    ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(server).withOauthToken(token);
    if (caPem != null) {
      b.withCaCertData(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)));
    }
    return new MemberConnection(b.build());
  }

  public String server() {
    return config.getMasterUrl();
  }
}
