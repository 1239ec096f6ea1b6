package io.conveyor.e2e.harness;

import io.conveyor.e2e.harness.ComposeFile.ComposeService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a container runtime gives a compose service's process besides its environment, for a process started
 * on this host: the service's volumes mounted at their paths (a named volume is a directory shared by every
 * service naming it, a bind mount its host path) and an {@code /etc/hosts} that also names the given compose
 * hosts. Both are bind mounts in a mount namespace of the process's own ({@code unshare --mount}, private
 * propagation), so the host sees neither; this needs root. A missing mount point ({@code /data},
 * {@code /var/lib/conveyor}) is created empty on the host and removed again by {@link #close()}.
 */
public final class ContainerMounts implements AutoCloseable {

    /** The PATH Docker gives a container whose image sets none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Path volumes;
    private final Path hosts;
    private final List<Path> createdMountPoints = new ArrayList<>();

    /**
     * @param work      where the named volumes' directories and the hosts file are kept
     * @param hostNames compose host names and the addresses they resolve to ({@code postgres -> 127.0.0.1})
     */
    public ContainerMounts(Path work, Map<String, String> hostNames) {
        this.volumes = work.resolve("volumes");
        this.hosts = work.resolve("hosts");
        StringBuilder file = new StringBuilder();
        try {
            Files.createDirectories(volumes);
            file.append(Files.readString(Path.of("/etc/hosts"))).append('\n');
            hostNames.forEach((name, address) -> file.append(address).append('\t').append(name).append('\n'));
            Files.writeString(hosts, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the mounts in " + work, e);
        }
    }

    /** Whether this process may create mount namespaces and bind mounts. */
    public static boolean permitted() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The directory of the named volume {@code name}. */
    public Path volume(String name) {
        return volumes.resolve(name);
    }

    /** The command a process of {@code service} is started under; the process's own command follows it. */
    public List<String> launcher(ComposeService service) {
        StringBuilder script = new StringBuilder("set -e\n");
        for (ComposeService.Volume volume : service.volumes()) {
            Path source = volume.named() ? volume(volume.source()) : Path.of(volume.source());
            Path target = Path.of(volume.target());
            createDirectories(source);
            createMountPoint(target);
            script.append("mount --bind ").append(quoted(source)).append(' ').append(quoted(target)).append('\n');
            if (volume.readOnly()) {
                script.append("mount -o remount,bind,ro ").append(quoted(target)).append('\n');
            }
        }
        script.append("mount --bind ").append(quoted(hosts)).append(" /etc/hosts\n");
        // env, as the shell exported PWD, which a container's process does not get from its runtime
        script.append("exec env -u PWD \"$@\"\n");
        return List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script.toString(),
                "container-" + service.name());
    }

    private synchronized void createMountPoint(Path target) {
        List<Path> missing = new ArrayList<>();
        for (Path directory = target; directory != null && !Files.exists(directory); directory = directory.getParent()) {
            missing.add(directory);
        }
        Collections.reverse(missing);
        createDirectories(target);
        createdMountPoints.addAll(missing);
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    /** Removes the mount points this created, deepest first, unless something else put files there since. */
    @Override
    public synchronized void close() {
        for (int i = createdMountPoints.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(createdMountPoints.get(i));
            } catch (DirectoryNotEmptyException kept) {
                // not ours alone any more
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove the mount point " + createdMountPoints.get(i), e);
            }
        }
        createdMountPoints.clear();
    }
}
