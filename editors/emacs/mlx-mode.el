;;; mlx-mode.el --- Major mode for mlx machine-learning experiments  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages
;; URL: editors/emacs in the mlx repository

;;; Commentary:

;; Editing support for `.mlx' files, the experiment language of mlx: highlighting of blocks,
;; options, models and the names given to them, hyperparameters, metrics, transforms,
;; functions, columns (where the grammar says a name is a column), strings with escapes,
;; numbers with units and percentages, ranges, operators and comments; indentation as
;; `mlx fmt' lays a file out; `//' comments; and the language server `mlx lsp' for eglot.
;;
;; The word lists below are checked against the lexer and the catalog by EditorKeywordsTest.

;;; Code:

(require 'rx)
(require 'subr-x)

(defgroup mlx nil
  "Editing mlx experiment files."
  :group 'languages
  :prefix "mlx-")

(defcustom mlx-indent-offset 2
  "Columns per level of indentation (`mlx fmt' uses 2)."
  :type 'integer
  :safe #'integerp)

(defcustom mlx-lsp-command '("mlx" "lsp")
  "The command that starts the mlx language server, for eglot."
  :type '(repeat string))

;;;; Vocabulary

(defconst mlx-block-keywords
  '("experiment" "params" "scope" "data" "review" "checks" "features" "inspect" "models"
    "evaluate" "explain" "deploy" "feedback" "report")
  "Words that open a block of an experiment.")

(defconst mlx-option-keywords
  '("task" "target" "positive" "metric" "require" "latency" "retrain" "every" "when" "drift" "or"
    "and" "not" "on" "source" "csv" "jdbc" "parquet" "jsonl" "query" "delimiter" "id" "types" "missing" "split"
    "holdout" "stratified" "seed" "ordered" "by" "summary" "outliers" "plot" "correlations"
    "balance" "quantiles" "sample" "rows" "in" "unique" "warn" "fail" "drop" "derive" "all" "except" "with" "to"
    "top" "max" "min" "ngrams" "into" "no" "none" "constant" "duplicates" "leakage" "below" "coverage"
    "tune" "trials" "search" "log" "cv" "folds" "metrics" "select" "best" "simplest" "within"
    "slices" "importance" "lime" "examples" "row" "uncertain" "dependence" "export" "serve"
    "port" "unknown" "store" "abtest" "vs" "sticky" "shadow" "online" "window" "describe"
    "learning" "curve" "kpi" "intended" "use" "limitation")
  "Statement and option words of the blocks.")

(defconst mlx-boolean-keywords '("true" "false")
  "Boolean literals.")

(defconst mlx-unit-keywords
  '("ms" "s" "second" "seconds" "minute" "minutes" "hour" "hours" "day" "days" "week" "weeks")
  "Units that may follow a number.")

(defconst mlx-model-names
  '("baseline" "logistic" "linear" "lasso" "elastic_net" "linear_svm" "naive_bayes" "knn" "cart"
    "forest" "extra_trees" "adaboost" "xgboost" "svm" "factorization_machine" "mlp" "kmeans"
    "hdbscan")
  "Model kinds of the catalog.")

(defconst mlx-metric-names
  '("accuracy" "balanced_accuracy" "precision" "recall" "f1" "macro_f1" "weighted_f1"
    "macro_precision" "macro_recall" "auc" "pr_auc" "log_loss" "mse" "rmse" "mae" "r2" "mape"
    "silhouette" "wcss" "ami" "ari")
  "Metrics of the catalog.")

(defconst mlx-transform-names
  '("standardize" "standardise" "scale" "zscore" "normalize" "normalise" "minmax" "log" "log1p"
    "clip" "clamp" "impute" "fill" "onehot" "one_hot" "dummies" "bin" "bucket" "discretize"
    "discretise" "tfidf" "tf_idf" "bagofwords" "bag_of_words" "words" "bow" "dateparts"
    "date_parts")
  "Feature transforms of the catalog, with their aliases.")

(defconst mlx-function-names
  '("missing" "share" "count" "distinct" "mean" "median" "std" "sum" "min" "max" "length" "log"
    "exp" "sqrt" "abs" "round" "floor" "ceil" "pow" "days_between")
  "Functions usable in checks and derived features.")

