"""Reads what the scikit-learn side needs from a starter .mlx file (the kind `mlx init` writes): the
scope, the data block's id, types, missing markers and split, the features statements, the model
ladder and the evaluation. Line-based and tolerant: a statement it does not know is kept in
`unknown` and reported, never an error, because mlx init's output is allowed to change.
"""
import re

TOKEN = re.compile(r"""
    \s*(?:
      (?P<name>`(?:[^`\\]|\\.)*`)
    | (?P<string>"(?:[^"\\]|\\.)*")
    | (?P<comment>//.*)
    | (?P<range>-?\d+(?:\.\d+)?\.\.-?\d+(?:\.\d+)?)
    | (?P<number>-?\d+(?:\.\d+)?%?)
    | (?P<word>[^\W\d][\w]*)
    | (?P<arrow>->)
    | (?P<punct>\S)
    )""", re.VERBOSE)
ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}


def unescape(text):
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append(ESCAPES.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def tokens(line):
    """(kind, value) pairs of one line; names and strings unquoted, comments dropped."""
    out = []
    pos = 0
    while pos < len(line):
        m = TOKEN.match(line, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        kind = m.lastgroup
        if kind is None or kind == "comment":
            continue
        value = m.group(kind)
        if kind in ("name", "string"):
            value = unescape(value[1:-1])
            kind = "word" if kind == "name" else "string"
        out.append((kind, value))
    return out


def names_until(toks, stop=()):
    """Comma-separated names from the start of toks, up to a word in stop; and the rest."""
    names = []
    i = 0
    while i < len(toks):
        kind, value = toks[i]
        if kind == "word" and value in stop:
            break
        if kind in ("word", "string"):
            names.append(value)
        elif value != ",":
            break
        i += 1
    return names, toks[i:]


class Experiment:
    def __init__(self):
        self.task = None
        self.target = None
        self.positive = None
        self.metric = None
        self.id = None
        self.types = {}  # column -> category | text | date | number | integer | boolean
        self.missing = ["", "NA"]
        self.holdout = 0.2
        self.split_none = False  # `split none`: no holdout, cross-validation on all rows
        self.stratified = False
        self.seed = 42
        self.drop = []
        self.impute = {}  # column -> median | mean | mode | constant text
        self.standardize = set()
        self.onehot = {}  # column -> top N or None
        self.text = {}  # column -> (vectorizer, max features)
        self.dateparts = {}  # column -> parts
        self.selectors = []  # (transform, kind, columns excepted, {option: value}) for `TRANSFORM all KIND`
        self.models = []  # (kind, name, {param: text})
        self.folds = None  # None: holdout only
        self.cv_stratified = False
        self.select = None
        self.unknown = []


def read(path):
    with open(path, encoding="utf-8") as f:
        return parse(f.read())


def parse(text):
    e = Experiment()
    stack = []
    for raw in text.splitlines():
        toks = tokens(raw)
        if not toks:
            continue
        words = [v for k, v in toks]
        if words == ["}"]:
            if stack:
                stack.pop()
            continue
        if words[-1] == "{" and words.count("{") == 1:
            stack.append(words[0])
            continue
        block = stack[-1] if stack else None
        outer = stack[-2] if len(stack) > 1 else None
        try:
            statement(e, block, outer, toks, words)
        except (ValueError, IndexError):
            e.unknown.append(raw.strip())
    return e


def statement(e, block, outer, toks, words):
    head = words[0]
    if block == "scope":
        if head == "task":
            e.task = words[1]
        elif head == "target":
            e.target = words[1]
        elif head == "positive":
            e.positive = words[1]
        elif head == "metric":
            e.metric = words[1]
    elif block == "types" or (block == "data" and head == "types"):
        body = toks[2:-1] if head == "types" else toks  # inline `types { a: x, b: y }`
        i = 0
        while i < len(body):
            name, colon, kind = body[i][1], body[i + 1][1], body[i + 2][1]
            if colon != ":":
                raise ValueError
            e.types[name] = kind
            i += 3
            while i < len(body) and body[i][0] == "string":  # a date format
                i += 1
            if i < len(body) and body[i][1] == ",":
                i += 1
    elif block == "data":
        if head == "id":
            e.id = words[1]
        elif head == "missing":
            e.missing = [v for k, v in toks[1:] if k == "string"]
        elif head == "split":
            e.split_none = words[1:2] == ["none"]
            for k, v in toks[1:]:
                if k == "number" and v.endswith("%"):
                    e.holdout = float(v[:-1]) / 100
            e.stratified = "stratified" in words
            if "seed" in words:
                e.seed = int(words[words.index("seed") + 1])
    elif block == "features":
        features(e, toks, words)
    elif block == "models":
        kind = head
        name = words[1] if len(words) > 1 and words[1] != "{" else kind
        params = {}
        if "{" in words:
            inner = toks[words.index("{") + 1:-1]
            key, value = None, []
            for k, v in inner + [("punct", ",")]:
                if v == ",":
                    if key is not None:
                        params[key] = " ".join(value)
                    key, value = None, []
                elif key is None:
                    key = v
                else:
                    value.append(v)
        e.models.append((kind, name, params))
    elif block == "evaluate":
        if head == "cv":
            e.folds = int(words[1])
            e.cv_stratified = "stratified" in words
        elif head == "select":
            e.select = words[-1]


SELECTOR_KINDS = {"numeric": ("number", "integer"), "categorical": ("category",), "boolean": ("boolean",),
                  "text": ("text",), "date": ("date",)}


def selected(e, transform, column, col_type):
    """The options of the selector of this transform that picks the column (a type as sk.py reads it), or None."""
    for head, kind, excepted, options in e.selectors:
        if head == transform and col_type in SELECTOR_KINDS.get(kind, ()) and column not in excepted:
            return options
    return None


def features(e, toks, words):
    head = words[0]
    rest = toks[1:]
    if len(words) >= 3 and words[1] == "all" and head != "drop":
        # `standardize all numeric except a, b max 9`: resolved per column by selected()
        tail = toks[3:]
        excepted = []
        if tail and tail[0][1] == "except":
            excepted, tail = names_until(tail[1:], stop=("with", "top", "min", "max", "ngrams", "into", "to"))
        tail_words = [v for k, v in tail]
        options = {tail_words[i]: tail_words[i + 1] for i in range(0, len(tail_words) - 1, 2)}
        e.selectors.append((head, words[2], set(excepted), options))
    elif head == "drop":
        names, _ = names_until(rest)
        e.drop += names
    elif head == "impute":
        names, tail = names_until(rest, stop=("with",))
        how = tail[1][1] if len(tail) > 1 else "median"
        for n in names:
            e.impute[n] = how
    elif head == "standardize":
        names, _ = names_until(rest)
        e.standardize.update(names)
    elif head == "onehot":
        names, tail = names_until(rest, stop=("top", "min"))
        top = None
        tail_words = [v for k, v in tail]
        if "top" in tail_words:
            top = int(tail_words[tail_words.index("top") + 1])
        for n in names:
            e.onehot[n] = top
    elif head in ("tfidf", "bagofwords"):
        names, tail = names_until(rest, stop=("max", "min", "ngrams"))
        tail_words = [v for k, v in tail]
        top = int(tail_words[tail_words.index("max") + 1]) if "max" in tail_words else None
        for n in names:
            e.text[n] = (head, top)
    elif head == "dateparts":
        names, tail = names_until(rest, stop=())
        parts, _ = names_until(tail[1:]) if tail and tail[0][1] == "->" else ([], None)
        for n in names:
            e.dateparts[n] = parts or ["year", "month", "weekday"]
    else:
        e.unknown.append(" ".join(words))
