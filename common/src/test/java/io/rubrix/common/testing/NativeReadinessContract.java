package io.rubrix.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Every class of a service that Jackson reads or writes is registered for reflection (native images): see
 * {@link NativeReadiness}. A service's test extends it as it is.
 */
public abstract class NativeReadinessContract {

    @Test
    void everyJsonModelIsRegisteredForReflection() {
        NativeReadiness.Scan scan = NativeReadiness.scan(Path.of("target/classes"));
        assertThat(scan.jsonTypes()).as("JSON models found").isNotEmpty();
        assertThat(scan.unregistered()).as("JSON models a native image would not see").isEmpty();
    }
}
