;;; mlx-mode-tests.el --- ERT tests of mlx-mode  -*- coding: utf-8; lexical-binding: t; -*-

;;; Commentary:

;; Run by EditorEmacsTest:
;;   emacs --batch -Q -L editors/emacs -l editors/emacs/test/mlx-mode-tests.el \
;;         -f ert-run-tests-batch-and-exit

;;; Code:

(require 'ert)
(require 'mlx-mode)

(defconst mlx-test-root
  (expand-file-name "../../.." (file-name-directory (or load-file-name buffer-file-name)))
  "The repository root.")

(defun mlx-test-example (name)
  "The path of examples/NAME/NAME.mlx."
  (expand-file-name (format "examples/%s/%s.mlx" name name) mlx-test-root))

(defmacro mlx-test-with-file (file &rest body)
  "Run BODY in a fontified `mlx-mode' buffer holding FILE."
  (declare (indent 1))
  `(with-temp-buffer
     (insert-file-contents ,file)
     (mlx-mode)
     (font-lock-ensure)
     ,@body))

(defmacro mlx-test-with-text (text &rest body)
  "Run BODY in a fontified `mlx-mode' buffer holding TEXT."
  (declare (indent 1))
  `(with-temp-buffer
     (insert ,text)
     (mlx-mode)
     (font-lock-ensure)
     ,@body))

(defun mlx-test-face (line-text word &optional nth)
  "The face of the NTH WORD on the first line containing LINE-TEXT."
  (save-excursion
    (goto-char (point-min))
    (unless (search-forward line-text nil t)
      (error "No line contains %S" line-text))
    (let ((bol (line-beginning-position)) (eol (line-end-position)))
      (goto-char bol)
      (dotimes (_ (1+ (or nth 0)))
        (unless (re-search-forward (concat (if (string-match-p "\\`[[:alnum:]_$]" word) "\\_<" "")
                                        (regexp-quote word)
                                        (if (string-match-p "[[:alnum:]_]\\'" word) "\\_>" ""))
                                eol t)
          (error "No %S on line %S" word (buffer-substring bol eol))))
      (let ((face (get-text-property (match-beginning 0) 'face)))
        (if (consp face) (car face) face)))))

(defun mlx-test-expect (cases)
  "Check each (LINE-TEXT WORD FACE [NTH]) of CASES in the current buffer."
  (dolist (c cases)
    (should (equal (list (nth 0 c) (nth 1 c) (mlx-test-face (nth 0 c) (nth 1 c) (nth 3 c)))
                   (list (nth 0 c) (nth 1 c) (nth 2 c))))))

(ert-deftest mlx-faces-cars ()
  (mlx-test-with-file (mlx-test-example "cars")
    (mlx-test-expect
     '(("experiment cars" "experiment" mlx-block-face)
       ("experiment cars" "cars" mlx-experiment-name-face)
       ("  scope {" "scope" mlx-block-face)
       ("report \"cars.html\"" "report" mlx-block-face)
       ("seed = 42" "seed" mlx-parameter-face)
       ("seed = 42" "=" mlx-operator-face)
       ("task regression" "task" mlx-option-face)
       ("task regression" "regression" mlx-choice-face)
       ("target miles_per_gallon" "miles_per_gallon" mlx-column-face)
       ("metric rmse" "rmse" mlx-metric-face)
       ("require r2 >= 0.75" ">=" mlx-operator-face)
       ("require r2 >= 0.75" "0.75" mlx-number-face)
       ("cylinders: integer" "cylinders" mlx-column-face)
       ("cylinders: integer" "integer" mlx-type-face)
       ("source csv" "\"data/cars.csv\"" font-lock-string-face)
       ("split holdout 20% seed" "20" mlx-number-face)
       ("split holdout 20% seed" "%" mlx-unit-face)
       ("split holdout 20% seed" "$seed" mlx-parameter-face)
       ("plot histogram" "histogram" mlx-choice-face)
       ("plot histogram" "weight_in_lbs" mlx-column-face)
       ("missing(horsepower) <= 5%" "missing" mlx-function-face)
       ("missing(horsepower) <= 5%" "horsepower" mlx-column-face)
       ("missing(miles_per_gallon) <= 3% warn" "warn" mlx-option-face)
       ("cylinders in 3..8" "cylinders" mlx-column-face)
       ("cylinders in 3..8" ".." mlx-range-face)
       ("drop name" "name" mlx-column-face)
       ("dateparts year -> year" "dateparts" mlx-transform-face)
       ("dateparts year -> year" "year" mlx-column-face 0)
       ("dateparts year -> year" "->" mlx-operator-face)
       ("dateparts year -> year" "year" mlx-choice-face 1)
       ("impute horsepower with median" "median" mlx-choice-face)
       ("derive power_to_weight" "weight_in_lbs" mlx-column-face)
       ("no missing" "missing" mlx-option-face)
       ("    linear" "linear" mlx-model-face)
       ("xgboost xgb {" "xgb" mlx-model-name-face)
       ("xgboost xgb {" "eta" mlx-hyperparameter-face)
       ("knn { k 10, distance l2 }" "l2" mlx-choice-face)
       ("tune xgb" "xgb" mlx-model-name-face)
       ("tune xgb" "log" mlx-option-face)
       ("tune xgb" "rmse" mlx-metric-face)
       ("slices by origin" "origin" mlx-column-face)
       ("dependence weight_in_lbs" "horsepower" mlx-column-face)
       ("// Cars (Auto MPG)" "Cars" font-lock-comment-face)))))