(defconst mlx-choice-words
  '("classification" "regression" "clustering" "number" "integer" "category" "text" "date"
    "boolean" "histogram" "bar" "box" "scatter" "iqr" "zscore" "pearson" "spearman" "permutation"
    "model" "tribuo" "onnx" "sqlite" "grid" "random" "tpe" "p50" "p90" "p95" "p99" "mean"
    "reject" "unseen" "median" "mode" "year" "quarter" "month" "week" "day" "weekday" "dayofyear"
    "hour" "weekend" "majority" "uniform" "l2" "l1" "cosine" "exact" "lbfgs" "rbf" "poly" "sigmoid" "relu" "tanh"
    "adam" "adagrad" "sgd" "linear")
  "Words of enumerated settings (tasks, types, plots, search methods...).")

;;;; Faces

(defface mlx-block-face '((t :inherit font-lock-keyword-face :weight bold))
  "Face for block keywords (`scope', `data', `models'...).")
(defface mlx-option-face '((t :inherit font-lock-keyword-face))
  "Face for statement and option keywords (`target', `split', `by'...).")
(defface mlx-model-face '((t :inherit font-lock-type-face))
  "Face for model kinds (`forest', `xgboost'...).")
(defface mlx-model-name-face '((t :inherit font-lock-function-name-face))
  "Face for the name given to a model and references to it.")
(defface mlx-experiment-name-face '((t :inherit font-lock-function-name-face :weight bold))
  "Face for the experiment's name.")
(defface mlx-metric-face '((t :inherit font-lock-builtin-face))
  "Face for metric names (`f1', `rmse'...).")
(defface mlx-choice-face '((t :inherit font-lock-constant-face))
  "Face for words of enumerated settings (`classification', `median'...).")
(defface mlx-transform-face '((t :inherit font-lock-function-name-face))
  "Face for feature transforms (`standardize', `onehot'...).")
(defface mlx-function-face '((t :inherit font-lock-function-name-face :slant italic))
  "Face for functions called in checks and derived features.")
(defface mlx-column-face '((t :inherit font-lock-variable-name-face))
  "Face for column references.")
(defface mlx-type-face '((t :inherit font-lock-type-face :slant italic))
  "Face for column types in a `types' block.")
(defface mlx-hyperparameter-face '((t :inherit font-lock-preprocessor-face))
  "Face for hyperparameter names.")
(defface mlx-parameter-face '((t :inherit font-lock-preprocessor-face :weight bold))
  "Face for parameters (`$seed') and their declarations.")
(defface mlx-number-face '((t :inherit font-lock-constant-face))
  "Face for numbers.")
(defface mlx-unit-face '((t :inherit font-lock-builtin-face :slant italic))
  "Face for units and `%' after a number.")
(defface mlx-operator-face '((t :inherit font-lock-builtin-face))
  "Face for operators.")
(defface mlx-range-face '((t :inherit font-lock-builtin-face :weight bold))
  "Face for the range operator `..'.")
(defface mlx-escape-face '((t :inherit font-lock-regexp-grouping-backslash))
  "Face for escapes in strings and quoted names.")
(defface mlx-quoted-name-face '((t :inherit font-lock-variable-name-face))
  "Face for names in backticks.")

;;;; Syntax

