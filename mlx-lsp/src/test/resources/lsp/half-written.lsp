  1 | experiment churn "Which customers will cancel?" {
  2 |   scope {
  3 |     task classification
  4 |     target churned
  5 |     metric >= 0.8
    |            ^^ error[MLX0101] expected a name or a unit after `metric`, found `>=`
    |               note: while reading a `scope` setting
    |               link: explain/MLX0101.md
  6 |   }
  7 |   data {
  8 |     source csv "../diagnostics/data/customers.csv"
  9 |     split holdout 20% stratified seed
    |                                      ^ error[MLX0101] expected a name, a unit, `[`, a number or a string after `seed`, found the end of the line
    |                                        note: while reading the `split` options
    |                                        link: explain/MLX0101.md
 10 |   }
 11 |   features {
 12 |     standardize age,
 13 |   }
    |   ^ error[MLX0101] expected a name, a unit or the end of the statement, found `}`
    |     note: while reading a feature transform
    |     link: explain/MLX0101.md
 14 |   models {
 15 |     baseline
 16 |     cart tree { max_depth 4,
    |               ^ error[MLX0102] block `cart` is never closed
    |                 help: add `}` at the end of `cart`
    |                 related 16:5-16:9: the block opened here
    |                 quick fix: add `}` at the end of the file
    |                 link: explain/MLX0102.md
