package io.conveyor.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code conveyor-launcher}: Conveyor on one machine with nothing installed. Starts a real Kafka
 * broker (KRaft) and the Confluent-compatible schema registry in this JVM, says where they are,
 * and keeps them up until Ctrl-C.
 */
@Command(name = "conveyor-launcher", mixinStandardHelpOptions = true,
        description = "Runs Conveyor locally: an embedded Kafka broker (KRaft), the schema registry and all services.")
public final class ConveyorLauncher implements Callable<Integer> {

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka client port, 0 for a free one (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema Registry port, 0 for a free one (default ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--data-dir", defaultValue = ".conveyor/data", description = "Where data is kept between runs (default ${DEFAULT-VALUE}).")
    Path dataDirectory;

    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);

    ConveyorLauncher(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new ConveyorLauncher(System.out)).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalStack stack = LocalStack.start(new LauncherSettings(kafkaPort, registryPort, dataDirectory.toAbsolutePath()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stack), "conveyor-shutdown"));
        out.println("Kafka bootstrap servers: " + stack.bootstrapServers());
        out.println("Schema Registry: " + stack.registryUrl());
        for (EmbeddedService service : stack.services()) {
            out.println("Service " + service.name() + ": " + service.url() + " (health: " + service.url() + "/health)");
        }
        out.println("Data directory: " + dataDirectory.toAbsolutePath());
        out.println("Conveyor is running; press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    private void stop(LocalStack stack) {
        out.println("Stopping Conveyor...");
        stack.close();
        out.println("Conveyor stopped.");
        out.flush();
        stopped.countDown();
    }
}
