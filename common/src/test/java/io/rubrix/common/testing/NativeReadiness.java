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
import io.rubrix.common.json.ModelReflection;

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

    /**
     * Scans the compiled classes under {@code classes} (a module's target/classes); the model's types count as
     * registered when {@link ModelReflection} lists them.
     */
    public static Scan scan(Path classes) {
        return scan(classes, targetsOf(ModelReflection.class));
    }

    /**
     * Scans the compiled classes under {@code classes}, or in the jar {@code classes} names, counting as registered
     * the types annotated {@link RegisterForReflection} and those in {@code registeredElsewhere} (the targets of a
     * registration in another module: the model has no Quarkus annotation).
     */
    public static Scan scan(Path classes, Set<Class<?>> registeredElsewhere) {
        Set<String> jsonTypes = new TreeSet<>();
        List<String> unregistered = new ArrayList<>();
        for (String name : classNames(classes)) {
            Class<?> type = load(name);
            if (type.isInterface() || type.isAnnotation() || type.isEnum() || !usesJackson(type)) {
                continue;
            }
            jsonTypes.add(name);
            if (!registered(type, registeredElsewhere)) {
                unregistered.add(name);
            }
            for (Class<?> helper : helpersNamedBy(type)) {
                if (!registered(helper, registeredElsewhere)) {
                    unregistered.add(helper.getName() + " (named by " + name + ")");
                }
            }
        }
        return new Scan(jsonTypes, unregistered);
    }

    /** The types a {@code @RegisterForReflection(targets = ...)} on {@code registration} lists. */
    public static Set<Class<?>> targetsOf(Class<?> registration) {
        return Set.of(registration.getAnnotation(RegisterForReflection.class).targets());
    }

    private static boolean registered(Class<?> type, Set<Class<?>> registeredElsewhere) {
        return type.isAnnotationPresent(RegisterForReflection.class) || registeredElsewhere.contains(type);
    }

    private static List<String> classNames(Path classes) {
        try {
            if (Files.isDirectory(classes)) {
                try (Stream<Path> files = Files.walk(classes)) {
                    return files.filter(file -> file.toString().endsWith(".class"))
                            .map(file -> className(classes.relativize(file).toString())).toList();
                }
            }
            try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(classes.toFile())) {
                return jar.stream().map(java.util.zip.ZipEntry::getName)
                        .filter(entry -> entry.endsWith(".class") && !entry.startsWith("META-INF"))
                        .map(NativeReadiness::className).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String className(String path) {
        return path.replace('/', '.').replaceAll("\\.class$", "");
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
