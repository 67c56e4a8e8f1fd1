package io.rubrix.query.info;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/_info}: which server version answers. */
@RegisterForReflection
public record ApiInfo(@JsonProperty("rubrix_version") String rubrixVersion) {
}
