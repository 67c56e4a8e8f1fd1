package io.rubrix.query.search;

import io.rubrix.model.error.ApiException;

/**
 * How a search counts its facets ({@code ?facets=}): {@code query} (the default, as Rubrix v0.1) over the records the
 * query selects; {@code multi} each facet over the records the other facets' filters select, so that ticking a value
 * keeps the facet's other values and their counts (the web app asks for this).
 */
final class FacetCounts {

    private FacetCounts() {
    }

    static boolean multiSelect(String facets) {
        if (facets == null || facets.isEmpty() || "query".equals(facets)) {
            return false;
        }
        if ("multi".equals(facets)) {
            return true;
        }
        String shown = facets.length() > 100 ? facets.substring(0, 100) + "..." : facets;
        throw ApiException.badRequest("facets", "'" + shown + "' is not one of query, multi");
    }
}
