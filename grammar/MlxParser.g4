// The .mlx parser. One experiment per file; statements end at a newline or `;`.
// Rule names are read by the error reporter (syntax/SyntaxErrors) to say, in words, what was being
// read: keep them meaningful. The AST is built by the generated visitor: every rule and labelled
// alternative has its visit method in syntax/AstBuilder (or the StatementBuilder and ValueBuilder
// it extends), and the build fails until a new one does.
parser grammar MlxParser;

options { tokenVocab = MlxLexer; }

file : nl* experiment nl* EOF;

experiment : EXPERIMENT name STRING? body=experimentBody;
experimentBody : LBRACE sep* (section (sep+ section)*)? sep* RBRACE;

section
    : PARAMS paramsBlock          # paramsSection
    | SCOPE scopeBlock            # scopeSection
    | DATA dataBlock              # dataSection
    | REVIEW reviewBlock          # reviewSection
    | CHECKS checksBlock          # checksSection
    | FEATURES featuresBlock      # featuresSection
    | INSPECT inspectBlock        # inspectSection
    | MODELS modelsBlock          # modelsSection
    | EVALUATE evaluateBlock      # evaluateSection
    | EXPLAIN explainBlock        # explainSection
    | DEPLOY deployBlock          # deploySection
    | FEEDBACK feedbackBlock      # feedbackSection
    | REPORT STRING               # reportSection
    | IDENT unknownTail           # unknownSection
    ;

// ---- params: named values the command line may override with --set name=value
paramsBlock : LBRACE sep* (paramDecl (sep+ paramDecl)*)? sep* RBRACE;
paramDecl   : name ASSIGN value;

// ---- scope
scopeBlock : LBRACE sep* (scopeStmt (sep+ scopeStmt)*)? sep* RBRACE;
scopeStmt
    : TASK name                                   # taskStmt
    | TARGET name                                 # targetStmt
    | POSITIVE value                              # positiveStmt
    | METRIC name                                 # metricStmt
    | REQUIRE gate                                # requireStmt
    | RETRAIN retrainPlan                         # retrainStmt
    | INTENDED USE STRING                         # intendedUseStmt
    | LIMITATION STRING                           # limitationStmt
    | ~(TASK | TARGET | POSITIVE | METRIC | REQUIRE | RETRAIN | INTENDED | LIMITATION | NL | SEMI | LBRACE | RBRACE) unknownTail  # unknownScopeStmt
    ;
gate
    : LATENCY name compOp quantity                # latencyGate
    | name compOp quantity (ON name)?             # metricGate
    ;
retrainPlan
    : EVERY quantity (OR WHEN DRIFT compOp quantity)?   # retrainEvery
    | WHEN DRIFT compOp quantity                        # retrainOnDrift
    ;

// ---- data
dataBlock : LBRACE sep* (dataStmt (sep+ dataStmt)*)? sep* RBRACE;
dataStmt
    : SOURCE CSV STRING (DELIMITER STRING)?       # csvSource
    | SOURCE JDBC STRING QUERY STRING             # jdbcSource
    | SOURCE format=(PARQUET | JSONL) STRING      # fileSource
    | ID name                                     # idStmt
    | TYPES typesBlock                            # typesStmt
    | MISSING STRING (COMMA nl* STRING)*          # missingStmt
    | SPLIT HOLDOUT quantity splitOption*         # splitStmt
    | DESCRIBE describeBlock                      # describeStmt
    | SPLIT NONE                                  # splitNoneStmt
    | ~(SOURCE | ID | TYPES | MISSING | SPLIT | DESCRIBE | NL | SEMI | LBRACE | RBRACE) unknownTail  # unknownDataStmt
    ;
typesBlock : LBRACE nl* (typeDecl ((COMMA | sep) nl* typeDecl)*)? (COMMA | sep)* RBRACE;
typeDecl   : name COLON typeName=name STRING?;
// `describe { age: "age at the visit" in "years" }`: what a column means, and its unit
describeBlock : LBRACE nl* (columnDoc ((COMMA | sep) nl* columnDoc)*)? (COMMA | sep)* RBRACE;
columnDoc     : name COLON text=STRING (IN unitText=STRING)?;
splitOption
    : STRATIFIED                                  # stratifiedOption
    | SEED value                                  # seedOption
    | ORDERED BY name                             # orderedOption
    ;

// ---- review
reviewBlock : LBRACE sep* (reviewStmt (sep+ reviewStmt)*)? sep* RBRACE;
reviewStmt
    : SUMMARY                                     # summaryStmt
    | OUTLIERS name quantity?                     # outliersStmt
    | PLOT name nameList                          # plotStmt
    | CORRELATIONS name?                          # correlationsStmt
    | BALANCE                                     # balanceStmt
    | QUANTILES numberList                        # quantilesStmt
    | SAMPLE quantity                             # reviewSampleStmt
    | ~(SUMMARY | OUTLIERS | PLOT | CORRELATIONS | BALANCE | QUANTILES | SAMPLE | NL | SEMI | LBRACE | RBRACE) unknownTail  # unknownReviewStmt
    ;

