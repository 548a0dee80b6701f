package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Failover when a whole cluster is lost. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterFailoverBehavior(
    @JsonPropertyDescription(
            "TolerationSeconds is how long a cluster may stay NotReady before its replicas are re-placed (0 or"
                + " more). Defaults to 300.")
        Integer tolerationSeconds,
    @JsonPropertyDescription(
            "PurgeMode says when the lost cluster's copies are removed once it returns: Graceful (default) after"
                + " their replacements are available, Immediately at once, Never not at all.")
        PurgeMode purgeMode) {}
