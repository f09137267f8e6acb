package dev.mlx.runtime.serve;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.explain.SamplingStats;
import dev.mlx.runtime.explain.Explainer;
import dev.mlx.runtime.features.MissingFeatureValues;
import dev.mlx.runtime.spec.Experiment;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server of a model folder (Javalin on Jetty): {@code POST /predict}, {@code /explain} and
 * {@code /feedback}; {@code GET /health}, {@code /metadata}, {@code /openapi.json}, {@code /metrics},
 * {@code /ab} and {@code /drift}. Every answer is JSON (Prometheus text for /metrics); every refusal
 * is a JSON error with a 4xx status, never a stack trace. docs/serve.md documents the API.
 */
public final class ModelServer implements AutoCloseable {
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private static final String JSON = "application/json";
    private static final String START = "mlx.start";
    private static final String REQUEST_ID = "mlx.request";
    /** The header that carries every answer's request id, also in every error body and 5xx log line. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** Seconds a client is asked to wait after a 503 for a full queue or a timeout. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final Served served;
    private final Experiment experiment;
    private final ServeOptions options;
    /** While the server sends itself its warm-up requests, which the metrics do not count. */
    private volatile boolean warming;
    private final Store store;
    private final Variants variants;
    private final ServeMetrics metrics = new ServeMetrics();
    private final ThreadPoolExecutor workers;
    /**
     * Scoring on request threads: one row at a time per core. A request that finds no permit goes to
     * the scoring threads instead, so a request thread is always left for {@code /health} and
     * {@code /metrics}, however busy scoring is.
     */
    private final Semaphore scoring = new Semaphore(RequestThreads.perCore());
    private final PrintStream log;
    private final long started = System.currentTimeMillis();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Online online;
    private final Drift drift;
    private Javalin app;

    public ModelServer(Experiment experiment, Served served, ServeOptions options) {
        this(experiment, served, options, System.err);
    }

