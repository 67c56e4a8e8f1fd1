package io.rubrix.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Each app's JVM is the same wherever it runs (docs/adr/0015-footprint.md): the Serial collector, a heap that is a
 * share of the container's memory limit (the image's JAVA_MAX_MEM_RATIO) with room left under the limit for what
 * is not heap, and the same ceiling in MiB on a machine without containers (scripts/jvm.sh, which scripts/stack.sh and
 * bench/footprint.sh use).
 */
class JvmSettingsTest {

    /** Metaspace, code, symbols, class data, threads and the JVM's own libraries, measured at 110-150 MiB. */
    static final long OUTSIDE_THE_HEAP_MIB = 128;
    static final Pattern RATIO = Pattern.compile("JAVA_MAX_MEM_RATIO=(\\d+)");
    static final Pattern INITIAL_RATIO = Pattern.compile("JAVA_INITIAL_MEM_RATIO=(\\d+)");

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "query-service", "annotation-service", "ui"})
    void theHeapIsAShareOfTheSameLimitInKubernetesComposeAndTheLocalStack(String app) {
        String dockerfile = Repository.read(app + "/src/main/docker/Dockerfile.jvm");
        assertThat(dockerfile).as(app + ": the image's run-java.sh picks Parallel GC unless told")
                .contains("GC_CONTAINER_OPTIONS=\"-XX:+UseSerialGC\"", "-XX:TrimNativeHeapInterval=5000",
                        "GC_MAX_HEAP_FREE_RATIO=40", "-XX:+ExitOnOutOfMemoryError");
        int percent = group(RATIO, dockerfile, app);
        int initialPercent = group(INITIAL_RATIO, dockerfile, app);
        assertThat(initialPercent).as(app + " initial heap %").isLessThanOrEqualTo(10);

        long limitMib = mib(kubernetesLimit(app));
        assertThat(ComposeFileTest.map(ComposeFileTest.map(ComposeFileTest.map(ComposeFileTest.services().get(app)
                .get("deploy")).get("resources")).get("limits")).get("memory")).as(app + " in compose")
                .isEqualTo(limitMib + "M");
        long heapMib = limitMib * percent / 100;
        assertThat(limitMib - heapMib).as(app + ": room under the limit beside a full heap")
                .isGreaterThanOrEqualTo(OUTSIDE_THE_HEAP_MIB);

        String stack = Repository.read("scripts/jvm.sh");
        Matcher local = Pattern.compile("\\[" + app + "]=\"-Xms\\d+m -Xmx(\\d+)m( [^\"]*)?\"").matcher(stack);
        assertThat(local.find()).as(app + " in scripts/jvm.sh").isTrue();
        assertThat(Long.parseLong(local.group(1))).as(app + ": the local heap ceiling, MiB").isEqualTo(heapMib);
        String young = local.group(2) == null ? "" : local.group(2).trim();
        assertThat(young).as(app + ": the other heap options of scripts/jvm.sh are the image's too").satisfiesAnyOf(
                options -> assertThat(options).isEmpty(),
                options -> assertThat(dockerfile).containsPattern("JAVA_OPTS_APPEND=\"[^\"]* " + Pattern.quote(options) + "\""));
        if (app.equals("query-service")) { // the export's pages in flight die young (scripts/jvm.sh)
            assertThat(young).isEqualTo("-Xmn16m -XX:SurvivorRatio=2");
            assertThat(heapMib * initialPercent / 100).as("initial heap above the young generation, MiB")
                    .isGreaterThan(16);
        }
        assertThat(stack).contains("-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=5000", "-XX:MaxHeapFreeRatio=40",
                "-XX:+ExitOnOutOfMemoryError");
        assertThat(ComposeFileTest.map(ComposeFileTest.services().get(app).get("environment")))
                .as(app + ": compose leaves the JVM options to the image").doesNotContainKeys("JAVA_OPTS_APPEND",
                        "JAVA_OPTS", "JAVA_MAX_MEM_RATIO", "GC_CONTAINER_OPTIONS");
    }

    private static Quantity kubernetesLimit(String app) {
        Quantity limit = null;
        for (String overlay : new String[] {"dev", "prod"}) {
            Deployment deployment = RenderedManifests.render(overlay).named(Deployment.class, app);
            Map<String, Quantity> limits = deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getResources().getLimits();
            assertThat(limit == null || limit.equals(limits.get("memory"))).as(app + " in " + overlay).isTrue();
            limit = limits.get("memory");
        }
        return limit;
    }

    private static long mib(Quantity quantity) {
        assertThat(quantity.getFormat()).as("memory limits in Mi").isEqualTo("Mi");
        return Long.parseLong(quantity.getAmount());
    }

    private static int group(Pattern pattern, String text, String app) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(app + ": " + pattern).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
