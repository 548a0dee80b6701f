package io.tidewater.api.autoscaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** One schedule and what it sets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronFederatedHPARule(
    @Required
        @JsonPropertyDescription(
            "Name of the rule, 1 to 32 characters, unique in the list; its execution history is kept under it.")
        String name,
    @Required
        @JsonPropertyDescription(
            "Schedule in cron syntax: five fields (minute hour day-of-month month day-of-week), or @hourly, @daily,"
                + " @weekly, @monthly, @yearly. Use timeZone rather than a TZ= prefix.")
        String schedule,
    @JsonPropertyDescription("TargetReplicas to set on a template; only when the target is not a FederatedHPA.")
        Integer targetReplicas,
    @JsonPropertyDescription("TargetMinReplicas to set on the target FederatedHPA; unset leaves it.") Integer targetMinReplicas,
    @JsonPropertyDescription("TargetMaxReplicas to set on the target FederatedHPA; unset leaves it.") Integer targetMaxReplicas,
    @JsonPropertyDescription("Suspend stops further executions of the rule. Defaults to false.") Boolean suspend,
    @JsonPropertyDescription(
            "TimeZone of the schedule, an IANA name such as Asia/Shanghai. Defaults to the control plane's time"
                + " zone.")
        String timeZone,
    @JsonPropertyDescription("SuccessfulHistoryLimit is how many successful executions to keep (1-32). Defaults to 3.")
        Integer successfulHistoryLimit,
    @JsonPropertyDescription("FailedHistoryLimit is how many failed executions to keep (0-32). Defaults to 3.")
        Integer failedHistoryLimit) {}
