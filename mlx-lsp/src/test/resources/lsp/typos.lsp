  1 | experiment churn "Which customers will cancel?" {
  2 |   scope {
  3 |     task classification
  4 |     target churned
  5 |     metric f_1
    |            ^^^ error[MLX0303] unknown metric `f_1`
    |                note: metrics for classification are `accuracy`, `balanced_accuracy`, `precision`, `recall`, `f1`, `macro_f1`, `weighted_f1`, `macro_precision`, `macro_recall`, `auc`, `pr_auc` and `log_loss`
    |                help: did you mean `f1`?
    |                quick fix: replace with `f1`
    |                link: explain/MLX0303.md
  6 |   }
  7 |   data {
  8 |     source csv "../diagnostics/data/customers.csv"
  9 |     id customer_id
 10 |   }
 11 |   features {
 12 |     drop signup, notes
 13 |     impute age, incme with median
    |                 ^^^^^ error[MLX0403] unknown column `incme`
    |                       note: columns here: `customer_id`, `age`, `income`, `plan`, `region` and `churned`
    |                       help: did you mean `income`?
    |                       quick fix: replace with `income`
    |                       link: explain/MLX0403.md
 14 |     onehot plan, region
 15 |     standardize age, income
 16 |   }
 17 |   models {
 18 |     baseline
 19 |     xgboost xgb { trees 200, max_dept 4 }
    |                              ^^^^^^^^ error[MLX0311] unknown hyperparameter `max_dept` for model `xgboost`
    |                                       note: `xgboost` accepts: trees, eta, max_depth, min_child_weight, subsample, colsample, gamma, lambda, alpha, seed
    |                                       help: did you mean `max_depth`?
    |                                       quick fix: replace with `max_depth`
    |                                       link: explain/MLX0311.md
 20 |     forest xgb { trees 100 }
    |            ^^^ error[MLX0207] two models are named `xgb`
    |                help: rename one of them
    |                related 19:13-19:16: first named here
    |                link: explain/MLX0207.md
 21 |     tune gbm { eta in 0.01..0.3 log }
    |          ^^^ error[MLX0507] model `gbm` is not defined
    |              note: models defined: `baseline` and `xgb`
    |              link: explain/MLX0507.md
 22 |   }
 23 |   evaluate { cv 5 folds stratified; metrics accuracy, f1; select best by f1 }
 24 | }