// ---- checks: expectations on the raw data
checksBlock : LBRACE sep* (checkStmt (sep+ checkStmt)*)? sep* RBRACE;
checkStmt
    : UNIQUE nameList severity?                   # uniqueCheck
    | condition severity?                         # conditionCheck
    ;
severity : WARN | FAIL;

// ---- features: transforms applied in order, fitted on training rows only
featuresBlock : LBRACE sep* (featureStmt (sep+ featureStmt)*)? sep* RBRACE;
featureStmt
    : DROP nameList                               # dropStmt
    | DERIVE name ASSIGN expr                     # deriveStmt
    | kind=name selector transformOption*         # selectorTransformStmt
    | kind=name nameList transformOption*         # transformStmt
    ;
// `all numeric except id_col`: the columns of one kind at this point of the pipeline
selector : ALL columnKind=name (EXCEPT nameList)?;
transformOption
    : WITH value                                  # withOption
    | TO range                                    # toOption
    | TOP quantity                                # topOption
    | MAX quantity                                # maxOption
    | MIN quantity                                # minOption
    | NGRAMS range                                # ngramsOption
    | INTO quantity                               # intoOption
    | ARROW nameList                              # partsOption
    | UNKNOWN name                                # unknownPolicyOption
    ;

// ---- inspect: the transformed data checked before modelling
inspectBlock : LBRACE sep* (inspectStmt (sep+ inspectStmt)*)? sep* RBRACE;
inspectStmt
    : NO (MISSING | CONSTANT | DUPLICATES)        # noStmt
    | LEAKAGE BELOW quantity                      # leakageStmt
    | COVERAGE quantity                           # coverageStmt
    | SAMPLE quantity                             # inspectSampleStmt
    | ~(NO | LEAKAGE | COVERAGE | SAMPLE | NL | SEMI | LBRACE | RBRACE) unknownTail  # unknownInspectStmt
    ;

// ---- models: the ladder, simplest first
modelsBlock : LBRACE sep* (modelStmt (sep+ modelStmt)*)? sep* RBRACE;
modelStmt
    : TUNE name tuneBlock tuneOption*             # tuneStmt
    | kind=name modelName=name? hyperBlock?       # modelDecl
    ;
hyperBlock : LBRACE nl* (hyperParam ((COMMA | sep) nl* hyperParam)*)? (COMMA | sep)* RBRACE;
hyperParam : name value;
tuneBlock  : LBRACE nl* (tuneParam ((COMMA | sep) nl* tuneParam)*)? (COMMA | sep)* RBRACE;
tuneParam
    : name IN range LOG?                          # rangeTuneParam
    | name IN list                                # choiceTuneParam
    ;
tuneOption
    : TRIALS quantity                             # trialsOption
    | SEARCH name                                 # searchOption
    | BY name                                     # tuneMetricOption
    | CV quantity FOLDS?                          # tuneFoldsOption
    ;

// ---- evaluate
evaluateBlock : LBRACE sep* (evaluateStmt (sep+ evaluateStmt)*)? sep* RBRACE;
evaluateStmt
    : CV quantity FOLDS? STRATIFIED?              # cvStmt
    | HOLDOUT                                     # holdoutOnlyStmt
    | METRICS nameList                            # metricsStmt
    | SELECT BEST BY name                         # selectBestStmt
    | SELECT SIMPLEST WITHIN quantity BY name     # selectSimplestStmt
    | SLICES BY nameList                          # slicesStmt
    | LEARNING CURVE numberList? (BY name)?       # learningCurveStmt
    | ~(CV | HOLDOUT | METRICS | SELECT | SLICES | LEARNING | NL | SEMI | LBRACE | RBRACE) unknownTail  # unknownEvaluateStmt
    ;

// ---- explain
explainBlock : LBRACE sep* (explainStmt (sep+ explainStmt)*)? sep* RBRACE;
explainStmt
    : IMPORTANCE name? (TOP quantity)?            # importanceStmt
    | LIME limeRows                               # limeStmt
    | DEPENDENCE nameList                         # dependenceStmt
    | ~(IMPORTANCE | LIME | DEPENDENCE | NL | SEMI | LBRACE | RBRACE) unknownTail  # unknownExplainStmt
    ;
limeRows
    : quantity EXAMPLES?                          # limeFirst
    | ROWS numberList                             # limeChosen
    | quantity UNCERTAIN                          # limeUncertain
    ;

