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

    @Test
    void everyAppHasBothDockerfilesRunningItsOwnModuleAsANonRootUser() {
        for (String app : Repository.APPS) {
            int port = AppConfiguration.of(app).httpPort();
            for (String kind : List.of("jvm", "native")) {
                String dockerfile = Repository.read(app + "/src/main/docker/Dockerfile." + kind);
                List<String> finalStage = finalStage(dockerfile);
                assertThat(finalStage.get(0)).as(app + " " + kind + " base").matches(kind.equals("native")
                        ? "FROM registry\\.access\\.redhat\\.com/ubi9/ubi-minimal:[0-9.]+"
                        : "FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:[0-9.]+");
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

    /** The lines of the last stage, continuation lines joined, comments left out. */
    private static List<String> finalStage(String dockerfile) {
        List<String> lines = Arrays.stream(dockerfile.replace("\\\n", " ").split("\n")).map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        int from = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                from = i;
            }
        }
        return lines.subList(from, lines.size());
    }
}
