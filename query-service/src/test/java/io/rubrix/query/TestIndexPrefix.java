package io.rubrix.query;

/**
 * The prefix of the indices the tests' service writes ({@code %test.rubrix.elasticsearch.index-prefix}), which the
 * tests arrange and delete. Overridden the way Quarkus reads it, {@code _TEST_RUBRIX_ELASTICSEARCH_INDEX_PREFIX}, so
 * that two test runs on one Elasticsearch (two worktrees) neither share nor delete each other's indices.
 */
public final class TestIndexPrefix {

    public static final String VALUE = System.getenv().getOrDefault("_TEST_RUBRIX_ELASTICSEARCH_INDEX_PREFIX",
            "rubrix-test-query");

    private TestIndexPrefix() {
    }
}
