package io.rubrix.query.info;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /api/_info}: which server version answers. */
public record ApiInfo(@JsonProperty("rubrix_version") String rubrixVersion) {
}
