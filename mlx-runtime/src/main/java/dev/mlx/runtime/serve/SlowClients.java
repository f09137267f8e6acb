package dev.mlx.runtime.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What keeps a slow or hostile client from starving the server's few request threads.
 *
 * <ul>
 *   <li>A request's body is read without a thread: Jetty's {@link EagerContentHandler} collects it
 *       as it arrives and only hands the complete request to a request thread, so a client that
 *       sends headers and half a body holds a buffer, not one of the (one per core) threads.</li>
 *   <li>Bounded sizes: the request line and headers ({@link ServeOptions#maxHeaderBytes}), the
 *       body ({@link ServeOptions#maxBodyBytes}, refused as soon as it is exceeded), and the number
 *       of open connections ({@link #MAX_CONNECTIONS}).</li>
 *   <li>Timeouts: a connection that sends nothing for {@link ServeOptions#timeoutMillis} is
 *       closed, and a body that arrives slower than {@link #MIN_BYTES_PER_SECOND} is cut off.</li>
 *   <li>Jetty's own refusals (a malformed URI or header) are JSON like every other answer, not
 *       HTML error pages.</li>
 * </ul>
 */
final class SlowClients {
    /** Open connections beyond this wait in the kernel's backlog until one closes. */
    static final int MAX_CONNECTIONS = 1024;
    /** A body slower than this (bytes per second, averaged) is abandoned with 408. */
    static final long MIN_BYTES_PER_SECOND = 1024;

    private SlowClients() {
    }

    /**
     * Before the server starts: bodies read ahead of the handler, bounded connections, JSON error
     * pages ({@code errorJson} makes the body from the status and Jetty's reason).
     */
    static void protect(Server server, ServeOptions options, BiFunction<Integer, String, String> errorJson) {
        // Javalin puts its servlet handler inside the innermost wrapper it finds
        server.setHandler(new EagerContentHandler(
                new EagerContentHandler.RetainedContentLoaderFactory(options.maxBodyBytes(), -1, true)));
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
        server.setErrorHandler(new JsonErrors(errorJson));
    }

    /** The HTTP limits every connector applies to the requests it parses. */
    static void configure(HttpConfiguration http, ServeOptions options) {
        http.setRequestHeaderSize(options.maxHeaderBytes());
        http.setMinRequestDataRate(MIN_BYTES_PER_SECOND);
        http.setSendServerVersion(false);
    }

    /** Once started: a connection idle (or stalled mid-request) for the timeout is closed. */
    static void limitConnectors(Server server, ServeOptions options) {
        for (Connector c : server.getConnectors()) {
            if (c instanceof AbstractConnector a) {
                a.setIdleTimeout(options.timeoutMillis());
            }
        }
    }

    /** Jetty's error answers as mlx's JSON errors. */
    private static final class JsonErrors extends ErrorHandler {
        private final BiFunction<Integer, String, String> errorJson;

        JsonErrors(BiFunction<Integer, String, String> errorJson) {
            this.errorJson = errorJson;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            byte[] body = errorJson.apply(code, message).getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(errorJson.apply(status, reason).getBytes(StandardCharsets.UTF_8));
        }
    }
}
