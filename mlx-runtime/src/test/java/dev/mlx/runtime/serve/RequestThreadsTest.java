package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

/** The server's pool: as many requests at work as request threads, the others queued until one is free. */
class RequestThreadsTest {
    @Test
    void requestsBeyondTheRequestThreadsWaitInTheQueue() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        QueuedThreadPool pool = RequestThreads.pool();
        Server jetty = new Server(pool);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                release.await(30, TimeUnit.SECONDS);
                inside.decrementAndGet();
                response.setStatus(200);
                callback.succeeded();
                return true;
            }
        });
        jetty.start();
        try {
            RequestThreads.trim(pool, 2);
            assertEquals(pool.getThreadPoolBudget().getLeasedThreads() + 2, pool.getMaxThreads());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"))
                        .build(), HttpResponse.BodyHandlers.discarding()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (inside.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(300); // time for a third request to get in, were there a thread for it
            assertEquals(2, inside.get(), "two request threads: two requests at work, four queued");
            release.countDown();
            for (CompletableFuture<HttpResponse<Void>> f : sent) {
                assertEquals(200, f.get(30, TimeUnit.SECONDS).statusCode());
            }
            assertEquals(2, most.get());
            assertTrue(RequestThreads.perCore() >= 2);
        } finally {
            release.countDown();
            jetty.stop();
        }
    }
}