    /** A server whose 5xx answers are logged to {@code log}, each with its request id. */
    public ModelServer(Experiment experiment, Served served, ServeOptions options, PrintStream log) {
        this.log = log;
        this.experiment = experiment;
        this.served = served;
        this.options = options;
        this.store = options.storeUrl() == null ? null : Store.open(options.storeUrl());
        this.variants = new Variants(served.profile.selected,
                experiment != null && experiment.feedback() != null ? experiment.feedback().abtest() : null);
        int threads = RequestThreads.perCore();
        // a bounded queue: work beyond it is refused with 503 and Retry-After, not piled up without end
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(options.queueLimit()), r -> {
                    Thread t = new Thread(r, "mlx-score");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.online = Online.of(experiment, served.profile);
        this.drift = Drift.of(experiment, served.profile);
    }

    /** Starts listening; returns the bound port (useful with port 0). */
    public int start() {
        WarmUp.score(served, options.maxBatch()); // before listening: /health says ready once the first /predict is fast
        QueuedThreadPool pool = RequestThreads.pool();
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = options.host();
            config.jetty.port = options.port();
            config.http.maxRequestSize = options.maxBodyBytes();
            // Javalin copies every answer to Jetty's (buffered) output through a fresh array of this size,
            // 32 KB by default: a third of what a /predict allocated. Larger answers take more copies.
            config.http.responseBufferSize = 4096;
            config.http.prefer405over404 = true;
            config.jetty.threadPool = pool;
            config.jetty.modifyHttpConfiguration(http -> SlowClients.configure(http, options));
            config.jetty.modifyServer(s -> {
                s.setStopTimeout(10_000);
                SlowClients.protect(s, options, this::jettyError);
            });
            config.routes.before(ctx -> {
                ctx.attribute(START, System.nanoTime());
                String id = PredictionIds.next(System.currentTimeMillis());
                ctx.attribute(REQUEST_ID, id);
                ctx.header(REQUEST_ID_HEADER, id);
            });
            config.routes.after(this::measure);
            config.routes.post("/predict", this::predict);
            config.routes.post("/explain", this::explain);
            config.routes.post("/feedback", this::feedback);
            config.routes.get("/health", this::health);
            // both documents follow from the served profile and the options alone: written once
            String metadata = GSON.toJson(Metadata.json(served.profile, options, variants.isAbTest()
                    ? experiment.feedback().abtest() : null));
            String openApi = GSON.toJson(OpenApi.json(served.profile, options));
            config.routes.get("/metadata", ctx -> ctx.status(200).contentType(JSON).result(metadata));
            config.routes.get("/openapi.json", ctx -> ctx.status(200).contentType(JSON).result(openApi));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.render(store == null ? 0 : store.dropped())));
            config.routes.get("/ab", ctx -> json(ctx, 200, online.report(requireStore(), windowStart())));
            config.routes.get("/drift", ctx -> json(ctx, 200, drift.report(requireStore(), windowStart())));
            config.routes.exception(ApiError.class, (e, ctx) -> refuse(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> refuse(ctx, new ApiError(e.getStatus(),
                    e.getStatus() == 413 ? "body_too_large" : e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus(),
                    e.getStatus() == 413 ? "the request body is larger than " + options.maxBodyBytes() + " bytes"
                            : e.getMessage())));
            config.routes.exception(RunException.class, (e, ctx) -> fail(ctx, e));
            config.routes.exception(Exception.class, (e, ctx) -> internal(ctx, e));
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    refuse(ctx, new ApiError(404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(405, ctx -> refuse(ctx, new ApiError(405, "method_not_allowed",
                    ctx.method() + " is not allowed on " + ctx.path())));
            config.events.serverStopped(stopped::countDown);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            close();
            throw new RunException("cannot listen on " + options.host() + ":" + options.port() + ": " + rootMessage(e), e);
        }
        // one request thread per core for scoring, and one more that answers /health and /metrics
        RequestThreads.trim(pool, RequestThreads.perCore() + 1);
        SlowClients.limitConnectors(app.jettyServer().server(), options);
        warming = true;
        WarmUp.http(options.host(), app.port());
        warming = false;
        return app.port();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** Blocks until the server stops. */
    public void await() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting requests, finishes those in flight, then commits the store's queue. */
    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (store != null) {
            store.close();
        }
        stopped.countDown();
    }

    public Store store() {
        return store;
    }

    // ------------------------------------------------------------------ endpoints

    private void predict(Context ctx) {
        requireJson(ctx);
        String body = ctx.body();
        Requests.Parsed parsed = Requests.parse(body, served.profile, options.maxBatch());
        // one row is scored on the request thread (well under a millisecond) when a core is free for it;
        // batches, and rows that find every core busy, go to the scoring threads with the deadline
        if (parsed.rows().size() == 1 && scoring.tryAcquire()) {
            try {
                answerPredict(ctx, parsed, score(parsed));
            } finally {
                scoring.release();
            }
        } else {
            later(ctx, () -> score(parsed), answers -> answerPredict(ctx, parsed, answers));
        }
    }

    private static void answerPredict(Context ctx, Requests.Parsed parsed, JsonArray answers) {
        if (parsed.batch()) {
            JsonObject o = new JsonObject();
            o.add("predictions", answers);
            json(ctx, 200, o);
        } else {
            json(ctx, 200, answers.get(0));
        }
    }

    private JsonArray score(Requests.Parsed parsed) {
        int n = parsed.rows().size();
        List<Variants.Assignment> assigned = new ArrayList<>(n);
        for (Map<String, Object> row : parsed.rows()) {
            assigned.add(variants.assign(row));
        }
        JsonArray out = new JsonArray();
        // rows grouped by variant: each model scores its rows in one pass
        Map<String, List<Integer>> byVariant = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byVariant.computeIfAbsent(assigned.get(i).answer(), k -> new ArrayList<>()).add(i);
        }
        Scorer.Scored[] answers = new Scorer.Scored[n];
        for (Map.Entry<String, List<Integer>> en : byVariant.entrySet()) {
            long t0 = System.nanoTime();
            List<Scorer.Scored> s = scorer(en.getKey()).score(rows(parsed, en.getValue()));
            double each = (System.nanoTime() - t0) / 1e9 / en.getValue().size();
            for (int j = 0; j < s.size(); j++) {
                answers[en.getValue().get(j)] = s.get(j);
                metrics.prediction(en.getKey(), false, each);
            }
        }
        Scorer.Scored[] shadows = new Scorer.Scored[n];
        String shadow = assigned.isEmpty() ? null : assigned.get(0).shadow();
        if (shadow != null) {
            List<Scorer.Scored> s = scorer(shadow).score(parsed.table());
            for (int i = 0; i < n; i++) {
                shadows[i] = s.get(i);
                metrics.prediction(shadow, true, 0);
            }
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            String id = PredictionIds.next(now);
            Variants.Assignment a = assigned.get(i);
            JsonObject o = answer(id, a.answer(), a.role(), answers[i]);
            List<ApiError.Field> warnings = new ArrayList<>();
            for (ApiError.Field w : parsed.warnings()) {
                if (w.row() == null || w.row() == i) {
                    warnings.add(w);
                }
            }
            if (!warnings.isEmpty()) {
                o.add("warnings", new ApiError(200, "warning", "", warnings).json(options.production())
                        .getAsJsonObject("error").get("fields"));
            }
            out.add(o);
            if (store != null) {
                String inputs = FlatJson.object(parsed.rows().get(i));
                store.log(record(id, id, now, a.answer(), false, inputs, answers[i]));
                if (shadows[i] != null) {
                    store.log(record(id + "/shadow", id, now, shadow, true, inputs, shadows[i]));
                }
            }
        }
        return out;
    }

