package io.tidewater.gateway.storage;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tidewater.apiserver.errors.ApiException;

/** A member's refusal or silence, as the Status the gateway's client should see. */
final class MemberErrors {
  private MemberErrors() {}

  static ApiException toApi(String cluster, String group, String resource, String name, KubernetesClientException e) {
    String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    return switch (e.getCode()) {
      case 404 -> ApiException.notFound(group, resource, name);
      case 409 -> ApiException.conflict(group, resource, name, "member " + cluster + ": " + detail);
      case 0 -> unreachable(cluster, detail);
      default -> new ApiException(
          e.getCode() >= 400 && e.getCode() < 600 ? e.getCode() : 502, e.getStatus() != null && e.getStatus().getReason() != null
              ? e.getStatus().getReason() : "InternalError",
          "member " + cluster + ": " + detail, null, null, null, null, null);
    };
  }

  static ApiException unreachable(String cluster, String detail) {
    return ApiException.serviceUnavailable("member cluster " + cluster + " is unreachable: " + detail);
  }
}
