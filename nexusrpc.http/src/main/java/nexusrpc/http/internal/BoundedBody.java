package nexusrpc.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a limit, and one exchange that can be cut at its deadline: {@code java.net.http}'s
 * own timeout stops at the response headers, and its byte-array body reads whatever a peer sends, so a peer that
 * answers with an endless or trickling body would exhaust memory or hold the caller forever.
 *
 * <p>One instance serves one attempt: pass {@link #handler()} to {@code sendAsync}, and call {@link #abort} at the
 * deadline. {@link #answered()} tells whether the response headers arrived, i.e. whether the peer answered at all.
 */
public final class BoundedBody {
    private final int limit;
    private final boolean truncate;
    private volatile boolean answered;
    private volatile int status = -1;
    private volatile Subscriber subscriber;
    private volatile Throwable aborted;

    /**
     * @param limit the most bytes kept
     * @param truncate true: a longer body is cut at the limit (its connection closed) and what was read is the
     *     body; false: a longer body fails the exchange with {@link TooLargeException}
     */
    public BoundedBody(int limit, boolean truncate) {
        this.limit = limit;
        this.truncate = truncate;
    }

    /** A body longer than the limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int limit) {
            super("the response body is larger than the limit of " + limit + " bytes");
        }
    }

    /** The body handler of this attempt. */
    public HttpResponse.BodyHandler<byte[]> handler() {
        return info -> {
            status = info.statusCode();
            answered = true;
            Subscriber s = new Subscriber();
            subscriber = s;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > limit && !truncate) {
                s.result.completeExceptionally(new TooLargeException(limit));
            }
            Throwable a = aborted;
            if (a != null) {
                s.result.completeExceptionally(a);
            }
            return s;
        };
    }

    /** Whether the response's status line and headers arrived. */
    public boolean answered() {
        return answered;
    }

    /**
     * The status the peer answered, or -1 before its headers arrived: an exchange whose body failed or was cut
     * after a 2xx status was still accepted by the peer (sending it again would deliver it twice).
     */
    public int status() {
        return status;
    }

    /** Stops reading the body (if it is being read): the exchange fails with {@code why}. */
    public void abort(Throwable why) {
        aborted = why;
        Subscriber s = subscriber;
        if (s != null) {
            s.result.completeExceptionally(why);
            s.cancel();
        }
    }

    private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (result.isDone()) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                cancel();
                return;
            }
            for (ByteBuffer b : items) {
                int room = limit - bytes.size();
                if (b.remaining() > room) {
                    if (truncate) {
                        write(b, room);
                        result.complete(bytes.toByteArray());
                    } else {
                        result.completeExceptionally(new TooLargeException(limit));
                    }
                    cancel();
                    return;
                }
                write(b, b.remaining());
            }
        }

        private void write(ByteBuffer b, int n) {
            byte[] chunk = new byte[n];
            b.get(chunk);
            bytes.write(chunk, 0, n);
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    /**
     * Whether a failed exchange received no byte of an answer, so that sending it again cannot run it twice: the
     * peer closed the connection before answering (typically a pooled keep-alive connection it had just closed).
     * {@code java.net.http} says so in the failure's message ("header parser received no bytes").
     */
    public static boolean noAnswerByte(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("received no bytes")) {
                return true;
            }
        }
        return false;
    }
}
