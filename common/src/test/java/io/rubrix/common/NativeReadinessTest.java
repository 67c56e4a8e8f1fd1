package io.rubrix.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.rubrix.common.testing.NativeReadiness;

/** Every class of this module that Jackson reads or writes is registered for reflection (native images). */
class NativeReadinessTest {

    @Test
    void everyJsonModelIsRegisteredForReflection() {
        NativeReadiness.Scan scan = NativeReadiness.scan(Path.of("target/classes"));
        assertThat(scan.jsonTypes()).as("JSON models found").isNotEmpty();
        assertThat(scan.unregistered()).isEmpty();
    }
}