(ert-deftest mlx-faces-penguins-and-text ()
  (mlx-test-with-file (mlx-test-example "penguins")
    (mlx-test-expect
     '(("require latency p99 < 50 ms" "p99" mlx-choice-face)
       ("require latency p99 < 50 ms" "ms" mlx-unit-face)
       ("retrain every 90 days" "days" mlx-unit-face)
       ("id penguin_id" "penguin_id" mlx-column-face)
       ("abtest logistic vs xgb" "logistic" mlx-model-name-face)
       ("abtest logistic vs xgb" "penguin_id" mlx-column-face)
       ("mlp net {" "relu" mlx-choice-face)
       ("online macro_f1, kpi check_minutes" "macro_f1" mlx-metric-face))))
  (mlx-test-with-file (mlx-test-example "text")
    (mlx-test-expect
     '(("tfidf text max" "tfidf" mlx-transform-face)
       ("tfidf text max" "text" mlx-column-face)
       ("tfidf text max" "max" mlx-option-face)))))

(ert-deftest mlx-faces-strings-and-mistakes ()
  (mlx-test-with-text (concat "experiment x {\n"
                              "  data { source csv \"a\\\"b.csv\"; missing 'NA' }\n"
                              "  checks { `unit price` in 0..10; flag == true }\n"
                              "  scope { target größe }\n"
                              "}\n")
    (mlx-test-expect
     '(("source csv" "\\\"" mlx-escape-face)
       ("source csv" "b.csv" font-lock-string-face)
       ("missing 'NA'" "'NA'" font-lock-warning-face)
       ("`unit price`" "`unit price`" mlx-column-face)
       ("flag == true" "true" font-lock-constant-face)
       ("target größe" "größe" mlx-column-face)))))

(ert-deftest mlx-faces-lists-go-on-after-a-comma ()
  (mlx-test-with-text (concat "experiment x {\n  features {\n"
                              "    standardize mean_radius, mean_texture,  // two lines\n"
                              "      radius_error\n"
                              "    drop a  // one, two\n"
                              "    impute b with median\n  }\n}\n")
    (mlx-test-expect
     '(("      radius_error" "radius_error" mlx-column-face)
       ("    drop a" "drop" mlx-option-face)
       ("    drop a" "a" mlx-column-face)
       ("impute b with median" "b" mlx-column-face)
       ("impute b with median" "median" mlx-choice-face)))))

(ert-deftest mlx-indentation-of-every-example ()
  "Re-indenting a flattened copy of each example gives back the file `mlx fmt' wrote."
  (dolist (file (directory-files-recursively (expand-file-name "examples" mlx-test-root) "\\.mlx\\'"))
    (with-temp-buffer
      (insert-file-contents file)
      (mlx-mode)
      (let ((expected (buffer-string)))
        (goto-char (point-min))
        (while (re-search-forward "^[ \t]+" nil t)
          (replace-match ""))
        (let ((inhibit-message t))
          (indent-region (point-min) (point-max)))
        (should (equal (list file (buffer-string)) (list file expected)))))))

(ert-deftest mlx-indentation-continuation-and-closers ()
  (with-temp-buffer
    (mlx-mode)
    (insert "experiment x {\nfeatures {\nstandardize a, b,\nc, d\ndrop e\n}\n"
            "models {\nforest {\ntrees 10,\nmax_depth 3\n}\n}\n}\n")
    (let ((inhibit-message t))
      (indent-region (point-min) (point-max)))
    (should (equal (buffer-string)
                   (concat "experiment x {\n  features {\n    standardize a, b,\n      c, d\n    drop e\n  }\n"
                           "  models {\n    forest {\n      trees 10,\n      max_depth 3\n    }\n  }\n}\n")))))

(ert-deftest mlx-comments-and-files ()
  (should (eq (assoc-default "experiments/churn.mlx" auto-mode-alist #'string-match) 'mlx-mode))
  (with-temp-buffer
    (mlx-mode)
    (should (derived-mode-p 'prog-mode))
    (should (equal comment-start "// "))
    (insert "metric f1")
    (comment-region (point-min) (point-max))
    (should (equal (buffer-string) "// metric f1"))
    (should (nth 4 (syntax-ppss (point-max))))))

(defvar eglot-server-programs)
(ert-deftest mlx-eglot-registration ()
  "Loading eglot registers `mlx lsp' for `mlx-mode'."
  (let ((eglot-server-programs nil)
        (features (remq 'eglot features)))
    ;; Stands in for the real package so the test runs on Emacs 28 (eglot is built in from 29).
    (provide 'eglot)
    (should (equal (assq 'mlx-mode eglot-server-programs) '(mlx-mode "mlx" "lsp")))))

(provide 'mlx-mode-tests)
;;; mlx-mode-tests.el ends here
