package org.openuid.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code openuid} command. */
@Command(name = "openuid", mixinStandardHelpOptions = true, version = "OpenUID 0.1.0",
        description = "A self-hostable UID2/EUID operator.",
        subcommands = {ServeCommand.class, ImportCommand.class, AdminCommand.class, RequestCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (used by tests). */
    public static int run(String... args) {
        // `serve` gets a command line of its own: building the whole command tree (the admin commands and their
        // reflection) costs a good part of a second on a cold JVM, which every operator start would pay. Its usual
        // arguments are read without picocli at all (ServeArgs); anything else goes through picocli.
        boolean serve = args.length > 0 && args[0].equals("serve");
        String[] serveArgs = serve ? java.util.Arrays.copyOfRange(args, 1, args.length) : null;
        if (serve) {
            ServeCommand plain = ServeArgs.read(serveArgs);
            if (plain != null) return callServe(plain);
        }
        CommandLine cl = serve ? new CommandLine(new ServeCommand()).setCommandName("openuid serve") : new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(errorLine(e));
            return 1;
        });
        return cl.execute(serve ? serveArgs : args);
    }

    /** What picocli's execution would do with the command: its exit code, or the error line and 1. */
    private static int callServe(ServeCommand command) {
        try {
            return command.call();
        } catch (Exception e) {
            System.err.println(errorLine(e));
            System.err.flush();
            return 1;
        }
    }

    private static String errorLine(Exception e) {
        return "error: " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
