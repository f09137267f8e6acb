/**
 * Serving, embedding and the feedback loop: the training profile written beside the model, scoring
 * of JSON rows through the fitted pipeline, request validation, the HTTP server (Javalin), the
 * prediction and feedback store (SQLite or any JDBC database), A/B variants, online evaluation,
 * drift and retraining; what keeps slow or hostile clients from starving the server
 * ({@code SlowClients}) and a model folder's files checked against {@code serving.json}'s hashes.
 * Part of the runtime: never imports a compiler package.
 */
package dev.mlx.runtime.serve;
