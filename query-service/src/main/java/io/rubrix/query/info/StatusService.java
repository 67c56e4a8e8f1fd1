package io.rubrix.query.info;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.rubrix.common.elasticsearch.Elasticsearch;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class StatusService {

    private final String version;
    private final Elasticsearch elasticsearch;

    public StatusService(@ConfigProperty(name = "quarkus.application.version") String version, Elasticsearch elasticsearch) {
        this.version = version;
        this.elasticsearch = elasticsearch;
    }

    public String version() {
        return version;
    }

    public Uni<ApiStatus> status() {
        return elasticsearch.get("/_cluster/health").map(health -> new ApiStatus(version, health, memory()));
    }

    private static Map<String, Long> memory() {
        Runtime runtime = Runtime.getRuntime();
        Map<String, Long> memory = new LinkedHashMap<>();
        memory.put("heap_used", runtime.totalMemory() - runtime.freeMemory());
        memory.put("heap_total", runtime.totalMemory());
        memory.put("heap_max", runtime.maxMemory());
        return memory;
    }
}
