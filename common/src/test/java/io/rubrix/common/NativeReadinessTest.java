package io.rubrix.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.rubrix.common.json.ModelReflection;
import io.rubrix.common.testing.NativeReadiness;
import io.rubrix.model.record.RecordId;

/** Every class of this module and of the model that Jackson reads or writes is registered for reflection (native images). */
class NativeReadinessTest {

    @Test
    void everyJsonTypeOfTheModelIsListedInModelReflection() throws Exception {
        Path model = Path.of(RecordId.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        NativeReadiness.Scan scan = NativeReadiness.scan(model, NativeReadiness.targetsOf(ModelReflection.class));
        assertThat(scan.jsonTypes()).as("JSON types of the model").contains(RecordId.class.getName());
        assertThat(scan.unregistered()).as("model types a native image would not see").isEmpty();
    }

    /** The JSON types live in the model; one added here must be registered too. */
    @Test
    void everyJsonTypeOfThisModuleIsRegisteredForReflection() {
        assertThat(NativeReadiness.scan(Path.of("target/classes")).unregistered()).isEmpty();
    }
}
