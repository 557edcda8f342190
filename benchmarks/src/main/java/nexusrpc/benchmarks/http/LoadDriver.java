package nexusrpc.benchmarks.http;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A closed-loop HTTP/1.1 keep-alive load generator on one thread and one NIO selector: each connection sends
 * a request, waits for the whole response, checks it, and sends the next at once.
 *
 * <p>{@code java.net.http.HttpClient} cannot generate enough load to saturate a local server (it tops out far
 * below what the JDK server serves), hence this driver. Responses must carry {@code Content-Length} (the JDK
 * server always sends it for fixed-length bodies); a response with another status or other bytes than
 * expected counts as an error, and so does a connection the server closes (it is then reopened).
 */
public final class LoadDriver {
    private final InetSocketAddress target;
    private final byte[] request;
    private final byte[] expectedBody;
    private final int connections;

    /** Phase hooks called on the driver thread when measurement starts and ends (keep them short). */
    public interface Phases {
        /** Called once, when warm-up ends and measurement starts. */
        void measurementStarts();

        /** Called once, when measurement ends. */
        void measurementEnds();

        /**
         * Asked every {@link #STEP} once the minimum warm-up has passed, until it answers true or the warm-up has
         * lasted four times its minimum: whether the server has warmed up (e.g. its JIT compiler has settled).
         * Without it, a server whose code takes longer to compile than the fixed warm-up is measured while its
         * compiler threads still take CPU from both sides. The default answers true at once.
         */
        default boolean warmedUp() {
            return true;
        }
    }

    /** How often {@link Phases#warmedUp()} is asked after the minimum warm-up. */
    public static final Duration STEP = Duration.ofSeconds(2);

    /**
     * What one run measured.
     *
     * @param requests responses received (and correct) during measurement
     * @param errors wrong responses and lost connections during the whole run
     * @param seconds length of the measurement
     * @param p50Micros median latency in microseconds
     * @param p99Micros 99th percentile latency in microseconds
     * @param driverCpuNanos CPU time of the driver thread during measurement
     * @param warmupSeconds how long the warm-up lasted (at least the minimum; longer while the server was not warm)
     * @param firstError the first error seen, or {@code null}
     */
    public record Result(long requests, long errors, double seconds, double p50Micros, double p99Micros,
            long driverCpuNanos, double warmupSeconds, String firstError) {
        /** Responses per second. */
        public double throughput() {
            return requests / seconds;
        }
    }

    /**
     * A driver of {@code connections} connections to {@code target}, each sending {@code request} (a complete
     * HTTP/1.1 request) and expecting a 200 response whose body is {@code expectedBody}.
     */
    public LoadDriver(InetSocketAddress target, byte[] request, byte[] expectedBody, int connections) {
        this.target = target;
        this.request = request.clone();
        this.expectedBody = expectedBody.clone();
        this.connections = connections;
    }

