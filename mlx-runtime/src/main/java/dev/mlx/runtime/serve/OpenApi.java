package dev.mlx.runtime.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.catalog.Task;
import dev.mlx.catalog.UnknownPolicy;

/** {@code GET /openapi.json}: an OpenAPI 3.0 description generated from the training schema. */
final class OpenApi {
    private OpenApi() {
    }

    static JsonObject json(Profile p, ServeOptions options) {
        JsonObject o = new JsonObject();
        o.addProperty("openapi", "3.0.3");
        JsonObject info = new JsonObject();
        info.addProperty("title", p.experiment + " (mlx)");
        info.addProperty("version", "1");
        info.addProperty("description", "Predictions of model `" + p.selected + "` for the " + p.task.word()
                + " experiment `" + p.experiment + "`" + (p.target == null ? "" : ", target `" + p.target + "`") + "."
                + (p.intendedUse == null ? "" : " Intended use: " + p.intendedUse)
                + (p.limitations.isEmpty() ? "" : "\n\nLimitations:\n" + String.join("\n", p.limitations.stream()
                        .map(l -> "- " + l).toList())));
        o.add("info", info);
        JsonObject paths = new JsonObject();
        JsonObject rowRef = ref("Row");
        JsonObject oneOrMany = new JsonObject();
        JsonArray one = new JsonArray();
        one.add(rowRef);
        JsonObject arr = new JsonObject();
        arr.addProperty("type", "array");
        arr.add("items", ref("Row"));
        arr.addProperty("minItems", 1);
        arr.addProperty("maxItems", options.maxBatch());
        one.add(arr);
        oneOrMany.add("oneOf", one);
        paths.add("/predict", post("Score one row or a batch of rows", oneOrMany, ref("Prediction")));
        paths.add("/explain", post("Explain one row with LIME", ref("Row"), new JsonObject()));
        JsonObject fb = new JsonObject();
        fb.addProperty("type", "object");
        JsonArray fbReq = new JsonArray();
        fbReq.add("prediction_id");
        fbReq.add("actual");
        fb.add("required", fbReq);
        JsonObject fbProps = new JsonObject();
        fbProps.add("prediction_id", type("string"));
        JsonObject actual = new JsonObject();
        if (p.task == Task.REGRESSION) {
            actual.addProperty("type", "number");
        } else {
            actual.addProperty("type", "string");
            if (p.classes != null) {
                JsonArray en = new JsonArray();
                p.classes.forEach(en::add);
                actual.add("enum", en);
            }
        }
        fbProps.add("actual", actual);
        fb.add("properties", fbProps);
        paths.add("/feedback", post("Record the true outcome of a prediction (durable once acknowledged)", fb, new JsonObject()));
        for (String g : new String[] {"/health", "/metadata", "/ab", "/drift"}) {
            paths.add(g, get(g.substring(1), "application/json"));
        }
        paths.add("/metrics", get("Prometheus metrics", "text/plain"));
        o.add("paths", paths);
        JsonObject components = new JsonObject();
        JsonObject schemas = new JsonObject();
        schemas.add("Row", row(p));
        schemas.add("Prediction", prediction(p));
        schemas.add("Error", error());
        components.add("schemas", schemas);
        o.add("components", components);
        return o;
    }

    private static JsonObject row(Profile p) {
        JsonObject s = new JsonObject();
        s.addProperty("type", "object");
        JsonObject props = new JsonObject();
        JsonArray required = new JsonArray();
        for (Profile.Col c : p.columns) {
            JsonObject x = new JsonObject();
            switch (c.type()) {
                case NUMBER -> x.addProperty("type", "number");
                case INTEGER -> x.addProperty("type", "integer");
                case BOOLEAN -> x.addProperty("type", "boolean");
                case DATE -> {
                    x.addProperty("type", "string");
                    x.addProperty("format", c.dateFormat() == null ? "date" : c.dateFormat());
                }
                default -> x.addProperty("type", "string");
            }
            x.addProperty("nullable", true);
            String description = described(c);
            if (c.numeric() != null) {
                description = (description == null ? "" : description + "; ") + "training range "
                        + Requests.fmt(c.numeric().min()) + ".." + Requests.fmt(c.numeric().max());
            }
            if (description != null) {
                x.addProperty("description", description);
            }
            if (c.unit() != null) {
                x.addProperty("x-unit", c.unit());
            }
            if (c.categories() != null && !c.categories().isEmpty() && p.unknownPolicy == UnknownPolicy.REJECT
                    && c.type() != dev.mlx.catalog.ColumnType.BOOLEAN) {
                JsonArray en = new JsonArray();
                c.categories().keySet().forEach(en::add);
                x.add("enum", en);
            }
            props.add(c.name(), x);
            if (c.required()) {
                required.add(c.name());
            }
        }
        s.add("properties", props);
        s.add("required", required);
        return s;
    }

