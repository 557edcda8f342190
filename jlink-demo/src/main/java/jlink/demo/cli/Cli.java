package jlink.demo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The {@code nexus-demo} command line: {@code tour} (the default), {@code serve}, {@code call}, {@code help}. */
public final class Cli {
    /** slf4j-simple's level switch, read when the first logger is created. */
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
    static final String USAGE = String.join("\n",
            "nexus-demo: a Nexus RPC worker and client in one self-contained image",
            "",
            "Usage: nexus-demo [tour | serve | call | temporal | help]",
            "  tour                         serve the demo in this process and walk a client through sync, async",
            "                               with callback, fetchInfo, fetchResult, cancel and failures (default)",
            "  serve [--port N] [--host H]  serve the demo services greeting and jobs over HTTP",
            "                               (default " + ServeCommand.DEFAULT_HOST + ":" + ServeCommand.DEFAULT_PORT
                    + "; --port 0 picks a free port)",
            "        [--trace]              and print each call's spans as a tree (OpenTelemetry; launcher only)",
            "  call <verb> ...              call any Nexus HTTP endpoint (start, info, result, cancel);",
            "                               \"nexus-demo call --help\" for details",
            "  temporal serve|tour          the same services as a Temporal Nexus worker, against a Temporal",
            "                               server or Temporal's test server in this process (launcher only)",
            "  help                         show this text");

    private final Transport transport;
    private final String transportName;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    Cli(Transport transport, String transportName, InputStream in, PrintStream out, PrintStream err,
            Map<String, String> env) {
        this.transport = transport;
        this.transportName = transportName;
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** The launcher's command line over HTTP, on the process's standard streams; returns the exit status. */
    public static int main(String[] args) {
        return new Cli(new HttpTransport(), "over HTTP", System.in, System.out, System.err, System.getenv())
                .run(Arrays.asList(args));
    }

    /** Runs one command line and returns the exit status. */
    int run(List<String> args) {
        String command = args.isEmpty() ? "tour" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        try {
            Exit exit;
            switch (command) {
                case "tour":
                    if (!rest.isEmpty()) {
                        throw new UsageException("tour takes no arguments");
                    }
                    // the tour tells its own story on stdout; the server's INFO lines would interleave with it
                    if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
                        System.setProperty(LOG_LEVEL_PROPERTY, "warn");
                    }
                    exit = new TourCommand(transport, transportName, out).run();
                    break;
                case "serve":
                    exit = new ServeCommand(transport, out, err).run(rest);
                    break;
                case "call":
                    exit = new CallCommand(transport, in, out, err, env).run(rest);
                    break;
                case "temporal":
                    // bin/nexus-demo starts this mode on the class path itself (Temporal's jars cannot be modules)
                    throw new UsageException("the Temporal mode runs on the class path: start it with the image's"
                            + " launcher, bin/nexus-demo temporal");
                case "help":
                case "--help":
                case "-h":
                    out.println(USAGE);
                    exit = Exit.OK;
                    break;
                default:
                    throw new UsageException("unknown command \"" + command + "\"");
            }
            return exit.code();
        } catch (UsageException e) {
            err.println("nexus-demo: " + e.getMessage());
            err.println("Run \"nexus-demo help\" for usage.");
            return Exit.USAGE.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("nexus-demo: interrupted");
            return Exit.INTERNAL.code();
        } catch (Exception e) {
            if (isNetworkFailure(e)) {
                err.println("nexus-demo: cannot reach the endpoint: " + describe(e));
                return Exit.UNREACHABLE.code();
            }
            err.println("nexus-demo: unexpected error: " + describe(e));
            return Exit.INTERNAL.code();
        }
    }

    private static boolean isNetworkFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof java.io.UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The messages of an exception chain, without class names or stack traces. */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 500; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
        }
        return sb.length() == 0 ? e.getClass().getSimpleName() : sb.toString();
    }
}
