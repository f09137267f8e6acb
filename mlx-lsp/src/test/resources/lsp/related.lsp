  1 | experiment churn "Which customers will cancel?" {
  2 |   scope {
  3 |     task classification
  4 |     target churned
  5 |     metric f1
  6 |   }
  7 |   data {
  8 |     source csv "../diagnostics/data/customers.csv"
  9 |     id customer_id
 10 |     types { signup: date "yyyy-MM-dd", notes: text }
 11 |     split holdout 20% stratified ordered by signup
    |                       ^^^^^^^^^^ error[MLX0512] a split cannot be both ordered and stratified
    |                                  related 11:45-11:51: the holdout is the latest rows by this column
    |                                  link: explain/MLX0512.md
 12 |   }
 13 |   features {
 14 |     drop region
 15 |     standardize plan
    |                 ^^^^ error[MLX0405] `standardize` does not apply to `plan`, which is a category
    |                      help: categories are turned into numbers with `onehot plan`
    |                      related 15:5-15:16: expects number or integer columns
    |                      link: explain/MLX0405.md
 16 |     onehot region
    |            ^^^^^^ error[MLX0404] column `region` is used after it was dropped
    |                   help: move the `drop` after this statement, or remove `region` from it
    |                   related 14:10-14:16: dropped here
    |                   link: explain/MLX0404.md
 17 |   }
 18 |   models {
 19 |     baseline
 20 |     logistic lr { epochs 20 }
    |     ^^^^^^^^ warning[MLX0604] `logistic` is sensitive to feature scale, and 2 numeric features are not scaled
    |              note: unscaled: `age` and `income`
    |              help: add `standardize age, income` to `features`
    |              link: explain/MLX0604.md
 21 |     cart lr
    |          ^^ error[MLX0207] two models are named `lr`
    |             help: rename one of them
    |             related 20:14-20:16: first named here
    |             link: explain/MLX0207.md
 22 |   }
 23 |   evaluate { cv 5 folds; metrics accuracy; select best by f1 }
 24 | }
