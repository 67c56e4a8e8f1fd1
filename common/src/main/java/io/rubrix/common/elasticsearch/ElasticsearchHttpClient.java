package io.rubrix.common.elasticsearch;

import java.util.List;

import jakarta.enterprise.context.Dependent;

import org.apache.http.HttpHeaders;
import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClientBuilder;

import io.quarkus.elasticsearch.restclient.lowlevel.ElasticsearchClientConfig;

/**
 * The HTTP layer of Quarkus' Elasticsearch client, without Apache's auth cache. The low-level client puts a Basic
 * scheme per node in that cache, and Apache's {@code BasicAuthCache} keeps schemes serialized: every request read
 * one back through an {@code ObjectInputStream} (4.5 % of query-service's CPU per search, profiled, with or without
 * credentials). Credentials, where the cluster has them, go with every request as a default header instead, as the
 * cache made them go (no 401 challenge first).
 */
@ElasticsearchClientConfig
@Dependent
public class ElasticsearchHttpClient implements RestClientBuilder.HttpClientConfigCallback {

    private final ElasticsearchConnection connection;

    public ElasticsearchHttpClient(ElasticsearchConnection connection) {
        this.connection = connection;
    }

    @Override
    public HttpAsyncClientBuilder customizeHttpClient(HttpAsyncClientBuilder builder) {
        builder.disableAuthCaching();
        connection.basicAuthorization().ifPresent(authorization ->
                builder.setDefaultHeaders(List.of(new BasicHeader(HttpHeaders.AUTHORIZATION, authorization))));
        return builder;
    }
}
