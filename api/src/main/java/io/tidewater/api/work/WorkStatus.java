package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.tidewater.api.kinds.openapi.ListMap;
import java.util.List;

/** The result of applying a Work. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkStatus(
    @ListMap(keys = "type")
        @JsonPropertyDescription(
            "Conditions: Applied (the objects were applied), Progressing, Available (they exist in the member) and"
                + " Degraded (they have not reached the desired state for a while).")
        List<Condition> conditions,
    @JsonPropertyDescription("ManifestStatuses is the member's status of each manifest.") List<ManifestStatus> manifestStatuses) {}
