package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mlx.runtime.features.MissingFeatureValues;
import dev.mlx.testing.Repo;
import java.nio.charset.StandardCharsets;

/**
 * Any request body goes through the request validator (JSON rows to a typed table) and, when it
 * passes, through the pipeline and the model: the answer is rows scored or a 4xx, never another
 * exception. Seeds in {@code src/test/resources/dev/mlx/runtime/serve/RequestFuzzTestInputs/requestBody/}
 * (the malformed requests of issue 15 among them); to fuzz:
 * {@code JAZZER_FUZZ=1 mvn test -pl mlx-runtime -Dtest='RequestFuzzTest'}.
 */
class RequestFuzzTest {
    private static final Served SERVED = Served.load(Repo.module("src/test/resources/serve/pen"));

    @FuzzTest(maxDuration = "5m")
    void requestBody(byte[] data) {
        String body = new String(data, StandardCharsets.UTF_8);
        Requests.Parsed parsed;
        try {
            parsed = Requests.parse(body, SERVED.profile, 100);
        } catch (ApiError e) {
            assertTrue(e.status >= 400 && e.status < 500, e.status + " " + e.getMessage());
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            assertTrue(e.json(false).toString().length() < 64 * 1024 + 2 * body.length(), "an error does not grow past the request");
            return;
        }
        try {
            assertEquals(parsed.rows().size(), SERVED.primary().score(parsed.table()).size());
        } catch (MissingFeatureValues e) {
            // answered 422 by the server
        }
    }
}
