package io.conveyor.launcher;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Keeps the stack running for the user's own pipelines until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Starts the stack and keeps it running for your own pipelines until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    private final PrintStream out;

    ServeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalSession session = LocalSession.start(stack.settings(), out);
        session.keepRunning();
        return 0;
    }
}
