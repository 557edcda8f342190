package jlink.demo;

import jlink.demo.cli.Cli;

/** The {@code nexus-demo} launcher entry point. */
public final class Main {
    private Main() {}

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(Cli.main(args));
    }
}