(defvar mlx-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?/ ". 12" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\r ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?` "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?$ "_" table)
    (modify-syntax-entry ?' "." table)
    (dolist (c '(?+ ?- ?* ?% ?= ?< ?> ?! ?. ?, ?: ?\;))
      (modify-syntax-entry c "." table))
    table)
  "Syntax table of `mlx-mode'.")

(defconst mlx--ident "[[:alpha:]_][[:alnum:]_]*"
  "An identifier.")

(defun mlx--words (words)
  "A regexp matching any of WORDS as a whole symbol."
  (concat "\\_<" (regexp-opt words t) "\\_>"))

(defun mlx--block-at (pos)
  "The keyword of the block that contains POS, such as \"features\", or nil."
  (let ((opens (nth 9 (save-excursion (syntax-ppss pos))))
        (found nil))
    (dolist (open opens)
      (when (and (not found) (eq (char-after open) ?{))
        (save-excursion
          (goto-char open)
          (skip-chars-backward " \t")
          (let ((end (point)))
            (skip-syntax-backward "w_")
            (let ((word (buffer-substring-no-properties (point) end)))
              (when (member word mlx-block-keywords)
                (setq found word)))))))
    found))

(defun mlx--in-code-p (pos)
  "Non-nil when POS is outside strings and comments."
  (let ((state (save-excursion (syntax-ppss pos))))
    (not (or (nth 3 state) (nth 4 state)))))

(defun mlx--line-ends-with-comma-p ()
  "Non-nil when the code of the current line ends with a comma."
  (save-excursion
    (end-of-line)
    (let ((comment (nth 8 (syntax-ppss))))
      (when (and comment (nth 4 (syntax-ppss)))
        (goto-char comment)))
    (skip-chars-backward " \t")
    (eq (char-before) ?,)))

(defun mlx--statement-prefix (pos)
  "The text of the statement containing POS, from its start up to POS.
A statement starts after a `;', a `{' or at a line start, going back
over lines that end in a comma (a list going on)."
  (save-excursion
    (goto-char pos)
    (let ((start (line-beginning-position)))
      (while (and (> start (point-min))
                  (save-excursion (goto-char (1- start))
                                  (and (mlx--line-ends-with-comma-p)
                                       (not (eq (char-before (line-end-position)) ?{))))
                  (save-excursion (goto-char (1- start))
                                  (not (looking-back "[{;]\\s-*" (line-beginning-position)))))
        (setq start (save-excursion (goto-char (1- start)) (line-beginning-position))))
      (let ((text (buffer-substring-no-properties start pos)))
        (if (string-match ".*[;{]\\(.*\\)\\'" text) (match-string 1 text) text)))))

(defconst mlx--transform-option-re
  (concat (mlx--words '("with" "to" "top" "max" "min" "ngrams" "into" "unknown")) "\\|->")
  "Where the columns of a transform statement end.")

(defun mlx--column-p (pos)
  "Non-nil when the grammar says the name at POS is a column."
  (let ((block (mlx--block-at pos)))
    (when block
      (let ((prefix (mlx--statement-prefix pos))
            (case-fold-search nil))
        (cond
         ((string= block "checks") t)
         ((string= block "features")
          (or (string-match-p "\\`\\s-*\\(drop\\|derive\\)\\_>" prefix)
              (and (string-match-p (concat "\\`\\s-*" (mlx--words mlx-transform-names) "\\s-+") prefix)
                   (not (string-match-p mlx--transform-option-re prefix)))))
         ((string= block "review")
          (string-match-p (concat "\\`\\s-*plot\\s-+" mlx--ident "\\s-+") prefix))
         ((string= block "evaluate") (string-match-p "\\`\\s-*slices\\s-+by\\s-+" prefix))
         ((string= block "explain") (string-match-p "\\`\\s-*dependence\\s-+" prefix)))))))

(defun mlx--match-column (limit)
  "Font-lock matcher: the next name before LIMIT that is a column by its place."
  (let (found)
    (while (and (not found) (re-search-forward (concat "\\_<" mlx--ident "\\_>") limit t))
      (let ((b (match-beginning 0)))
        (when (and (not (get-text-property b 'face))
                   (not (eq (char-after (match-end 0)) ?\())
                   (save-match-data (and (mlx--in-code-p b) (mlx--column-p b))))
          (setq found t))))
    found))

(defun mlx--match-in-block (block regexp)
  "A font-lock matcher for REGEXP in code inside BLOCK."
  (lambda (limit)
    (let (found)
      (while (and (not found) (re-search-forward regexp limit t))
        (when (let ((b (match-beginning 0)))
                (save-match-data (and (mlx--in-code-p b) (equal (mlx--block-at b) block))))
          (setq found t)))
      found)))

(defun mlx--inner-braces-p (pos keyword-re)
  "Non-nil when the innermost brace around POS follows a word matching KEYWORD-RE."
  (let ((open (nth 1 (save-excursion (syntax-ppss pos)))))
    (and open (eq (char-after open) ?{)
         (save-excursion
           (goto-char open)
           (looking-back keyword-re (line-beginning-position))))))

(defun mlx--match-type-decl (limit)
  "Font-lock matcher: `column: type' inside a `types' block, before LIMIT."
  (let (found)
    (while (and (not found)
                (re-search-forward (concat "\\(" mlx--ident "\\)\\s-*:\\s-*\\(" mlx--ident "\\)?") limit t))
      (when (let ((b (match-beginning 0)))
              (save-match-data (and (mlx--in-code-p b) (mlx--inner-braces-p b "\\_<types\\s-*"))))
        (setq found t)))
    found))

(defun mlx--match-hyperparameter (limit)
  "Font-lock matcher: a hyperparameter name inside a model's braces, before LIMIT."
  (let (found)
    (while (and (not found)
                (re-search-forward (concat "\\(?:[{,;]\\|^\\)\\s-*\\(" mlx--ident "\\)\\_>") limit t))
      (let ((b (match-beginning 1)))
        (when (save-match-data (and (mlx--in-code-p b)
                                    (equal (mlx--block-at b) "models")
                                    (not (mlx--inner-braces-p b "\\_<models\\s-*"))))
          (setq found t))))
    found))

(defun mlx--match-escape (limit)
  "Font-lock matcher: an escape inside a string or quoted name, before LIMIT."
  (let (found)
    (while (and (not found) (re-search-forward "\\\\." limit t))
      (when (let ((b (match-beginning 0))) (save-match-data (nth 3 (save-excursion (syntax-ppss b)))))
        (setq found t)))
    found))

(defconst mlx--number-re
  "\\_<\\([0-9]+\\(?:_[0-9]+\\)*\\(?:\\.[0-9]+\\(?:_[0-9]+\\)*\\)?\\(?:[eE][-+]?[0-9]+\\)?\\)"
  "A number literal.")

(defvar mlx-font-lock-keywords
  `((,(concat "\\_<\\(experiment\\)\\_>\\s-+\\(" mlx--ident "\\)")
     (1 'mlx-block-face) (2 'mlx-experiment-name-face))
    (mlx--match-escape 0 'mlx-escape-face prepend)
    ("'[^'\n]*'" 0 'font-lock-warning-face)
    (,(concat (mlx--words mlx-function-names) "\\s-*(") 1 'mlx-function-face)
    (,(concat "\\_<\\(target\\|id\\|\\(?:ordered\\|sticky\\)\\s-+by\\)\\s-+\\(" mlx--ident "\\)")
     (1 'mlx-option-face) (2 'mlx-column-face))
    (,(concat "\\_<\\(abtest\\)\\s-+\\(" mlx--ident "\\)\\s-+\\(vs\\)\\s-+\\(" mlx--ident "\\)")
     (1 'mlx-option-face) (2 'mlx-model-name-face) (3 'mlx-option-face) (4 'mlx-model-name-face))
    (,(concat "\\_<\\(tune\\)\\s-+\\(" mlx--ident "\\)") (1 'mlx-option-face) (2 'mlx-model-name-face))
    (,(mlx--match-in-block "models" (concat "^\\s-*" (mlx--words mlx-model-names)
                                            "\\(?:\\s-+\\(" mlx--ident "\\)\\)?"))
     (1 'mlx-model-face) (2 'mlx-model-name-face nil t))
    (mlx--match-hyperparameter 1 'mlx-hyperparameter-face)
    (mlx--match-type-decl (1 'mlx-column-face) (2 'mlx-type-face nil t))
    (,(mlx--match-in-block "params" (concat "^\\s-*\\(" mlx--ident "\\)\\s-*=")) 1 'mlx-parameter-face)
    (,(mlx--match-in-block "features" (concat "\\(?:^\\|;\\)\\s-*" (mlx--words mlx-transform-names)))
     1 'mlx-transform-face)
    (,(concat mlx--number-re "\\(?:\\s-*\\(%\\)\\|\\s-*" (mlx--words mlx-unit-keywords) "\\)?")
     (1 'mlx-number-face) (2 'mlx-unit-face nil t) (3 'mlx-unit-face nil t))
    ("\\$[[:alpha:]_][[:alnum:]_]*" 0 'mlx-parameter-face)
    ("\\.\\." 0 'mlx-range-face)
    ("->\\|==\\|!=\\|<=\\|>=\\|[-<>=+*/%]" 0 'mlx-operator-face)
    (,(mlx--words mlx-boolean-keywords) 1 'font-lock-constant-face)
    (,(mlx--words mlx-block-keywords) 1 'mlx-block-face)
    (,(mlx--words mlx-option-keywords) 1 'mlx-option-face)
    (mlx--match-column 0 'mlx-column-face)
    (,(mlx--words mlx-model-names) 1 'mlx-model-face)
    (,(mlx--words mlx-metric-names) 1 'mlx-metric-face)
    (,(mlx--words mlx-choice-words) 1 'mlx-choice-face)
    (,(mlx--words mlx-unit-keywords) 1 'mlx-unit-face))
  "Highlighting of `mlx-mode': the first rule that fontifies a word wins.")

(defun mlx--syntactic-face (state)
  "The face of a string, quoted name or comment, from the syntax STATE."
  (cond ((eq (nth 3 state) ?`)
         (if (save-excursion (mlx--column-p (nth 8 state))) 'mlx-column-face 'mlx-quoted-name-face))
        ((nth 3 state) 'font-lock-string-face)
        (t 'font-lock-comment-face)))

;;;; Indentation

(defconst mlx--block-opener-re
  (concat (mlx--words (remove "experiment" mlx-block-keywords)) "\\s-*\\'\\|\\_<experiment\\_>.*\\'")
  "The text before a brace that opens a block (or the experiment).")

(defun mlx--previous-code-line (bound)
  "Move to the previous line after BOUND with code on it; nil when there is none."
  (let (found)
    (while (and (not found) (zerop (forward-line -1)) (> (point) bound))
      (back-to-indentation)
      (unless (or (eolp) (looking-at "//"))
        (setq found t)))
    found))

(defun mlx-calculate-indentation ()
  "The column the current line should start at, as `mlx fmt' writes it."
  (save-excursion
    (back-to-indentation)
    (let* ((ppss (syntax-ppss))
           (open (nth 1 ppss)))
      (cond
       ((nth 3 ppss) (current-indentation))
       ((null open) 0)
       ((looking-at "[]})]")
        (save-excursion (goto-char open) (current-indentation)))
       (t
        (let* ((base (save-excursion (goto-char open) (current-indentation)))
               (block-p (and (eq (char-after open) ?{)
                             (save-excursion
                               (goto-char open)
                               (string-match-p mlx--block-opener-re
                                               (buffer-substring-no-properties (line-beginning-position) (point))))))
               (continued (and block-p
                               (save-excursion
                                 (and (mlx--previous-code-line open)
                                      (mlx--line-ends-with-comma-p))))))
          (+ base mlx-indent-offset (if continued mlx-indent-offset 0))))))))

(defun mlx-indent-line ()
  "Indent the current line as `mlx fmt' would."
  (interactive)
  (let ((column (mlx-calculate-indentation))
        (offset (- (current-column) (current-indentation))))
    (indent-line-to column)
    (when (> offset 0)
      (forward-char offset))))

;;;; Mode

(defvar mlx-imenu-generic-expression
  `(("Blocks" ,(concat "^\\s-*" (mlx--words (remove "experiment" mlx-block-keywords)) "\\s-*[{\"]") 1)
    ("Models" ,(concat "^\\s-*" (mlx--words mlx-model-names) "\\(?:\\s-+\\(" mlx--ident "\\)\\)?") 1))
  "Imenu entries: blocks and models.")

;;;###autoload
(define-derived-mode mlx-mode prog-mode "mlx"
  "Major mode for mlx experiment files.

\\{mlx-mode-map}"
  :syntax-table mlx-mode-syntax-table
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "//+\\s-*")
  (setq-local comment-use-syntax t)
  (setq-local indent-line-function #'mlx-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 8)
  (setq-local electric-indent-chars (append "{}[]()" electric-indent-chars))
  (setq-local font-lock-defaults
              '(mlx-font-lock-keywords nil nil nil nil
                                       (font-lock-syntactic-face-function . mlx--syntactic-face)))
  (setq-local imenu-generic-expression mlx-imenu-generic-expression))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.mlx\\'" . mlx-mode))

(defvar eglot-server-programs)
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs `(mlx-mode . ,mlx-lsp-command)))

(provide 'mlx-mode)
;;; mlx-mode.el ends here