    private static Store.Prediction record(String id, String requestId, long now, String variant, boolean shadow, String inputs,
                                           Scorer.Scored s) {
        return new Store.Prediction(id, requestId, now, variant, shadow, inputs, s.prediction(), s.value(),
                s.probabilities() == null ? null : FlatJson.object(s.probabilities()));
    }

    private JsonObject answer(String id, String variant, String role, Scorer.Scored s) {
        JsonObject o = new JsonObject();
        o.addProperty("prediction_id", id);
        switch (served.profile.task) {
            case CLASSIFICATION -> {
                o.addProperty("prediction", s.prediction());
                if (s.probabilities() != null) {
                    JsonObject p = new JsonObject();
                    s.probabilities().forEach(p::addProperty);
                    o.add("probabilities", p);
                }
            }
            case REGRESSION -> {
                o.addProperty("prediction", s.value());
                o.addProperty("value", s.value());
            }
            default -> {
                o.addProperty("prediction", s.cluster());
                o.addProperty("cluster", s.cluster());
            }
        }
        o.addProperty("model", variant);
        o.addProperty("variant", role);
        return o;
    }

    private tech.tablesaw.api.Table rows(Requests.Parsed parsed, List<Integer> idx) {
        if (idx.size() == parsed.rows().size()) {
            return parsed.table();
        }
        return parsed.table().rows(idx.stream().mapToInt(Integer::intValue).toArray());
    }

    private Scorer scorer(String name) {
        Scorer s = served.variants.get(name);
        if (s == null) {
            throw new RunException("variant `" + name + "` has no model in " + served.dir);
        }
        return s;
    }

    /** The training statistics LIME samples around a row from, read off the serving profile (once). */
    private List<SamplingStats> limeStats() {
        List<SamplingStats> cached = limeStats;
        if (cached == null) {
            cached = List.copyOf(readLimeStats());
            limeStats = cached;
        }
        return cached;
    }

    private volatile List<SamplingStats> limeStats;

    private List<SamplingStats> readLimeStats() {
        List<SamplingStats> out = new ArrayList<>();
        for (Profile.Col c : served.profile.columns) {
            if (c.numeric() != null) {
                out.add(new SamplingStats(c.name(), true, c.rows() - c.missing(), c.numeric().mean(), c.numeric().sd(),
                        c.numeric().min(), c.numeric().max(), null));
            } else if (c.categories() != null) {
                out.add(new SamplingStats(c.name(), false, c.categories().values().stream().mapToLong(Long::longValue).sum(),
                        0, 0, 0, 0, c.categories()));
            }
        }
        return out;
    }

    private void explain(Context ctx) {
        requireJson(ctx);
        Requests.Parsed parsed = Requests.parse(ctx.body(), served.profile, 1);
        if (parsed.batch()) {
            throw new ApiError(400, "one_row", "/explain explains one row: send one JSON object");
        }
        Scorer s = served.primary();
        if (!Explainer.canExplain(s.model(), served.profile.task)) {
            throw new ApiError(422, "not_explainable", "LIME needs a classifier that gives probabilities; model `" + s.name()
                    + "` does not");
        }
        explainable(parsed);
        later(ctx, () -> Explainer.limeRows(s.model(), s.pipeline(), parsed.table(), 10,
                experiment == null ? 42 : experiment.seed(), limeStats()), rows -> {
                    JsonObject o = dev.mlx.runtime.result.RunJson.tree(rows.get(0)).getAsJsonObject();
                    o.remove("row");
                    if (options.production()) {
                        o.remove("values");
                    }
                    o.addProperty("model", s.name());
                    o.addProperty("method", "lime");
                    json(ctx, 200, o);
                });
    }

