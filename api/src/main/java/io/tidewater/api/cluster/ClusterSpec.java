package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Taint;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;

/** The desired state of a member cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSpec(
    @Required
        @JsonPropertyDescription(
            "Tier is the cost class of the member, an RFC 1123 label: \"idc\" for self-built data centres, \"cloud\""
                + " for public clouds, or any other name. Propagation policies fill tiers in order (idc, then cloud,"
                + " by default) and shrink the dearest first.")
        String tier,
    @JsonPropertyDescription("Provider is the name of the cloud or hosting provider, for example aws or onprem.")
        String provider,
    @JsonPropertyDescription("Region is the region the member runs in, for example us-east-1.") String region,
    @JsonPropertyDescription("Zone is the availability zone the member runs in, for example us-east-1a.") String zone,
    @JsonPropertyDescription(
            "APIEndpoint is the member's Kubernetes API URL, for example https://10.0.0.1:6443. For a secretRef"
                + " member it overrides the kubeconfig's server when set; for a simulated member it is informational.")
        String apiEndpoint,
    @JsonPropertyDescription(
            "SecretRef points to a Secret holding a kubeconfig for the member. Exactly one of secretRef and simulated"
                + " must be set, and which one cannot change after creation.")
        ClusterSecretReference secretRef,
    @JsonPropertyDescription(
            "Simulated makes this an in-process member without kubelets, served by Tidewater, with the node pools"
                + " given here. Exactly one of secretRef and simulated must be set.")
        SimulatedCluster simulated,
    @JsonPropertyDescription(
            "Price is what capacity on this member costs, used to order scale-in and to account cost. Unset prices"
                + " default by tier: idc cpu 0.02, memory 0.0027, GPU 1.5; cloud cpu 0.045, memory 0.006, GPU 8"
                + " (US dollars per hour). Other tiers have no default.")
        ClusterPrice price,
    @JsonPropertyDescription(
            "Watermark is the member's admission ceiling, in percent of allocatable (1-100, default 100): while"
                + " requested resources are above it, no new workloads are placed here, though existing ones may"
                + " still scale.")
        Integer watermark,
    @JsonPropertyDescription(
            "Taints repel workloads whose propagation policy does not tolerate them (placement.clusterTolerations)."
                + " Effects NoSchedule and NoExecute are honoured.")
        List<Taint> taints) {

  /** The connection, whichever of the two is set; null when neither is. */
  @JsonIgnore
  public ClusterConnection connection() {
    return secretRef != null ? secretRef : simulated;
  }
}
