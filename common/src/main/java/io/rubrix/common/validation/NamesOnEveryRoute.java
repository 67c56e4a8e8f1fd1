package io.rubrix.common.validation;

import java.util.List;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.validation.DatasetName;

/**
 * Every route that takes a dataset name checks it with the rule names are created with (422 naming the rule)
 * before anything reads it: a name is part of an index name, and a name with {@code *} or {@code ,} would
 * otherwise reach Elasticsearch as a pattern over other workspaces' indices. Routes name it {@code name}, also in
 * {@code {name}:<action>}.
 */
public class NamesOnEveryRoute {

    @ServerRequestFilter
    public void checkDatasetName(UriInfo uri) {
        var parameters = uri.getPathParameters();
        String name = parameters.getFirst("name");
        if (name == null) {
            return;
        }
        DatasetName.check(name).ifPresent(violation -> {
            throw ApiException.unprocessable(violation.toString(), List.of(FieldError.of(violation)));
        });
    }
}