    /** What the experiment's {@code describe} says of the column, with its unit: "body mass (g)"; or null. */
    private static String described(Profile.Col c) {
        if (c.description() == null) {
            return c.unit() == null ? null : "in " + c.unit();
        }
        return c.description() + (c.unit() == null ? "" : " (" + c.unit() + ")");
    }

    private static JsonObject prediction(Profile p) {
        JsonObject s = new JsonObject();
        s.addProperty("type", "object");
        JsonObject props = new JsonObject();
        props.add("prediction_id", type("string"));
        props.add("prediction", type(p.task == Task.CLASSIFICATION ? "string" : p.task == Task.REGRESSION ? "number" : "integer"));
        if (p.task == Task.CLASSIFICATION) {
            JsonObject probs = type("object");
            probs.add("additionalProperties", type("number"));
            props.add("probabilities", probs);
        } else if (p.task == Task.REGRESSION) {
            props.add("value", type("number"));
        } else {
            props.add("cluster", type("integer"));
        }
        props.add("model", type("string"));
        props.add("variant", type("string"));
        JsonObject w = type("array");
        w.add("items", type("object"));
        props.add("warnings", w);
        s.add("properties", props);
        return s;
    }

    private static JsonObject error() {
        JsonObject s = type("object");
        JsonObject props = new JsonObject();
        JsonObject e = type("object");
        JsonObject ep = new JsonObject();
        ep.add("status", type("integer"));
        ep.add("code", type("string"));
        ep.add("message", type("string"));
        JsonObject fields = type("array");
        fields.add("items", type("object"));
        ep.add("fields", fields);
        e.add("properties", ep);
        props.add("error", e);
        s.add("properties", props);
        return s;
    }

    private static JsonObject post(String summary, JsonObject body, JsonObject ok) {
        JsonObject op = new JsonObject();
        op.addProperty("summary", summary);
        JsonObject rb = new JsonObject();
        rb.addProperty("required", true);
        rb.add("content", content("application/json", body));
        op.add("requestBody", rb);
        JsonObject responses = new JsonObject();
        responses.add("200", response("OK", ok));
        String[][] errors = {{"400", "malformed JSON or not an object"}, {"413", "body or batch too large"},
            {"415", "not application/json"}, {"422", "a field does not fit the training schema"}};
        for (String[] e : errors) {
            responses.add(e[0], response(e[1], ref("Error")));
        }
        op.add("responses", responses);
        JsonObject item = new JsonObject();
        item.add("post", op);
        return item;
    }

    private static JsonObject get(String summary, String type) {
        JsonObject op = new JsonObject();
        op.addProperty("summary", summary);
        JsonObject responses = new JsonObject();
        JsonObject r = new JsonObject();
        r.addProperty("description", "OK");
        r.add("content", content(type, type.equals("text/plain") ? type("string") : type("object")));
        responses.add("200", r);
        op.add("responses", responses);
        JsonObject item = new JsonObject();
        item.add("get", op);
        return item;
    }

    private static JsonObject response(String description, JsonObject schema) {
        JsonObject r = new JsonObject();
        r.addProperty("description", description);
        r.add("content", content("application/json", schema));
        return r;
    }

    private static JsonObject content(String type, JsonObject schema) {
        JsonObject c = new JsonObject();
        JsonObject m = new JsonObject();
        m.add("schema", schema);
        c.add(type, m);
        return c;
    }

    private static JsonObject ref(String name) {
        JsonObject r = new JsonObject();
        r.addProperty("$ref", "#/components/schemas/" + name);
        return r;
    }

    private static JsonObject type(String t) {
        JsonObject r = new JsonObject();
        r.addProperty("type", t);
        return r;
    }
}