// ---- deploy
deployBlock : LBRACE sep* (deployStmt (sep+ deployStmt)*)? sep* RBRACE;
deployStmt
    : EXPORT name STRING                          # exportStmt
    | SERVE (PORT quantity)? (UNKNOWN name)?      # serveStmt
    | ~(EXPORT | SERVE | NL | SEMI | LBRACE | RBRACE) unknownTail  # unknownDeployStmt
    ;

// ---- feedback
feedbackBlock : LBRACE sep* (feedbackStmt (sep+ feedbackStmt)*)? sep* RBRACE;
feedbackStmt
    : STORE name STRING                           # storeStmt
    | ABTEST name VS name abOption*               # abtestStmt
    | ONLINE name (COMMA KPI kpiName=name kpiGoal=(MAX | MIN)?)? WINDOW quantity  # onlineStmt
    | RETRAIN WITHIN quantity                     # retrainMarginStmt
    | ~(STORE | ABTEST | ONLINE | RETRAIN | NL | SEMI | LBRACE | RBRACE) unknownTail  # unknownFeedbackStmt
    ;
abOption
    : SPLIT quantity SLASH quantity               # abSplitOption
    | STICKY BY name                              # stickyOption
    | SHADOW                                      # shadowOption
    ;

// ---- expressions (checks and derive)
condition
    : expr compOp expr                            # compareCondition
    | expr NOT? IN range                          # rangeCondition
    | expr NOT? IN set                            # setCondition
    ;
expr
    : MINUS expr                                  # negExpr
    | expr (STAR | SLASH) expr                    # mulExpr
    | expr (PLUS | MINUS) expr                    # addExpr
    | LPAREN expr RPAREN                          # parenExpr
    | name LPAREN (argument (COMMA argument)*)? RPAREN # callExpr
    | ROWS                                        # rowsExpr
    | quantity                                    # numberExpr
    | STRING                                      # stringExpr
    | name                                        # columnExpr
    ;
argument : condition | expr;
compOp : EQEQ | NEQ | LE | GE | LT | GT;

// ---- values
value
    : quantity                                    # quantityValue
    | range                                       # rangeValue
    | STRING                                      # stringValue
    | list                                        # listValue
    | (TRUE | FALSE)                              # boolValue
    | name                                        # nameValue
    ;
quantity : (number | VARIABLE) unit?;
number   : MINUS? NUMBER;
unit     : PERCENT | MS | SECONDS | MINUTES | HOURS | DAYS | WEEKS;
range    : quantity DOTDOT quantity;
list     : LBRACK nl* (value (COMMA nl* value)*)? COMMA? nl* RBRACK;
set      : LBRACE nl* (value (COMMA nl* value)*)? COMMA? nl* RBRACE;
numberList : quantity (COMMA nl* quantity)*;
nameList : name (COMMA nl* name)*;

// Anything up to the end of the statement: lets the checker name an unknown statement with
// did-you-mean instead of the parser stumbling over it. Each block's catch-all excludes the words
// that start its own statements, so a malformed known statement still gets a precise syntax error.
unknownTail : (~(NL | SEMI | LBRACE | RBRACE) | LBRACE braced RBRACE)*;
braced      : (~(LBRACE | RBRACE) | LBRACE braced RBRACE)*;

name
    : IDENT | QUOTED_NAME
    | EXPERIMENT | PARAMS | SCOPE | DATA | REVIEW | CHECKS | FEATURES | INSPECT | MODELS | EVALUATE
    | EXPLAIN | DEPLOY | FEEDBACK | REPORT
    | TASK | TARGET | POSITIVE | METRIC | REQUIRE | LATENCY | RETRAIN | EVERY | WHEN | DRIFT | OR | AND
    | NOT | ON | SOURCE | CSV | JDBC | PARQUET | JSONL | QUERY | DELIMITER | ID | TYPES | MISSING | SPLIT | HOLDOUT
    | STRATIFIED | SEED | ORDERED | BY | SUMMARY | OUTLIERS | PLOT | CORRELATIONS | BALANCE | QUANTILES
    | SAMPLE | ROWS | IN | UNIQUE | WARN | FAIL | DROP | DERIVE | ALL | EXCEPT | WITH | TO | TOP | MAX | MIN | NGRAMS
    | INTO | NO | NONE | CONSTANT | DUPLICATES | LEAKAGE | BELOW | COVERAGE | TUNE | TRIALS | SEARCH | LOG | CV
    | FOLDS | METRICS | SELECT | BEST | SIMPLEST | WITHIN | SLICES | IMPORTANCE | LIME | EXAMPLES | ROW
    | UNCERTAIN | DEPENDENCE | EXPORT | SERVE | PORT | UNKNOWN | STORE | ABTEST | VS | STICKY | SHADOW
    | ONLINE | WINDOW | DESCRIBE | LEARNING | CURVE | KPI | INTENDED | USE | LIMITATION | MS | SECONDS | MINUTES | HOURS | DAYS | WEEKS
    ;

sep : NL | SEMI;
nl  : NL;
