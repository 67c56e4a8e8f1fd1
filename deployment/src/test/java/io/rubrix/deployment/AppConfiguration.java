package io.rubrix.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one app reads from its environment, as environment variable names (Quarkus maps {@code a.b-c} to
 * {@code A_B_C}): the keys of its application.properties and the variables they reference, the keys its code
 * (and common's) asks for with {@code @ConfigProperty} and {@code @ConfigMapping}, and every key of the Quarkus
 * extensions it was built with, from their {@code META-INF/quarkus-config-doc/quarkus-config-model.json}.
 */
final class AppConfiguration {

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern MAPPING_METHOD = Pattern.compile("^\\s+[\\w<>.,? ]+\\s+(\\w+)\\(\\);", Pattern.MULTILINE);
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final ObjectMapper JSON = new ObjectMapper();

    final String app;
    final Properties properties = new Properties();
    final Set<String> environmentNames = new TreeSet<>();
    /** Built with quarkus-kafka-client, whose {@code default-kafka-broker} configuration takes every kafka.* key. */
    boolean usesKafkaExtension;

    private AppConfiguration(String app) {
        this.app = app;
    }

    private static final java.util.Map<String, AppConfiguration> READ = new java.util.concurrent.ConcurrentHashMap<>();

    /** The app's configuration, read once per test run (it opens every jar of the app's build). */
    static AppConfiguration of(String app) {
        return READ.computeIfAbsent(app, AppConfiguration::readNow);
    }

    private static AppConfiguration readNow(String app) {
        AppConfiguration config = new AppConfiguration(app);
        config.readProperties();
        config.readSources(Repository.path(app + "/src/main/java"));
        config.readSources(Repository.path("common/src/main/java"));
        config.readExtensionModels();
        return config;
    }

    /** The port the app listens on, from its application.properties. */
    int httpPort() {
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }

    /** The port of its management interface (health, metrics), from its application.properties. */
    int managementPort() {
        if (!"true".equals(properties.getProperty("quarkus.management.enabled"))) {
            throw new AssertionError(app + ": the management interface is not enabled");
        }
        return Integer.parseInt(properties.getProperty("quarkus.management.port"));
    }

    /** A property of the default profile. */
    String property(String key) {
        return properties.getProperty(key);
    }

    boolean reads(String environmentName) {
        return environmentNames.contains(environmentName) || kafkaClientSetting(environmentName) != null;
    }

    /**
     * The Kafka client setting a {@code KAFKA_*} variable gives, or null. Quarkus' Kafka extension hands every
     * {@code kafka.*} key (and {@code KAFKA_*} variable, lower-cased, {@code _} read as {@code .}) to the Kafka
     * clients it configures (the messaging connector's channels, the readiness check); the name must be a setting
     * that Kafka's producer, consumer or admin client knows.
     */
    String kafkaClientSetting(String environmentName) {
        if (!usesKafkaExtension || !environmentName.startsWith("KAFKA_")) {
            return null;
        }
        String setting = environmentName.substring("KAFKA_".length()).toLowerCase().replace('_', '.');
        boolean known = org.apache.kafka.clients.producer.ProducerConfig.configNames().contains(setting)
                || org.apache.kafka.clients.consumer.ConsumerConfig.configNames().contains(setting)
                || org.apache.kafka.clients.admin.AdminClientConfig.configNames().contains(setting);
        return known ? setting : null;
    }

    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private void readProperties() {
        String text = Repository.read(app + "/src/main/resources/application.properties");
        try {
            properties.load(new java.io.StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().stream().filter(key -> !key.startsWith("%"))
                .forEach(key -> environmentNames.add(environmentName(key)));
        Matcher reference = VARIABLE_REFERENCE.matcher(text);
        while (reference.find()) {
            environmentNames.add(reference.group(1));
        }
    }

    private void readSources(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String source = read(file);
                Matcher property = CONFIG_PROPERTY.matcher(source);
                while (property.find()) {
                    environmentNames.add(environmentName(property.group(1)));
                }
                Matcher mapping = CONFIG_MAPPING.matcher(source);
                if (mapping.find()) {
                    Matcher method = MAPPING_METHOD.matcher(source.substring(mapping.end()));
                    while (method.find()) {
                        String kebab = method.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
                        environmentNames.add(environmentName(mapping.group(1) + "." + kebab));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readExtensionModels() {
        Path libraries = Repository.path(app + "/target/quarkus-app/lib/main");
        if (!Files.isDirectory(libraries)) {
            throw new IllegalStateException(libraries + " is missing: build the app first (mvn package)");
        }
        try (Stream<Path> jars = Files.list(libraries)) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).forEach(jar -> {
                usesKafkaExtension |= jar.getFileName().toString().startsWith("io.quarkus.quarkus-kafka-client-");
                readExtensionModel(jar);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readExtensionModel(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry model = zip.getEntry("META-INF/quarkus-config-doc/quarkus-config-model.json");
            if (model == null) {
                return;
            }
            try (InputStream in = zip.getInputStream(model)) {
                JSON.readTree(in).findValues("environmentVariable").stream().map(JsonNode::asText)
                        .forEach(environmentNames::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(jar + " unreadable", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
