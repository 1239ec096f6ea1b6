package io.conveyor.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads every image tarball of the images profile the way a container runtime does. */
class ContainerImagesTest {

    static List<ServiceImage> images() {
        return ServiceImage.ALL;
    }

    @ParameterizedTest
    @MethodSource("images")
    void everyImageRunsItsMainClassAsANonRootUserWithAHeapThatFollowsTheContainerLimit(ServiceImage service) throws Exception {
        ImageTarball image = ImageTarball.unpack(service.tarball(), DeployPaths.work("image-" + service.name()));

        assertThat(image.repoTags()).containsExactly(service.tag());
        assertThat(image.user()).isEqualTo("65532:65532");
        assertThat(image.exposedPorts()).containsExactly(service.port() + "/tcp");
        assertThat(image.entrypoint()).containsExactly(
                "java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-Dlogback.configurationFile=/etc/conveyor/logback.xml",
                "-cp", "@/app/jib-classpath-file", service.mainClass());
        assertThat(image.cmd()).isEmpty();
        // Configuration comes only from the environment the orchestrator sets: the image sets none of it.
        assertThat(image.env()).allSatisfy(variable -> assertThat(variable).doesNotStartWith("CONVEYOR_").doesNotStartWith("MICRONAUT_"));
        assertThat(image.env()).contains("PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

        Set<String> files = image.files();
        assertThat(files).contains(
                "opt/java/openjdk/bin/java",
                "opt/java/openjdk/lib/server/libjvm.so",
                "lib64/ld-linux-x86-64.so.2",
                "etc/passwd",
                "etc/conveyor/logback.xml",
                "tmp/",
                "app/jib-classpath-file",
                "app/classes/" + service.mainClass().replace('.', '/') + ".class");
        assertThat(files).anySatisfy(file -> assertThat(file).matches("lib/.*/libc\\.so\\.6"));
        assertThat(files).anySatisfy(file -> assertThat(file).matches("lib/.*/libstdc\\+\\+\\.so\\.6"));
        // named by RocksDB's and zstd-jni's JNI libraries (glibc's compatibility stub since 2.34)
        assertThat(files).anySatisfy(file -> assertThat(file).matches("lib/.*/libpthread\\.so\\.0"));
    }

    @ParameterizedTest
    @MethodSource("images")
    void theClasspathFileNamesOnlyJarsAndDirectoriesThatAreInTheImage(ServiceImage service) throws Exception {
        ImageTarball image = ImageTarball.unpack(service.tarball(), DeployPaths.work("image-" + service.name()));
        Set<String> files = image.files();
        String classpath = "";
        for (var layer : image.layers()) {
            if (Commands.run("tar", "-tf", layer.toString()).contains("app/jib-classpath-file")) {
                classpath = Commands.run("tar", "-xOf", layer.toString(), "app/jib-classpath-file").trim();
            }
        }

        assertThat(classpath).isNotEmpty();
        for (String entry : classpath.split(":")) {
            String path = entry.substring(1);
            assertThat(files).as("classpath entry %s of %s", entry, service.name())
                    .anySatisfy(file -> assertThat(file).isIn(path, path + "/"));
        }
        assertThat(classpath.split(":")).anySatisfy(entry -> assertThat(entry).contains("kafka-clients"));
    }
}
