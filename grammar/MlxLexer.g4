// The .mlx lexer. Keywords are soft: wherever the parser expects a name, any keyword is accepted
// as that name (see MlxParser.name), so a column called `source` or `time` needs no quoting.
lexer grammar MlxLexer;

channels { COMMENTS }

// ---- blocks
EXPERIMENT : 'experiment';
PARAMS     : 'params';
SCOPE      : 'scope';
DATA       : 'data';
REVIEW     : 'review';
CHECKS     : 'checks';
FEATURES   : 'features';
INSPECT    : 'inspect';
MODELS     : 'models';
EVALUATE   : 'evaluate';
EXPLAIN    : 'explain';
DEPLOY     : 'deploy';
FEEDBACK   : 'feedback';
REPORT     : 'report';

// ---- statements and options
TASK        : 'task';
TARGET      : 'target';
POSITIVE    : 'positive';
METRIC      : 'metric';
REQUIRE     : 'require';
LATENCY     : 'latency';
RETRAIN     : 'retrain';
EVERY       : 'every';
WHEN        : 'when';
DRIFT       : 'drift';
OR          : 'or';
AND         : 'and';
NOT         : 'not';
ON          : 'on';
SOURCE      : 'source';
CSV         : 'csv';
JDBC        : 'jdbc';
PARQUET     : 'parquet';
JSONL       : 'jsonl';
QUERY       : 'query';
DELIMITER   : 'delimiter';
ID          : 'id';
TYPES       : 'types';
MISSING     : 'missing';
SPLIT       : 'split';
HOLDOUT     : 'holdout';
STRATIFIED  : 'stratified';
SEED        : 'seed';
ORDERED     : 'ordered';
BY          : 'by';
SUMMARY     : 'summary';
OUTLIERS    : 'outliers';
PLOT        : 'plot';
CORRELATIONS: 'correlations';
BALANCE     : 'balance';
QUANTILES   : 'quantiles';
SAMPLE      : 'sample';
ROWS        : 'rows';
IN          : 'in';
UNIQUE      : 'unique';
WARN        : 'warn';
FAIL        : 'fail';
DROP        : 'drop';
DERIVE      : 'derive';
ALL         : 'all';
EXCEPT      : 'except';
WITH        : 'with';
TO          : 'to';
TOP         : 'top';
MAX         : 'max';
MIN         : 'min';
NGRAMS      : 'ngrams';
INTO        : 'into';
NO          : 'no';
NONE        : 'none';
CONSTANT    : 'constant';
DUPLICATES  : 'duplicates';
LEAKAGE     : 'leakage';
BELOW       : 'below';
COVERAGE    : 'coverage';
TUNE        : 'tune';
TRIALS      : 'trials';
SEARCH      : 'search';
LOG         : 'log';
CV          : 'cv';
FOLDS       : 'folds';
METRICS     : 'metrics';
SELECT      : 'select';
BEST        : 'best';
SIMPLEST    : 'simplest';
WITHIN      : 'within';
SLICES      : 'slices';
IMPORTANCE  : 'importance';
LIME        : 'lime';
EXAMPLES    : 'examples';
ROW         : 'row';
UNCERTAIN   : 'uncertain';
DEPENDENCE  : 'dependence';
EXPORT      : 'export';
SERVE       : 'serve';
PORT        : 'port';
UNKNOWN     : 'unknown';
STORE       : 'store';
ABTEST      : 'abtest';
VS          : 'vs';
STICKY      : 'sticky';
SHADOW      : 'shadow';
ONLINE      : 'online';
WINDOW      : 'window';
DESCRIBE    : 'describe';
LEARNING    : 'learning';
CURVE       : 'curve';
KPI         : 'kpi';
INTENDED    : 'intended';
USE         : 'use';
LIMITATION  : 'limitation';
TRUE        : 'true';
FALSE       : 'false';

// ---- units
MS      : 'ms';
SECONDS : 's' | 'second' | 'seconds';
MINUTES : 'minute' | 'minutes';
HOURS   : 'hour' | 'hours';
DAYS    : 'day' | 'days';
WEEKS   : 'week' | 'weeks';

// ---- punctuation and operators
LBRACE  : '{';
RBRACE  : '}';
LPAREN  : '(';
RPAREN  : ')';
LBRACK  : '[';
RBRACK  : ']';
COMMA   : ',';
COLON   : ':';
SEMI    : ';';
DOTDOT  : '..';
ARROW   : '->';
EQEQ    : '==';
NEQ     : '!=';
LE      : '<=';
GE      : '>=';
LT      : '<';
GT      : '>';
ASSIGN  : '=';
PLUS    : '+';
MINUS   : '-';
STAR    : '*';
SLASH   : '/';
PERCENT : '%';

// ---- literals and names
NUMBER  : DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)?;
STRING  : '"' (ESCAPE | ~["\\\r\n])* '"';
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])*;
QUOTED_NAME : '`' (ESCAPE | ~[`\\\r\n])* '`';
UNTERMINATED_NAME : '`' (ESCAPE | ~[`\\\r\n])*;
VARIABLE : '$' IDENT_START IDENT_PART*;
IDENT   : IDENT_START IDENT_PART*;

LINE_COMMENT : '//' ~[\r\n]* -> channel(COMMENTS);
NL      : '\r'? '\n' | '\r';
WS      : [ \t\f\u00A0\uFEFF]+ -> channel(HIDDEN);

// A common slip, named so the error can say what to write instead.
SINGLE_QUOTED : '\'' ~['\r\n]* '\'';

// Anything else becomes one token the parser reports in words; the lexer itself never fails.
BAD_CHAR : .;

fragment DIGITS      : [0-9]+ ('_' [0-9]+)*;
fragment ESCAPE      : '\\' .;
fragment IDENT_START : [\p{L}_];
fragment IDENT_PART  : [\p{L}\p{N}_];
