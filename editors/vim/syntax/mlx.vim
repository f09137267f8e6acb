" Vim syntax file
" Language:   mlx (machine-learning experiments, .mlx)
" The word lists are checked against grammar/MlxLexer.g4 and the catalog by EditorKeywordsTest.
" Every word class is a :syn match (not :syn keyword) so that context decides: a later, more
" specific match (a column after `target`, a function before `(`) wins over a word list.

if exists("b:current_syntax")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match
syn iskeyword @,48-57,_,192-255
syn sync fromstart

" ---- names whose place says they are columns (defined first: everything below wins over them)
syn match mlxColumnName /\k\+/ contained
syn region mlxQuotedColumn start=/`/ skip=/\\./ end=/`\|$/ contained contains=mlxEscape
syn cluster mlxColumns contains=mlxColumnName,mlxQuotedColumn

" ---- words
syn match mlxUnitWord /\<\%(minutes\|seconds\|minute\|second\|hours\|weeks\|days\|hour\|week\|day\|ms\|s\)\>/ contained
syn match mlxChoice /\<\%(linear\|exact\|lbfgs\|classification\|permutation\|clustering\|regression\|dayofyear\|histogram\|category\|majority\|spearman\|adagrad\|boolean\|integer\|pearson\|quarter\|scatter\|sigmoid\|uniform\|weekday\|weekend\|cosine\|median\|number\|random\|reject\|sqlite\|tribuo\|unseen\|zscore\|model\|month\|adam\|date\|grid\|hour\|mean\|mode\|onnx\|poly\|relu\|tanh\|text\|week\|year\|bar\|box\|day\|iqr\|p50\|p90\|p95\|p99\|rbf\|sgd\|tpe\|l1\|l2\)\>/ contained
syn match mlxMetric /\<\%(balanced_accuracy\|macro_precision\|macro_recall\|weighted_f1\|silhouette\|precision\|accuracy\|log_loss\|macro_f1\|pr_auc\|recall\|mape\|rmse\|wcss\|ami\|ari\|auc\|mae\|mse\|f1\|r2\)\>/ contained
syn match mlxModel /\<\%(factorization_machine\|elastic_net\|extra_trees\|naive_bayes\|linear_svm\|adaboost\|baseline\|logistic\|hdbscan\|xgboost\|forest\|kmeans\|linear\|lasso\|cart\|knn\|mlp\|svm\)\>/ contained
syn match mlxOption /\<\%(correlations\|dependence\|duplicates\|importance\|limitation\|stratified\|delimiter\|quantiles\|uncertain\|constant\|coverage\|describe\|examples\|intended\|learning\|outliers\|positive\|simplest\|balance\|holdout\|latency\|leakage\|metrics\|missing\|ordered\|parquet\|require\|retrain\|summary\|unknown\|abtest\|derive\|except\|export\|metric\|ngrams\|online\|sample\|search\|select\|shadow\|slices\|source\|sticky\|target\|trials\|unique\|window\|within\|below\|curve\|drift\|every\|folds\|jsonl\|query\|serve\|split\|store\|types\|best\|drop\|fail\|into\|jdbc\|lime\|none\|plot\|port\|rows\|seed\|task\|tune\|warn\|when\|with\|all\|and\|csv\|kpi\|log\|max\|min\|not\|row\|top\|use\|by\|cv\|id\|in\|no\|on\|or\|to\|vs\)\>/ contained
syn match mlxBoolean /\<\%(false\|true\)\>/ contained
syn match mlxBlock /\<\%(experiment\|evaluate\|features\|feedback\|explain\|inspect\|checks\|deploy\|models\|params\|report\|review\|scope\|data\)\>/
syn match mlxFunction /\<\%(days_between\|distinct\|missing\|length\|median\|count\|floor\|round\|share\|ceil\|mean\|sqrt\|abs\|exp\|log\|max\|min\|pow\|std\|sum\)\>\ze\s*(/ contained

" ---- literals
syn match mlxNumber /\%(\w\|\$\)\@1<!\d\+\%(_\d\+\)*\%(\.\d\+\%(_\d\+\)*\)\=\%([eE][+-]\=\d\+\)\=/ nextgroup=mlxUnit,mlxPercent skipwhite
syn match mlxUnit /\<\%(minutes\|seconds\|minute\|second\|hours\|weeks\|days\|hour\|week\|day\|ms\|s\)\>/ contained
syn match mlxPercent /%/ contained
syn match mlxParam /\$\k\+/ nextgroup=mlxUnit,mlxPercent skipwhite
syn match mlxRange /\.\./
syn match mlxOperator /->\|==\|!=\|<=\|>=\|[<>=+*/-]/
syn match mlxEscape /\\./ contained
syn region mlxString start=/"/ skip=/\\./ end=/"\|$/ contains=mlxEscape
syn region mlxQuotedName start=/`/ skip=/\\./ end=/`\|$/ contains=mlxEscape
syn match mlxSingleQuoted /'[^']*'/
syn keyword mlxTodo TODO FIXME XXX NOTE contained
syn match mlxComment "//.*$" contains=mlxTodo,@Spell

