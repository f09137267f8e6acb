package dev.mlx.ast;

import dev.mlx.source.Span;
import java.util.List;

/**
 * One statement inside a block. {@code keyword} is the span of the word that starts it (used for
 * outlines, hover and "duplicate setting" labels).
 */
public sealed interface Stmt {
    Span span();

    Span keyword();

    // ---- params
    record Param(Name name, Value value, Span keyword, Span span) implements Stmt {
    }

    // ---- scope
    record Task(Name task, Span keyword, Span span) implements Stmt {
    }

    record Target(Name column, Span keyword, Span span) implements Stmt {
    }

    record Positive(Value value, Span keyword, Span span) implements Stmt {
    }

    record Metric(Name metric, Span keyword, Span span) implements Stmt {
    }

    /** {@code require f1 >= 0.8 on cv} or {@code require latency p99 < 20 ms}. */
    record Require(boolean latency, Name measure, String op, Quantity threshold, Name on,
                   Span keyword, Span span) implements Stmt {
    }

    /** {@code retrain every 30 days or when drift > 0.2}; either part may be absent. */
    record Retrain(Quantity every, String driftOp, Quantity drift, Span keyword, Span span) implements Stmt {
    }

    /** {@code intended use "…"}: what the model is for, and for whom (the model card's first line). */
    record IntendedUse(Value.Str text, Span keyword, Span span) implements Stmt {
    }

    /** {@code limitation "…"}: one known limit of the model; a scope may state several. */
    record Limitation(Value.Str text, Span keyword, Span span) implements Stmt {
    }

    // ---- data
    record CsvSource(Value.Str path, Value.Str delimiter, Span keyword, Span span) implements Stmt {
    }

    record JdbcSource(Value.Str url, Value.Str query, Span keyword, Span span) implements Stmt {
    }

    /** {@code source parquet "PATH"} or {@code source jsonl "PATH"}: a data file that is not CSV; {@code format} is the word. */
    record FileSource(String format, Value.Str path, Span keyword, Span span) implements Stmt {
    }

    record Id(Name column, Span keyword, Span span) implements Stmt {
    }

    record TypeDecl(Name column, Name type, Value.Str format, Span span) {
    }

    record Types(List<TypeDecl> decls, Span keyword, Span span) implements Stmt {
        public Types {
            decls = List.copyOf(decls);
        }
    }

    /** {@code age: "age at the visit" in "years"}: what a column means; {@code unit} may be null. */
    record ColumnDoc(Name column, Value.Str text, Value.Str unit, Span span) {
    }

    /** {@code describe { column: "meaning" [in "unit"], ... }}. */
    record Describe(List<ColumnDoc> docs, Span keyword, Span span) implements Stmt {
        public Describe {
            docs = List.copyOf(docs);
        }
    }

    record Missing(List<Value.Str> markers, Span keyword, Span span) implements Stmt {
        public Missing {
            markers = List.copyOf(markers);
        }
    }

    record Split(Quantity holdout, boolean stratified, Span stratifiedSpan, Value seed, Name orderedBy,
                 Span keyword, Span span) implements Stmt {
    }

    /** {@code split none}: no holdout; every row is cross-validated and the final model is fitted on all of them. */
    record SplitNone(Span keyword, Span span) implements Stmt {
    }

    // ---- review
    record Summary(Span keyword, Span span) implements Stmt {
    }

    record Outliers(Name method, Quantity threshold, Span keyword, Span span) implements Stmt {
    }

    record Plot(Name kind, List<Name> columns, Span keyword, Span span) implements Stmt {
        public Plot {
            columns = List.copyOf(columns);
        }
    }

    record Correlations(Name method, Span keyword, Span span) implements Stmt {
    }

    record Balance(Span keyword, Span span) implements Stmt {
    }

    record Quantiles(List<Quantity> levels, Span keyword, Span span) implements Stmt {
        public Quantiles {
            levels = List.copyOf(levels);
        }
    }

    /** {@code sample N} in review or inspect. */
    record Sample(Quantity rows, Span keyword, Span span) implements Stmt {
    }

    // ---- checks
    record UniqueCheck(List<Name> columns, boolean warn, Span keyword, Span span) implements Stmt {
        public UniqueCheck {
            columns = List.copyOf(columns);
        }
    }

    record ConditionCheck(Condition condition, boolean warn, Span keyword, Span span) implements Stmt {
    }

    // ---- features
    record Drop(List<Name> columns, Span keyword, Span span) implements Stmt {
        public Drop {
            columns = List.copyOf(columns);
        }
    }

    record Derive(Name name, ExprNode expr, Span keyword, Span span) implements Stmt {
    }

    /** An option after a transform's columns: {@code with median}, {@code top 20}, {@code -> month}. */
    record Option(String key, Span keySpan, Value value, List<Name> names, Span span) {
        public Option {
            names = names == null ? List.of() : List.copyOf(names);
        }
    }