    private void feedback(Context ctx) {
        requireJson(ctx);
        JsonElement e = Requests.json(ctx.body());
        if (!e.isJsonObject()) {
            throw new ApiError(400, "not_an_object", "send {\"prediction_id\": \"...\", \"actual\": ...}");
        }
        JsonObject o = e.getAsJsonObject();
        List<ApiError.Field> errors = new ArrayList<>();
        JsonElement id = o.get("prediction_id");
        JsonElement actual = o.get("actual");
        if (id == null || !id.isJsonPrimitive() || !id.getAsJsonPrimitive().isString() || id.getAsString().isBlank()) {
            errors.add(new ApiError.Field(null, "prediction_id", id == null ? "missing required field" : "expected a string",
                    null, "the prediction_id of a /predict answer"));
        }
        if (actual == null || actual.isJsonNull() || !actual.isJsonPrimitive()) {
            errors.add(new ApiError.Field(null, "actual", actual == null || actual.isJsonNull() ? "missing required field"
                    : "expected a string or a number", null, "the true outcome"));
        } else if (actual.getAsJsonPrimitive().isNumber() && Requests.numberText(actual.getAsJsonPrimitive()) == null) {
            errors.add(new ApiError.Field(null, "actual", "number out of range", Requests.shown(actual.getAsString()), "the true outcome"));
        } else if (served.profile.task == dev.mlx.catalog.Task.REGRESSION && !actual.getAsJsonPrimitive().isNumber()) {
            errors.add(new ApiError.Field(null, "actual", "expected a number", Requests.shown(actual.getAsString()), "a number"));
        } else if (served.profile.classes != null && !served.profile.classes.contains(label(actual))) {
            errors.add(new ApiError.Field(null, "actual", "not a class of the model", Requests.shown(label(actual)),
                    "one of " + String.join(", ", served.profile.classes)));
        }
        Double kpi = kpi(o.get("kpi"), errors);
        if (!errors.isEmpty()) {
            throw new ApiError(422, "invalid_feedback", "the feedback does not fit", errors);
        }
        Store st = requireStore();
        String predictionId = id.getAsString();
        // the answer waits for the commit, the request thread does not: there is one per core
        ctx.future(() -> st.feedback(predictionId, label(actual), kpi)
                .orTimeout(options.timeoutMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((ack, failure) -> {
                    // on a scoring thread, not on the store's writer that completed the future
                    answerFeedback(ctx, predictionId, ack, failure);
                    return null;
                }, workers));
    }

    /** The optional business value of the prediction: a finite number, or absent (null). */
    private Double kpi(JsonElement kpi, List<ApiError.Field> errors) {
        if (kpi == null || kpi.isJsonNull()) {
            return null;
        }
        String name = experiment != null && experiment.feedback() != null && experiment.feedback().kpi() != null
                ? "the " + experiment.feedback().kpi().name() + " of this prediction" : "the business value of this prediction";
        if (!kpi.isJsonPrimitive() || !kpi.getAsJsonPrimitive().isNumber()) {
            errors.add(new ApiError.Field(null, "kpi", "expected a number", Requests.shown(kpi.toString()), name));
            return null;
        }
        double v = kpi.getAsDouble();
        if (!Double.isFinite(v)) {
            errors.add(new ApiError.Field(null, "kpi", "number out of range", Requests.shown(kpi.getAsString()), name));
            return null;
        }
        return v;
    }

    private void answerFeedback(Context ctx, String predictionId, Store.Ack ack, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TimeoutException) {
            refuse(ctx, new ApiError(503, "store_timeout", "the feedback store did not commit in time; the feedback may not be stored"));
        } else if (cause != null) {
            refuse(ctx, new ApiError(503, "store_failed", "the feedback store refused the feedback: " + rootMessage(cause)));
        } else if (ack == Store.Ack.UNKNOWN_PREDICTION) {
            metrics.feedback("unknown_prediction");
            refuse(ctx, new ApiError(404, "unknown_prediction", "no prediction with this prediction_id in the log"));
        } else {
            metrics.feedback("stored");
            JsonObject r = new JsonObject();
            r.addProperty("prediction_id", predictionId);
            r.addProperty("stored", true);
            json(ctx, 200, r);
        }
    }

