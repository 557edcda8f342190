package worker.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Launches an HTTP worker with {@code --port 0}, waits for the URL it prints, and calls {@code echo/echo} until it
 * answers 200: the time to first response. The request is written on a plain socket, so the harness adds no
 * client start-up of its own to what it measures.
 */
final class HttpFirstResponse {
    private static final Pattern URL = Pattern.compile("(http://[0-9.]+:\\d+/)");
    static final String BODY = "{\"text\":\"hi\"}";

    private HttpFirstResponse() {}

    /**
     * Launches {@code command --port 0} with {@code env} added to the environment, calls it once, stops it.
     *
     * @return the timing and the body of the first 200 response
     */
    static Result measure(List<String> command, Map<String, String> env, Path logs, String name)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("--port", "0"));
        try (Launch launch = Launch.start(full, env, logs, name)) {
            URI base = null;
            while (base == null) {
                Matcher m = URL.matcher(Files.readString(launch.out, StandardCharsets.UTF_8));
                if (m.find()) {
                    base = URI.create(m.group(1));
                } else if (!launch.process.isAlive() || launch.millisSinceStart() > Launch.PATIENCE_SECONDS * 1000) {
                    throw new AssertionError("the worker printed no URL: " + launch.describe());
                } else {
                    Thread.sleep(1);
                }
            }
            String answer = null;
            while (answer == null) {
                answer = post(base, "/echo/echo", BODY);
                if (answer == null) {
                    if (launch.millisSinceStart() > Launch.PATIENCE_SECONDS * 1000) {
                        throw new AssertionError("no answer from " + base + ": " + launch.describe());
                    }
                    Thread.sleep(1);
                }
            }
            Timing timing = new Timing(launch.millisSinceStart(), launch.cpuMillis(), launch.rssKib());
            int exit = launch.stop();
            return new Result(timing, answer, exit, launch.stderr());
        }
    }

    /**
     * What one launch gave.
     *
     * @param timing time, CPU and memory at the first response
     * @param response its status line and body
     * @param exit the worker's exit status after SIGTERM
     * @param stderr what the worker wrote on stderr
     */
    record Result(Timing timing, String response, int exit, String stderr) {}

    /** The status line and body of one POST, or null if nothing listens yet. */
    private static String post(URI base, String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout((int) Launch.PATIENCE_SECONDS * 1000);
            OutputStream o = s.getOutputStream();
            o.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            o.write(bytes);
            o.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            String status = response.substring(0, Math.max(0, response.indexOf("\r\n")));
            return status + "\n" + (headersEnd < 0 ? "" : response.substring(headersEnd + 4));
        } catch (ConnectException e) {
            return null;
        }
    }
}