    /**
     * {@code all numeric except id_col}: every column of one kind at that point of the pipeline but
     * the id, the target and the ones named; the checker resolves it against the data.
     */
    record Selector(Name kind, List<Name> except, Span span) {
        public Selector {
            except = List.copyOf(except);
        }
    }

    /** A transform of named columns, or (when {@code selector} is not null, and columns empty) of selected ones. */
    record Transform(Name kind, List<Name> columns, Selector selector, List<Option> options, Span keyword, Span span)
            implements Stmt {
        public Transform {
            columns = List.copyOf(columns);
            options = List.copyOf(options);
        }
    }

    // ---- inspect
    record No(String what, Span keyword, Span span) implements Stmt {
    }

    record Leakage(Quantity below, Span keyword, Span span) implements Stmt {
    }

    record Coverage(Quantity atLeast, Span keyword, Span span) implements Stmt {
    }

    // ---- models
    record HyperParam(Name name, Value value, Span span) {
    }

    record Model(Name kind, Name name, List<HyperParam> params, Span keyword, Span span) implements Stmt {
        public Model {
            params = List.copyOf(params);
        }

        /** The name other statements use: the given name, or the kind when none was given. */
        public Name ref() {
            return name != null ? name : kind;
        }
    }

    /** {@code eta in 0.01..0.3 log} or {@code booster in [gbtree, dart]}. */
    record TuneParam(Name name, Range range, boolean log, Value.ListOf choices, Span span) {
    }

    record Tune(Name model, List<TuneParam> params, Quantity trials, Name search, Name metric, Quantity folds,
                Span keyword, Span span) implements Stmt {
        public Tune {
            params = List.copyOf(params);
        }
    }

    // ---- evaluate
    record Cv(Quantity folds, boolean stratified, Span stratifiedSpan, Span keyword, Span span) implements Stmt {
    }

    record HoldoutOnly(Span keyword, Span span) implements Stmt {
    }

    record Metrics(List<Name> metrics, Span keyword, Span span) implements Stmt {
        public Metrics {
            metrics = List.copyOf(metrics);
        }
    }

    /** {@code select best by f1} or {@code select simplest within 1% by f1}. */
    record Select(boolean simplest, Quantity tolerance, Name metric, Span keyword, Span span) implements Stmt {
    }

    record Slices(List<Name> columns, Span keyword, Span span) implements Stmt {
        public Slices {
            columns = List.copyOf(columns);
        }
    }

    /**
     * {@code learning curve [10%, 25%, ...] [by METRIC]}: the metric at growing training sizes; the
     * sizes and the metric are empty/null when not written (the defaults apply).
     */
    record LearningCurve(List<Quantity> sizes, Name metric, Span keyword, Span span) implements Stmt {
        public LearningCurve {
            sizes = List.copyOf(sizes);
        }
    }

    // ---- explain
    record Importance(Name method, Quantity top, Span keyword, Span span) implements Stmt {
    }

    /** mode: first (N examples), rows (chosen row numbers) or uncertain (N most uncertain). */
    record Lime(String mode, Quantity count, List<Quantity> rows, Span keyword, Span span) implements Stmt {
        public Lime {
            rows = rows == null ? List.of() : List.copyOf(rows);
        }
    }

    record Dependence(List<Name> columns, Span keyword, Span span) implements Stmt {
        public Dependence {
            columns = List.copyOf(columns);
        }
    }

    // ---- deploy
    record Export(Name format, Value.Str path, Span keyword, Span span) implements Stmt {
    }

    record Serve(Quantity port, Name unknownPolicy, Span keyword, Span span) implements Stmt {
    }

    // ---- feedback
    record Store(Name kind, Value.Str location, Span keyword, Span span) implements Stmt {
    }

    record AbTest(Name champion, Name challenger, Quantity championShare, Quantity challengerShare,
                  Name stickyBy, boolean shadow, Span keyword, Span span) implements Stmt {
    }

    /**
     * {@code online METRIC [, kpi NAME [max|min]] window N days}: {@code kpi} null without a business
     * KPI; {@code kpiGoal} the word {@code max} or {@code min} as written, or null (max).
     */
    record Online(Name metric, Name kpi, Name kpiGoal, Quantity window, Span keyword, Span span) implements Stmt {
    }

    /** {@code retrain within M}: a retrained model not worse than the serving one by more than M is promoted. */
    record RetrainMargin(Quantity margin, Span keyword, Span span) implements Stmt {
    }

    // ---- report
    record ReportPath(Value.Str path, Span keyword, Span span) implements Stmt {
    }

    /** A statement the parser did not recognise; the checker names it with did-you-mean. */
    record Unknown(Name head, Span keyword, Span span) implements Stmt {
    }
}