syn cluster mlxLiterals contains=mlxNumber,mlxParam,mlxRange,mlxOperator,mlxString,mlxQuotedName,mlxSingleQuoted,mlxComment
syn cluster mlxWords contains=mlxUnitWord,mlxChoice,mlxMetric,mlxModel,mlxOption,mlxBoolean,mlxBlock,mlxFunction
syn region mlxSet matchgroup=mlxBrace start=/{/ end=/}/ contained contains=@mlxLiterals,@mlxWords

" ---- places where the grammar says a name is a column
syn match mlxColumnAfter /\%(\<\%(target\|id\)\s\+\|\<\%(ordered\|sticky\)\s\+by\s\+\)\@<=\k\+/
" a list of columns, going on after a trailing comma (a comment may follow the comma)
syn region mlxColumnList matchgroup=mlxOption start=/\<\%(drop\|unique\|dependence\|slices\s\+by\)\>/ end=/\%(,\s*\%(\/\/.*\)\=\)\@<!\ze\s*\%(\/\/.*\)\=$/ end=/\ze\s*[;}]/ contained contains=@mlxColumns,mlxComment
syn region mlxPlot matchgroup=mlxOption start=/\<plot\>/ end=/\%(,\s*\%(\/\/.*\)\=\)\@<!\ze\s*\%(\/\/.*\)\=$/ end=/\ze\s*[;}]/ contained contains=@mlxColumns,mlxChoice,mlxComment
syn match mlxTypeName /\%(:\s*\)\@<=\k\+/ contained
syn match mlxTypeColumn /\k\+\ze\s*:/ contained
syn region mlxTypes matchgroup=mlxOption start=/\<types\>\s*{/ end=/}/ contained contains=mlxTypeColumn,mlxQuotedColumn,mlxTypeName,mlxString,mlxComment
" a transform: its columns, then options (`with median`, `-> month, weekday`, `top 10`)
syn match mlxTransformOption /\<\%(with\|to\|top\|max\|min\|ngrams\|into\|unknown\)\>/ contained
syn match mlxWithValue /\%(\<\%(with\|unknown\)\s\+\)\@<=\k\+/ contained contains=mlxBoolean
syn region mlxParts matchgroup=mlxOperator start=/->/ end=/\%(,\s*\%(\/\/.*\)\=\)\@<!\ze\s*\%(\/\/.*\)\=$/ end=/\ze\s*[;}]/ contained contains=mlxChoice,mlxComment
syn region mlxTransformStmt matchgroup=mlxTransform start=/\%(^\|;\)\s*\zs\<\%(bag_of_words\|standardise\|standardize\|bagofwords\|date_parts\|discretise\|discretize\|dateparts\|normalise\|normalize\|dummies\|one_hot\|bucket\|impute\|minmax\|onehot\|tf_idf\|zscore\|clamp\|log1p\|scale\|tfidf\|words\|clip\|fill\|bin\|bow\|log\)\>/ end=/\%(,\s*\%(\/\/.*\)\=\)\@<!\ze\s*\%(\/\/.*\)\=$/ end=/\ze\s*[;}]/ contained contains=@mlxColumns,mlxTransformOption,mlxWithValue,mlxParts,mlxNumber,mlxParam,mlxRange,mlxString,mlxComment
syn region mlxDerive matchgroup=mlxOption start=/\<derive\>/ end=/$/ end=/\ze\s*\%(\/\/\|;\|}\)/ contained contains=@mlxColumns,@mlxLiterals,mlxFunction,mlxOption,mlxBoolean

