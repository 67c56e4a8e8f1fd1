package io.rubrix.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Each app's Dockerfile.jvm and Dockerfile.native: built from the repository root out of the app's own module,
 * final image on a minimal base, running as a non-root user, exposing the app's port and its management port, on
 * the interfaces the deployment chooses; the parent POM's native profile builds in a container. (No Docker engine
 * or GraalVM here: these are read, not built.)
 */
class ImagesTest {

    static final List<String> GATEWAY_SERVICE_URLS = List.of("rubrix.gateway.ingest-url", "rubrix.gateway.query-url",
            "rubrix.gateway.annotation-url");

    @Test
    void everyAppHasBothDockerfilesRunningItsOwnModuleAsANonRootUser() {
        for (String app : Repository.APPS) {
            int port = AppConfiguration.of(app).httpPort();
            for (String kind : List.of("jvm", "native")) {
                String dockerfile = Repository.read(app + "/src/main/docker/Dockerfile." + kind);
                List<String> finalStage = kind.equals("native") ? finalStage(dockerfile) : stage(dockerfile, "app");
                assertThat(finalStage.get(0)).as(app + " " + kind + " base").matches(kind.equals("native")
                        ? "FROM registry\\.access\\.redhat\\.com/ubi9/ubi-minimal:[0-9.]+"
                        : "FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-25-runtime:[0-9.]+ AS app");
                String user = finalStage.stream().filter(line -> line.startsWith("USER ")).reduce((a, b) -> b)
                        .orElseThrow(() -> new AssertionError(app + " " + kind + ": no USER"));
                assertThat(Integer.parseInt(user.substring(5).split(":")[0])).as(app + " " + kind + " uid").isPositive();
                assertThat(finalStage).as(app + " " + kind)
                        .contains("EXPOSE " + port + " " + AppConfiguration.of(app).managementPort());
                assertThat(dockerfile).as(app + " " + kind + ": interfaces are the deployment's choice")
                        .doesNotContain("quarkus.http.host", "quarkus.management.host");
                assertThat(dockerfile).as(app + " " + kind + " builds its module")
                        .contains("-pl " + app + " -am package", "/src/" + app + "/target/");
            }
        }
    }

    /**
     * A cache is usable only by the JVM that made it, with the same class path: it is made in a stage built on the
     * final image itself, with the JVM options the image runs with, and the final image is that image plus the cache.
     */
    @Test
    void theJvmImageCarriesAnAheadOfTimeCacheMadeByTheJvmThatRunsIt() {
        for (String app : Repository.APPS) {
            String dockerfile = Repository.read(app + "/src/main/docker/Dockerfile.jvm");
            assertThat(stage(dockerfile, "build")).as(app).anyMatch(line -> line.startsWith("RUN ")
                    && line.endsWith("&& javac --release 17 -d /src/aot-training scripts/AotTraining.java"));
            assertThat(stage(dockerfile, "app")).as(app)
                    .contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"")
                    .noneMatch(line -> line.contains("AOTCache"));
            AppConfiguration configuration = AppConfiguration.of(app);
            String standIn = app.equals("ui") ? " --stand-in " + String.join(",", GATEWAY_SERVICE_URLS) : "";
            assertThat(stage(dockerfile, "training")).as(app).containsExactly("FROM app AS training",
                    "COPY --from=build /src/aot-training/ /tmp/aot-training/",
                    "RUN java -cp /tmp/aot-training AotTraining --jar /deployments/quarkus-run.jar --cache /tmp/app.aot"
                            + " --port " + configuration.httpPort() + " --management-port "
                            + configuration.managementPort() + standIn + " -- $GC_CONTAINER_OPTIONS $JAVA_OPTS_APPEND");
            assertThat(finalStage(dockerfile)).as(app).containsExactly("FROM app",
                    "COPY --from=training --chown=185 /tmp/app.aot /deployments/app.aot",
                    "ENV JAVA_OPTS_APPEND=\"$JAVA_OPTS_APPEND -XX:AOTCache=/deployments/app.aot\"");
        }
        assertThat(Arrays.asList(Repository.read(".dockerignore").split("\n"))).as("the training program is in the context")
                .doesNotContain("scripts");
        String gateway = Repository.read("ui/src/main/resources/application.properties");
        assertThat(GATEWAY_SERVICE_URLS).as("the gateway's training stands in for every service it routes to")
                .allSatisfy(property -> assertThat(gateway).containsPattern("(?m)^" + property.replace(".", "\\.") + "="));
        assertThat(Repository.read("scripts/jvm.sh")).as("the stack's training of the gateway does the same")
                .contains("[ui]=" + String.join(",", GATEWAY_SERVICE_URLS));
    }

    @Test
    void theNativeImageIsCompiledFromTheSourcesTheNativeProfilePrepares() {
        for (String app : Repository.APPS) {
            String dockerfile = Repository.read(app + "/src/main/docker/Dockerfile.native");
            assertThat(dockerfile).contains("-Pnative", "-Dquarkus.native.sources-only=true",
                    "native-image $(cat native-image.args)");
        }
        String pom = Repository.read("pom.xml");
        String profile = pom.substring(pom.indexOf("<id>native</id>"), pom.indexOf("</profile>", pom.indexOf("<id>native</id>")));
        assertThat(profile).contains("<quarkus.native.enabled>true</quarkus.native.enabled>",
                "<quarkus.native.container-build>true</quarkus.native.container-build>");
    }

    @Test
    void theGatewaysImagesCarryTheWebAppBuiltWithNodeBeforeMaven() {
        String pom = Repository.read("ui/pom.xml");
        for (String kind : List.of("jvm", "native")) {
            String dockerfile = Repository.read("ui/src/main/docker/Dockerfile." + kind);
            assertThat(dockerfile).contains("FROM node:20-slim AS web", "npm ci", "vite build --outDir /web",
                    "COPY --from=web /web ui/src/main/resources/META-INF/resources", "-Dweb-app.skip=true");
        }
        assertThat(pom).contains("<skip>${web-app.skip}</skip>", "<argument>ci</argument>", "<argument>build</argument>");
    }

    @Test
    void theBuildContextLeavesOutWhatTheImagesDoNotNeed() {
        List<String> ignored = Arrays.asList(Repository.read(".dockerignore").split("\n"));
        assertThat(ignored).contains(".git", ".run", "**/target", "**/node_modules");
        assertThat(ignored).as("modules of the reactor must stay in the context").doesNotContain("deployment", "common");
    }

    /** The lines of the stage named {@code name} ("FROM ... AS name"), as {@link #finalStage} gives them. */
    private static List<String> stage(String dockerfile, String name) {
        List<String> lines = lines(dockerfile);
        int from = -1;
        int to = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                if (from >= 0) {
                    to = i;
                    break;
                }
                if (lines.get(i).endsWith(" AS " + name)) {
                    from = i;
                }
            }
        }
        assertThat(from).as("a stage named " + name).isNotNegative();
        return lines.subList(from, to);
    }

    /** The lines of the last stage, continuation lines joined, spaces collapsed, comments left out. */
    private static List<String> finalStage(String dockerfile) {
        List<String> lines = lines(dockerfile);
        int from = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                from = i;
            }
        }
        return lines.subList(from, lines.size());
    }

    private static List<String> lines(String dockerfile) {
        return Arrays.stream(dockerfile.replace("\\\n", " ").split("\n"))
                .map(line -> line.strip().replaceAll("\\s+", " "))
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
