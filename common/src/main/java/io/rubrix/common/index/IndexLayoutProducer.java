package io.rubrix.common.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the index layout of {@code rubrix.elasticsearch.*} configuration injectable in every service. */
@ApplicationScoped
public class IndexLayoutProducer {

    private final String prefix;
    private final int replicas;

    public IndexLayoutProducer(
            @ConfigProperty(name = "rubrix.elasticsearch.index-prefix", defaultValue = "rubrix") String prefix,
            @ConfigProperty(name = "rubrix.elasticsearch.replicas", defaultValue = "0") int replicas) {
        this.prefix = prefix;
        this.replicas = replicas;
    }

    @Produces
    @ApplicationScoped
    IndexLayout layout() {
        return new IndexLayout(prefix);
    }

    @Produces
    @ApplicationScoped
    IndexTemplates templates(IndexLayout layout) {
        return new IndexTemplates(layout, replicas);
    }
}