    private static String label(JsonElement actual) {
        var p = actual.getAsJsonPrimitive();
        return p.isNumber() ? Requests.numberText(p) : p.getAsString();
    }

    private void health(Context ctx) {
        JsonObject o = new JsonObject();
        o.addProperty("status", "ok");
        o.addProperty("experiment", served.profile.experiment);
        JsonArray vs = new JsonArray();
        served.variants.keySet().forEach(vs::add);
        o.add("variants", vs);
        o.addProperty("store", store == null ? null : store.label());
        o.addProperty("uptime_seconds", (System.currentTimeMillis() - started) / 1000);
        json(ctx, 200, o);
    }

    // ------------------------------------------------------------------ plumbing

    private Store requireStore() {
        if (store == null) {
            throw new ApiError(409, "no_store", "this server logs no predictions (started with --no-store)");
        }
        return store;
    }

    private long windowStart() {
        return System.currentTimeMillis() - (long) (options.windowDays() * 86_400_000L);
    }

    /**
     * Runs long work (a batch, an explanation) on a scoring thread and answers when it is done, or
     * 503 after {@code --timeout}: the request thread is free meanwhile, so single rows queued behind
     * it are not held up (there is one request thread per core).
     */
    private <T> void later(Context ctx, java.util.function.Supplier<T> work, java.util.function.Consumer<T> answer) {
        CompletableFuture<T> started;
        try {
            started = CompletableFuture.supplyAsync(work, workers);
        } catch (RejectedExecutionException e) {
            throw new ApiError(503, "busy", "the server is busy: " + options.queueLimit()
                    + " requests are already waiting to be scored; try again shortly");
        }
        ctx.future(() -> started
                .orTimeout(options.timeoutMillis(), TimeUnit.MILLISECONDS)
                .handle((value, failure) -> {
                    if (failure == null) {
                        try {
                            answer.accept(value);
                        } catch (RuntimeException e) {
                            fail(ctx, e);
                        }
                    } else {
                        fail(ctx, unwrap(failure));
                    }
                    return null;
                }));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** A failure as its answer: what the exception handlers in {@link #start} answer for it. */
    private void fail(Context ctx, Throwable e) {
        ApiError client = clientError(e);
        if (client != null) {
            refuse(ctx, client);
        } else if (e instanceof TimeoutException) {
            refuse(ctx, new ApiError(503, "timeout", "scoring took longer than " + options.timeoutMillis() + " ms"));
        } else if (e instanceof ApiError a) {
            refuse(ctx, a);
        } else if (e instanceof RunException r) {
            refuse(ctx, new ApiError(503, "unavailable", r.getMessage()));
        } else {
            internal(ctx, e);
        }
    }

    private void internal(Context ctx, Throwable e) {
        ApiError client = clientError(e);
        if (client != null) {
            refuse(ctx, client);
            return;
        }
        String id = requestId(ctx);
        refuse(ctx, new ApiError(500, "internal", "internal error — please report (mlx serve): " + e.getClass().getSimpleName()));
        // the stack trace goes to the log under the request id the client was given, never to the client
        synchronized (log) {
            log.println("mlx serve: internal error in request " + id + " (" + ctx.method() + " " + ctx.path() + "):");
            e.printStackTrace(log);
            log.flush();
        }
    }

    /**
     * Failures that are the request's fault although they surface inside the pipeline, an explainer
     * or the body's reading: a gap in a feature that nothing imputes, a row LIME cannot explain, a
     * body Jetty refused while a request thread read it (slower than the minimum data rate: 408, as
     * when Jetty refuses it before; found by a loaded machine's {@code serve --bench}).
     */
    static ApiError clientError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.BadMessageException b && b.getCode() >= 400 && b.getCode() < 500) {
                return b.getCode() == 408 ? new ApiError(408, "request_timeout", "the request arrived too slowly")
                        : new ApiError(b.getCode(), "bad_request", "the request is not valid HTTP: " + b.getReason());
            }
        }
        if (e instanceof MissingFeatureValues m) {
            return new ApiError(422, "invalid_input", "1 field does not fit the model", List.of(new ApiError.Field(null,
                    m.feature(), "missing, and the model's features block fills no gap in it", null, "a value")));
        }
        if (e instanceof Explainer.Unexplainable u) {
            return new ApiError(422, "not_explainable", u.getMessage());
        }
        return null;
    }

    /**
     * Refuses rows LIME cannot explain before it starts: a number so far outside the training range
     * that every sample drawn around the row weighs nothing.
     */
    private void explainable(Requests.Parsed parsed) {
        List<ApiError.Field> far = new ArrayList<>();
        for (Profile.Col c : served.profile.columns) {
            Object v = parsed.rows().get(0).get(c.name());
            if (c.required() && c.numeric() != null && v instanceof Number n) {
                double span = Math.max(c.numeric().max() - c.numeric().min(), 1e-9);
                double d = n.doubleValue();
                if (d < c.numeric().min() - EXPLAIN_SPANS * span || d > c.numeric().max() + EXPLAIN_SPANS * span) {
                    far.add(new ApiError.Field(null, c.name(), "too far outside the training range to explain",
                            Requests.fmt(d), Requests.fmt(c.numeric().min()) + ".." + Requests.fmt(c.numeric().max())));
                }
            }
        }
        if (!far.isEmpty()) {
            throw new ApiError(422, "not_explainable", "LIME explains rows near the training data; "
                    + (far.size() == 1 ? "1 value is" : far.size() + " values are") + " too far from it", far);
        }
    }

    /** How many training ranges beyond either end a number may lie and still be explained. */
    static final double EXPLAIN_SPANS = 10;

    private String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? PredictionIds.next(System.currentTimeMillis()) : id;
    }

    /** Jetty's own refusals (a malformed URI, headers too large) as JSON, with a request id. */
    private String jettyError(int status, String message) {
        String id = PredictionIds.next(System.currentTimeMillis());
        String code = status == 400 ? "bad_request" : status == 431 ? "headers_too_large" : status == 414 ? "uri_too_long"
                : status == 413 ? "body_too_large" : status == 408 ? "request_timeout" : "http_" + status;
        String text = status == 400 ? "the request is not valid HTTP (a malformed URI, header or body framing)"
                : status == 431 ? "the request headers are larger than " + options.maxHeaderBytes() + " bytes"
                : status == 414 ? "the request URI is too long"
                : status == 413 ? "the request body is larger than " + options.maxBodyBytes() + " bytes"
                : status == 408 ? "the request arrived too slowly" : message == null ? "HTTP " + status : message;
        if (status >= 500) {
            log.println("mlx serve: " + status + " in request " + id + ": " + text);
        }
        JsonObject o = new ApiError(status, code, text).json(options.production());
        o.getAsJsonObject("error").addProperty("request_id", id);
        return GSON.toJson(o);
    }

    private void requireJson(Context ctx) {
        String ct = ctx.contentType();
        if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith(JSON)) {
            throw new ApiError(415, "unsupported_media_type", "send the body as application/json"
                    + (ct == null ? "" : ", not " + ct.split(";")[0].strip()));
        }
        if (ctx.contentLength() > options.maxBodyBytes()) {
            throw new ApiError(413, "body_too_large", "the request body is larger than " + options.maxBodyBytes() + " bytes");
        }
    }

    private void refuse(Context ctx, ApiError e) {
        metrics.error(endpoint(ctx.path()), e.code);
        String id = requestId(ctx);
        JsonObject body = e.json(options.production());
        body.getAsJsonObject("error").addProperty("request_id", id);
        if (e.status == 503) {
            ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        if (e.status >= 500 && !e.code.equals("internal")) {
            log.println("mlx serve: " + e.status + " " + e.code + " in request " + id + " (" + ctx.method() + " "
                    + ctx.path() + "): " + e.getMessage());
        }
        json(ctx, e.status, body);
    }

    private static void json(Context ctx, int status, JsonElement body) {
        ctx.status(status).contentType(JSON).result(GSON.toJson(body));
    }

    private void measure(Context ctx) {
        if (warming) {
            return; // the server's own warm-up requests are not traffic
        }
        Long t0 = ctx.attribute(START);
        metrics.request(endpoint(ctx.path()), ctx.statusCode(), t0 == null ? 0 : (System.nanoTime() - t0) / 1e9);
    }

    /** The endpoint as a metric label: unknown paths share one label, so clients cannot grow the metrics. */
    private static String endpoint(String path) {
        return ENDPOINTS.contains(path) ? path : "other";
    }

    private static final java.util.Set<String> ENDPOINTS = java.util.Set.of("/predict", "/explain", "/feedback", "/health",
            "/metadata", "/openapi.json", "/metrics", "/ab", "/drift");
}
