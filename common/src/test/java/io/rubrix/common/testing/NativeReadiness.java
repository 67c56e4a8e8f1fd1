package io.rubrix.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A native image sees only the reflection Quarkus registers. Classes that are REST bodies are registered by Quarkus
 * REST; classes that our code hands to an ObjectMapper itself (Elasticsearch documents, Kafka events, stored jobs)
 * are not, so every class that carries Jackson annotations, and every serializer they name, must be annotated
 * {@link RegisterForReflection}. GraalVM is not available here to prove the image: this keeps the rule checked.
 */
public final class NativeReadiness {

    /** What a scan of compiled classes found. */
    public record Scan(Set<String> jsonTypes, List<String> unregistered) {
    }

    private NativeReadiness() {
    }

    /** Scans the compiled classes under {@code classes} (a module's target/classes). */
    public static Scan scan(Path classes) {
        Set<String> jsonTypes = new TreeSet<>();
        List<String> unregistered = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(file -> file.toString().endsWith(".class")).forEach(file -> {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = load(name);
                if (type.isInterface() || type.isAnnotation() || type.isEnum() || !usesJackson(type)) {
                    return;
                }
                jsonTypes.add(name);
                if (!type.isAnnotationPresent(RegisterForReflection.class)) {
                    unregistered.add(name);
                }
                for (Class<?> helper : helpersNamedBy(type)) {
                    if (!helper.isAnnotationPresent(RegisterForReflection.class)) {
                        unregistered.add(helper.getName() + " (named by " + name + ")");
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scan(jsonTypes, unregistered);
    }

    private static boolean usesJackson(Class<?> type) {
        for (AnnotatedElement element : elements(type)) {
            for (Annotation annotation : element.getDeclaredAnnotations()) {
                if (annotation.annotationType().getPackageName().startsWith("com.fasterxml.jackson")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Class<?>> helpersNamedBy(Class<?> type) {
        List<Class<?>> helpers = new ArrayList<>();
        for (AnnotatedElement element : elements(type)) {
            JsonSerialize serialize = element.getAnnotation(JsonSerialize.class);
            if (serialize != null && serialize.using() != com.fasterxml.jackson.databind.JsonSerializer.None.class) {
                helpers.add(serialize.using());
            }
            JsonDeserialize deserialize = element.getAnnotation(JsonDeserialize.class);
            if (deserialize != null && deserialize.using() != com.fasterxml.jackson.databind.JsonDeserializer.None.class) {
                helpers.add(deserialize.using());
            }
        }
        return helpers;
    }

    private static List<AnnotatedElement> elements(Class<?> type) {
        List<AnnotatedElement> elements = new ArrayList<>();
        elements.add(type);
        elements.addAll(List.of(type.getDeclaredFields()));
        elements.addAll(List.of(type.getDeclaredMethods()));
        elements.addAll(List.of(type.getDeclaredConstructors()));
        for (Executable executable : type.getDeclaredConstructors()) {
            elements.addAll(List.of(executable.getParameters()));
        }
        if (type.isRecord()) {
            elements.addAll(List.of(type.getRecordComponents()));
        }
        return elements;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeReadiness.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }
}