    /**
     * A POST request with a JSON body, for the given host, port and path, with extra header lines ({@code
     * "Name: value"}, e.g. a Nexus {@code Request-Timeout}).
     */
    public static byte[] jsonPost(InetSocketAddress target, String path, byte[] body, String... extraHeaders) {
        StringBuilder extra = new StringBuilder();
        for (String h : extraHeaders) {
            extra.append(h).append("\r\n");
        }
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + target.getHostString() + ":" + target.getPort() + "\r\n"
                + extra
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Runs a warm-up and then a measurement; closes every connection before returning. */
    public Result run(Duration warmup, Duration measure, Phases phases) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LatencyHistogram histogram = new LatencyHistogram();
        List<Connection> all = new ArrayList<>();
        long errors = 0;
        String firstError = null;
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                all.add(open(selector));
            }
            long start = System.nanoTime();
            long measureStart = start + warmup.toNanos();
            long warmupLimit = start + 4 * warmup.toNanos();
            long measureEnd = Long.MAX_VALUE;
            boolean measuring = false;
            long cpuAtStart = 0;
            long warmedUpAfterNanos = 0;
            long cpuAtEnd = 0;
            while (true) {
                long now = System.nanoTime();
                if (!measuring && now >= measureStart) {
                    if (now < warmupLimit && !phases.warmedUp()) {
                        measureStart = now + STEP.toNanos();
                    } else {
                        measuring = true;
                        warmedUpAfterNanos = now - start;
                        measureEnd = now + measure.toNanos();
                        phases.measurementStarts();
                        cpuAtStart = threads.getCurrentThreadCpuTime();
                    }
                }
                if (now >= measureEnd) {
                    cpuAtEnd = threads.getCurrentThreadCpuTime();
                    phases.measurementEnds();
                    break;
                }
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    String error = c.onReady(key, histogram, measuring);
                    if (error != null) {
                        errors++;
                        if (firstError == null) {
                            firstError = error;
                        }
                        c.close();
                        all.set(all.indexOf(c), open(selector));
                    }
                }
                selector.selectedKeys().clear();
            }
            for (Connection c : all) {
                c.close();
            }
            return new Result(histogram.count(), errors, measure.toNanos() / 1e9, histogram.percentileMicros(0.50),
                    histogram.percentileMicros(0.99), cpuAtEnd - cpuAtStart, warmedUpAfterNanos / 1e9, firstError);
        }
    }

    private Connection open(Selector selector) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection c = new Connection(ch);
        if (ch.connect(target)) {
            c.key = ch.register(selector, 0, c);
            c.send();
        } else {
            c.key = ch.register(selector, SelectionKey.OP_CONNECT, c);
        }
        return c;
    }

    /** One keep-alive connection and the response being read on it. */
    private final class Connection {
        private final SocketChannel channel;
        private final ByteBuffer out = ByteBuffer.wrap(request);
        private ByteBuffer in = ByteBuffer.allocate(Math.max(4096, expectedBody.length + 1024));
        private SelectionKey key;
        private long sentAt;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        /** Handles readiness; returns an error description, or null. */
        String onReady(SelectionKey k, LatencyHistogram histogram, boolean measuring) {
            try {
                if (k.isConnectable()) {
                    channel.finishConnect();
                    send();
                    return null;
                }
                if (k.isWritable()) {
                    write();
                    return null;
                }
                if (k.isReadable()) {
                    return read(histogram, measuring);
                }
                return null;
            } catch (IOException e) {
                return "connection failed: " + e;
            }
        }

        void send() throws IOException {
            out.clear();
            sentAt = System.nanoTime();
            write();
        }

        private void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        private String read(LatencyHistogram histogram, boolean measuring) throws IOException {
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (channel.read(in) < 0) {
                return "the server closed the connection";
            }
            int headerEnd = headerEnd();
            if (headerEnd < 0) {
                return null;
            }
            String head = new String(in.array(), 0, headerEnd, StandardCharsets.ISO_8859_1);
            int length = contentLength(head);
            int total = headerEnd + 4 + length;
            if (in.position() < total) {
                if (in.capacity() < total) {
                    in = ByteBuffer.allocate(total).put(in.flip());
                }
                return null;
            }
            long latency = System.nanoTime() - sentAt;
            String error = check(head, headerEnd + 4, length);
            if (error != null) {
                return error;
            }
            if (measuring) {
                histogram.record(latency);
            }
            boolean close = head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
            in.clear();
            if (close) {
                return "the server asked to close the connection";
            }
            send();
            return null;
        }

        private int headerEnd() {
            byte[] a = in.array();
            for (int i = 0; i + 3 < in.position(); i++) {
                if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private String check(String head, int bodyStart, int length) {
            if (!head.startsWith("HTTP/1.1 200")) {
                int eol = head.indexOf('\r');
                return "unexpected response: " + (eol < 0 ? head : head.substring(0, eol));
            }
            if (!Arrays.equals(in.array(), bodyStart, bodyStart + length, expectedBody, 0, expectedBody.length)) {
                return "unexpected body of " + length + " bytes";
            }
            return null;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a benchmark connection: nothing to do
            }
        }
    }

    private static int contentLength(String head) {
        String lower = head.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("\r\ncontent-length:");
        if (at < 0) {
            return 0;
        }
        int from = at + "\r\ncontent-length:".length();
        int eol = lower.indexOf('\r', from);
        return Integer.parseInt(lower.substring(from, eol < 0 ? lower.length() : eol).trim());
    }
}
