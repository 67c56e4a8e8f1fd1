package io.rubrix.query.me;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/me}: the caller as Rubrix describes a user; {@code user_groups} are its workspaces. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record User(
        @JsonProperty("username") String username,
        @JsonProperty("email") String email,
        @JsonProperty("full_name") String fullName,
        @JsonProperty("disabled") boolean disabled,
        @JsonProperty("user_groups") List<String> userGroups,
        @JsonProperty("roles") List<String> roles) {
}
