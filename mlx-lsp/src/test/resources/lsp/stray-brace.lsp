  1 | experiment churn "Which customers will cancel?" {
  2 |   scope {
  3 |     task classification
  4 |     target churned
  5 |   }
  6 |   }
  7 |   data {
    |   ^^^^ error[MLX0101] expected the end of the file or the end of the statement, found `data`
    |        note: while reading the file
    |        link: explain/MLX0101.md
  8 |     source csv "../diagnostics/data/customers.csv"
  9 |   }
 10 | }
    | ^ error[MLX0105] unmatched `}`
    |   help: remove this `}` or add the `{` it was meant to close
    |   link: explain/MLX0105.md
