package io.loadfleet.worker.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Bad input ends a command with one message and exit code 2, never a stack trace. */
final class CliErrors {
    private CliErrors() {}

    static int usage(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }
}
