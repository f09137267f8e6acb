package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.eclipse.jetty.http.BadMessageException;
import org.junit.jupiter.api.Test;

/**
 * A body that arrives too slowly is the client's doing, also when Jetty notices it while a request
 * thread reads the body rather than before: 408, never a logged 500 (seen from `serve --bench` on a
 * machine with 30 runnable processes per core).
 */
class SlowBodyStatusTest {
    @Test
    void jettysRefusalsWhileReadingTheBodyAreClientErrors() {
        ApiError slow = ModelServer.clientError(new BadMessageException(408, "Request content data rate < 1024 B/s"));
        assertEquals(408, slow.status);
        assertEquals("request_timeout", slow.code);
        ApiError wrapped = ModelServer.clientError(new IllegalStateException("reading",
                new BadMessageException(400, "bad chunk")));
        assertEquals(400, wrapped.status);
        assertEquals("bad_request", wrapped.code);
        assertNull(ModelServer.clientError(new IllegalStateException("a bug")));
    }
}
