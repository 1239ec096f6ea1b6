package io.conveyor.deploy;

import java.nio.file.Path;

/** Where the build puts what these checks read (system properties set by deploy/pom.xml). */
final class DeployPaths {

    private DeployPaths() {
    }

    static Path project() {
        return Path.of(required("conveyor.project.dir"));
    }

    static String projectVersion() {
        return required("conveyor.project.version");
    }

    /** A scratch directory of this module's target/ for unpacked images and rendered manifests. */
    static Path work(String name) {
        return Path.of(required("conveyor.deploy.work")).resolve(name);
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + key + " is not set: run these tests through Maven (deploy/pom.xml sets it)");
        }
        return value;
    }
}
