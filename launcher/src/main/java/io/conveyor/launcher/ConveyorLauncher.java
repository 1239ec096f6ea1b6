package io.conveyor.launcher;

import io.conveyor.launcher.run.SchedulerCallException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code conveyor-local}: Conveyor on one machine with nothing installed. A real Kafka broker
 * (KRaft), the Confluent-compatible schema registry, the embedded warehouse and all four services
 * in this JVM. Without a command it runs the example pipeline and prints what happened.
 */
@Command(name = "conveyor-local", mixinStandardHelpOptions = true,
        subcommands = {ExampleCommand.class, RunCommand.class, ServeCommand.class},
        description = {"Runs Conveyor locally: an embedded Kafka broker (KRaft), the schema registry, the warehouse and all services.",
                "Without a command: the example pipeline (same as 'example')."})
public final class ConveyorLauncher implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    private final PrintStream out;

    ConveyorLauncher(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        CommandLine commandLine = new CommandLine(new ConveyorLauncher(out), new LauncherCommands(out))
                .setExecutionExceptionHandler(ConveyorLauncher::refused);
        int exit = commandLine.execute(args);
        System.exit(exit);
    }

    /**
     * A refused or failed call to the scheduler is the outcome of the command, told in one line;
     * anything else is a bug and keeps its stack trace.
     */
    private static int refused(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof SchedulerCallException)) {
            throw e;
        }
        commandLine.getErr().println("conveyor-local: " + e.getMessage());
        commandLine.getErr().flush();
        return 1;
    }

    @Override
    public Integer call() throws Exception {
        return new ExampleCommand(out).run(stack);
    }

    /** Creates the subcommands with the launcher's console. */
    private record LauncherCommands(PrintStream out) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ExampleCommand.class) {
                return type.cast(new ExampleCommand(out));
            }
            if (type == RunCommand.class) {
                return type.cast(new RunCommand(out));
            }
            if (type == ServeCommand.class) {
                return type.cast(new ServeCommand(out));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