" ---- models: kinds, the names given to them, hyperparameters
syn match mlxModelName /\%(\%(\<tune\|\<\%(factorization_machine\|elastic_net\|extra_trees\|naive_bayes\|linear_svm\|adaboost\|baseline\|logistic\|hdbscan\|xgboost\|forest\|kmeans\|linear\|lasso\|cart\|knn\|mlp\|svm\)\)\s\+\)\@<=\%({\)\@!\k\+/ contained
syn match mlxModelRef /\%(\<abtest\s\+\|\<vs\s\+\)\@<=\k\+/
syn match mlxHyperName /\%(\%({\|,\|^\|;\)\s*\)\@<=\k\+/ contained
syn region mlxHyper matchgroup=mlxBrace start=/{/ end=/}/ contained contains=mlxHyperName,@mlxLiterals,mlxChoice,mlxBoolean,mlxOption

" ---- blocks
syn cluster mlxInBlock contains=@mlxLiterals,@mlxWords,mlxColumnAfter,mlxModelRef,mlxColumnList,mlxPlot,mlxTypes,mlxSet
syn region mlxChecks matchgroup=mlxBrace start=/\%(\<checks\s*\)\@<={/ end=/}/ contains=@mlxColumns,@mlxInBlock
syn region mlxFeatures matchgroup=mlxBrace start=/\%(\<features\s*\)\@<={/ end=/}/ contains=mlxTransformStmt,mlxDerive,@mlxInBlock
syn region mlxModels matchgroup=mlxBrace start=/\%(\<models\s*\)\@<={/ end=/}/ contains=@mlxInBlock,mlxModelName,mlxHyper
syn region mlxParams matchgroup=mlxBrace start=/\%(\<params\s*\)\@<={/ end=/}/ contains=mlxParamName,@mlxInBlock
syn match mlxParamName /\k\+\ze\s*=/ contained
syn region mlxOtherBlock matchgroup=mlxBrace start=/\%(\<\%(scope\|data\|review\|inspect\|evaluate\|explain\|deploy\|feedback\)\s*\)\@<={/ end=/}/ contains=@mlxInBlock
syn match mlxExperimentName /\%(\<experiment\s\+\)\@<=\%(\k\+\|`[^`]*`\)/

hi def link mlxBlock            Statement
hi def link mlxBrace            Delimiter
hi def link mlxOption           Keyword
hi def link mlxTransformOption  Keyword
hi def link mlxBoolean          Boolean
hi def link mlxModel            Type
hi def link mlxModelName        Function
hi def link mlxModelRef         Function
hi def link mlxExperimentName   Title
hi def link mlxMetric           Special
hi def link mlxChoice           Constant
hi def link mlxWithValue        Constant
hi def link mlxTypeName         Type
hi def link mlxTransform        Function
hi def link mlxFunction         Function
hi def link mlxHyperName        Label
hi def link mlxColumnName       Identifier
hi def link mlxQuotedColumn     Identifier
hi def link mlxColumnAfter      Identifier
hi def link mlxTypeColumn       Identifier
hi def link mlxParamName        PreProc
hi def link mlxParam            PreProc
hi def link mlxNumber           Number
hi def link mlxUnit             SpecialChar
hi def link mlxUnitWord         SpecialChar
hi def link mlxPercent          SpecialChar
hi def link mlxRange            Operator
hi def link mlxOperator         Operator
hi def link mlxString           String
hi def link mlxQuotedName       Identifier
hi def link mlxEscape           SpecialChar
hi def link mlxSingleQuoted     Error
hi def link mlxComment          Comment
hi def link mlxTodo             Todo

let b:current_syntax = "mlx"
let &cpo = s:cpo_save
unlet s:cpo_save
