package io.rubrix.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The checked-out repository, and the apps it deploys. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("rubrix.repository", "..")).toAbsolutePath().normalize();

    /** The four deployable apps, as Maven modules. */
    static final List<String> APPS = List.of("ingest-service", "query-service", "annotation-service", "ui");

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
