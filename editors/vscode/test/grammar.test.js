'use strict';
// The TextMate grammar tokenized by VS Code's own engine: every example's scopes against a
// committed snapshot, and explicit checks that each kind of token gets the scope themes colour.
// UPDATE_SNAPSHOTS=1 rewrites the snapshots (review the diff before committing).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { tokenize, snapshot } = require('./lib/tokenize');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SNAPSHOTS = path.join(__dirname, 'snapshots');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

function examples() {
  const dir = path.join(ROOT, 'examples');
  const out = [];
  for (const d of fs.readdirSync(dir).sort()) {
    const sub = path.join(dir, d);
    if (!fs.statSync(sub).isDirectory()) continue;
    for (const f of fs.readdirSync(sub).sort()) {
      if (f.endsWith('.mlx')) out.push(path.join(sub, f));
    }
  }
  return out;
}

function docSnippets() {
  const text = fs.readFileSync(path.join(ROOT, 'docs', 'language.md'), 'utf8');
  const out = [];
  const re = /^```mlx\n([\s\S]*?)^```$/gm;
  let m;
  while ((m = re.exec(text)) !== null) {
    out.push({ line: text.slice(0, m.index).split('\n').length + 1, text: m[1] });
  }
  return out;
}

function checkSnapshot(name, actual) {
  const file = path.join(SNAPSHOTS, name + '.snap');
  if (UPDATE) {
    fs.mkdirSync(SNAPSHOTS, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `no snapshot ${path.relative(ROOT, file)}: run with UPDATE_SNAPSHOTS=1 and review it`);
  const expected = fs.readFileSync(file, 'utf8');
  if (actual !== expected) {
    const a = actual.split('\n');
    const e = expected.split('\n');
    const i = a.findIndex((l, k) => l !== e[k]);
    assert.fail(`${name}: scopes differ from ${path.relative(ROOT, file)} first at snapshot line ${i + 1}\n` +
      `  expected: ${e[i]}\n  actual:   ${a[i]}\n(UPDATE_SNAPSHOTS=1 rewrites the snapshot when the change is intended)`);
  }
}

/** The innermost scope of the `nth` token whose text is `word` on the first line containing `lineText`. */
function scopeOf(tokens, source, lineText, word, nth = 0) {
  const lines = source.split(/\r?\n/);
  const lineNo = lines.findIndex((l) => l.includes(lineText)) + 1;
  assert.ok(lineNo > 0, `no line contains ${JSON.stringify(lineText)}`);
  const hits = tokens.filter((t) => t.line === lineNo && t.text.trim() === word);
  assert.ok(hits.length > nth, `no token ${JSON.stringify(word)} on line ${lineNo}: ${lines[lineNo - 1]}`);
  return hits[nth].scopes[hits[nth].scopes.length - 1];
}

function expectScopes(tokens, source, cases) {
  for (const [lineText, word, scope, nth] of cases) {
    assert.equal(scopeOf(tokens, source, lineText, word, nth), scope,
      `${JSON.stringify(word)} in ${JSON.stringify(lineText)}`);
  }
}

for (const file of examples()) {
  const name = path.basename(file, '.mlx');
  test(`example ${name}: scopes match the snapshot`, async () => {
    const source = fs.readFileSync(file, 'utf8');
    const tokens = await tokenize(source);
    checkSnapshot(name, snapshot(tokens));
    // Nothing the grammar does not know is flagged: examples are valid mlx.
    const invalid = tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid.')));
    assert.deepEqual(invalid, [], 'valid examples have no invalid.* tokens');
    // Every block's braces balance: the file ends back at the top level.
    const last = tokens.filter((t) => t.text === '}').pop();
    assert.ok(!last.scopes.some((s) => s.startsWith('meta.block.')), 'the last brace closes the experiment');
  });
}

// The reference changes often, so its snippets are checked by property, not by snapshot: nothing
// is flagged invalid, and every complete experiment closes all its blocks.
test('docs/language.md: every mlx snippet tokenizes cleanly', async () => {
  const snippets = docSnippets();
  assert.ok(snippets.length >= 10, `expected the reference's mlx snippets, found ${snippets.length}`);
  for (const s of snippets) {
    const tokens = await tokenize(s.text);
    const invalid = tokens.filter((t) => t.scopes.some((x) => x.startsWith('invalid.')));
    if (!s.text.includes("'")) {
      assert.deepEqual(invalid.map((t) => t.text), [], `docs/language.md:${s.line}: invalid tokens`);
    }
    if (/^\s*experiment\b/.test(s.text.replace(/^\s*\/\/.*\n/gm, ''))) {
      const last = tokens.filter((t) => t.text === '}').pop();
      assert.ok(last && !last.scopes.some((x) => x.startsWith('meta.')),
        `docs/language.md:${s.line}: the last brace does not close the experiment`);
    }
  }
});

const C = {
  block: 'keyword.control.block.mlx',
  option: 'keyword.other.option.mlx',
  model: 'support.class.model.mlx',
  modelName: 'entity.name.model.mlx',
  metric: 'support.constant.metric.mlx',
  column: 'variable.other.column.mlx',
  transform: 'support.function.transform.mlx',
  fn: 'support.function.builtin.mlx',
  choice: 'constant.language.choice.mlx',
  type: 'storage.type.column.mlx',
  hyper: 'entity.other.attribute-name.hyperparameter.mlx',
  number: 'constant.numeric.mlx',
  unit: 'keyword.other.unit.mlx',
  percent: 'keyword.other.unit.percent.mlx',
  range: 'keyword.operator.range.mlx',
  compare: 'keyword.operator.comparison.mlx',
  arith: 'keyword.operator.arithmetic.mlx',
  arrow: 'keyword.operator.arrow.mlx',
  assign: 'keyword.operator.assignment.mlx',
  param: 'variable.other.param.mlx',
  string: 'string.quoted.double.mlx',
  comment: 'comment.line.double-slash.mlx',
  bool: 'constant.language.boolean.mlx',
};

test('each token class in the cars example', async () => {
  const source = fs.readFileSync(path.join(ROOT, 'examples', 'cars', 'cars.mlx'), 'utf8');
  const tokens = await tokenize(source);
  expectScopes(tokens, source, [
    ['experiment cars', 'experiment', C.block],
    ['experiment cars', 'cars', 'entity.name.experiment.mlx'],
    ['  scope {', 'scope', C.block],
    ['  features {', 'features', C.block],
    ['report "cars.html"', 'report', C.block],
    ['    seed = 42', 'seed', C.param],
    ['    seed = 42', '=', C.assign],
    ['task regression', 'task', C.option],
    ['task regression', 'regression', C.choice],
    ['target miles_per_gallon', 'target', C.option],
    ['target miles_per_gallon', 'miles_per_gallon', C.column],
    ['metric rmse', 'rmse', C.metric],
    ['require r2 >= 0.75 on cv', 'r2', C.metric],
    ['require r2 >= 0.75 on cv', '>=', C.compare],
    ['require r2 >= 0.75 on cv', '0.75', C.number],
    ['require r2 >= 0.75 on cv', 'on', C.option],
    ['source csv "data/cars.csv"', 'data/cars.csv', C.string],
    ['cylinders: integer', 'cylinders', C.column],
    ['cylinders: integer', 'integer', C.type],
    ['split holdout 20% seed $seed', '20', C.number],
    ['split holdout 20% seed $seed', '%', C.percent],
    ['split holdout 20% seed $seed', 'seed', C.option],
    ['split holdout 20% seed $seed', '$seed', C.param],
    ['plot histogram miles_per_gallon', 'histogram', C.choice],
    ['plot histogram miles_per_gallon', 'weight_in_lbs', C.column],
    ['missing(horsepower) <= 5%', 'missing', C.fn],
    ['missing(horsepower) <= 5%', 'horsepower', C.column],
    ['missing(miles_per_gallon) <= 3% warn', 'warn', C.option],
    ['cylinders in 3..8', 'cylinders', C.column],
    ['cylinders in 3..8', '..', C.range],
    ['cylinders in 3..8', '8', C.number],
    ['origin in {"USA"', 'USA', C.string],
    ['drop name', 'name', C.column],
    ['dateparts year -> year', 'dateparts', C.transform],
    ['dateparts year -> year', 'year', C.column, 0],
    ['dateparts year -> year', '->', C.arrow],
    ['dateparts year -> year', 'year', C.choice, 1],
    ['impute horsepower with median', 'median', C.choice],
    ['derive power_to_weight', 'power_to_weight', C.column],
    ['derive power_to_weight', 'weight_in_lbs', C.column],
    ['derive power_to_weight', '/', C.arith],
    ['derive power_to_weight', '*', C.arith],
    ['no missing', 'missing', C.option],
    ['    linear', 'linear', C.model],
    ['xgboost xgb {', 'xgboost', C.model],
    ['xgboost xgb {', 'xgb', C.modelName],
    ['xgboost xgb {', 'eta', C.hyper],
    ['knn { k 10, distance l2 }', 'l2', C.choice],
    ['tune xgb', 'tune', C.option],
    ['tune xgb', 'xgb', C.modelName],
    ['tune xgb', 'log', C.option],
    ['tune xgb', '0.01', C.number],
    ['tune xgb', 'rmse', C.metric],
    ['metrics rmse, mae, r2, mape', 'mape', C.metric],
    ['slices by origin', 'origin', C.column],
    ['dependence weight_in_lbs, horsepower', 'horsepower', C.column],
    ['// Cars (Auto MPG)', '//', 'punctuation.definition.comment.mlx'],
  ]);
});

test('token classes found elsewhere in the examples', async () => {
  const read = (n) => fs.readFileSync(path.join(ROOT, 'examples', n, n + '.mlx'), 'utf8');
  const penguins = read('penguins');
  expectScopes(await tokenize(penguins), penguins, [
    ['require latency p99 < 50 ms', 'latency', C.option],
    ['require latency p99 < 50 ms', 'p99', C.choice],
    ['require latency p99 < 50 ms', 'ms', C.unit],
    ['retrain every 90 days', 'days', C.unit],
    ['retrain every 90 days', 'drift', C.option],
    ['id penguin_id', 'penguin_id', C.column],
    ['abtest logistic vs xgb', 'logistic', C.modelName],
    ['abtest logistic vs xgb', 'vs', C.option],
    ['abtest logistic vs xgb', 'penguin_id', C.column],
    ['mlp net {', 'net', C.modelName],
    ['mlp net {', 'relu', C.choice],
    ['online macro_f1, kpi check_minutes min window 7 days', 'macro_f1', C.metric],
  ]);
  // the flagship keeps its feedback in the output folder's default store, so `store` is shown here
  const store = 'experiment s {\n  feedback {\n    store sqlite "logs/feedback.db"\n  }\n}\n';
  expectScopes(await tokenize(store), store, [
    ['store sqlite', 'sqlite', C.choice],
  ]);
  const text = read('text');
  expectScopes(await tokenize(text), text, [
    ['tfidf text max $vocabulary', 'tfidf', C.transform],
    ['tfidf text max $vocabulary', 'text', C.column],
    ['tfidf text max $vocabulary', 'max', C.option],
    ['tfidf text max $vocabulary', '$vocabulary', C.param],
    ['tfidf text max $vocabulary', '..', C.range],
    ['lime rows 3, 17', 'rows', C.option],
  ]);
});

test('strings, escapes, names in backticks and mistakes', async () => {
  const source = [
    'experiment `odd name` {',
    '  data {',
    '    source csv "data/a \\"quoted\\" file.csv"  // escapes',
    '    types { `unit price`: number, flag: boolean }',
    '    missing \'NA\'',
    '    split holdout 20% ordered by date',
    '  }',
    '  checks {',
    '    share(flag == true) >= 5% fail',
    '    `unit price` not in -1..1_000.5',
    '    "unterminated',
    '    rows > 0',
    '  }',
    '  deploy { serve port 8080 unknown reject }',
    '  feedback { abtest a vs b split 90/10 sticky by user_id shadow }',
    '  explain { lime 5 uncertain }',
    '  scope { retrain every 2 weeks; target y }',
    '  data { id größe_1 }',
    '}',
  ].join('\n');
  const tokens = await tokenize(source);
  expectScopes(tokens, source, [
    ['experiment `odd name`', '`odd name`', 'entity.name.experiment.mlx'],
    ['source csv', '\\"', 'constant.character.escape.mlx', 0],
    ['source csv', 'quoted', C.string],
    ['source csv', '// escapes'.slice(0, 2), 'punctuation.definition.comment.mlx'],
    ['types {', '`unit price`', C.column],
    ['types {', 'boolean', C.type],
    ["missing 'NA'", "'NA'", 'invalid.illegal.single-quoted.mlx'],
    ['ordered by date', 'date', C.column],
    ['share(flag == true)', 'share', C.fn],
    ['share(flag == true)', 'flag', C.column],
    ['share(flag == true)', '==', C.compare],
    ['share(flag == true)', 'true', C.bool],
    ['share(flag == true)', 'fail', C.option],
    ['not in -1..1_000.5', 'not', C.option],
    ['not in -1..1_000.5', '-', C.arith],
    ['not in -1..1_000.5', '1_000.5', C.number],
    ['"unterminated', 'unterminated', C.string],
    ['rows > 0', 'rows', C.option],
    ['serve port 8080', '8080', C.number],
    ['serve port 8080', 'reject', C.choice],
    ['abtest a vs b', 'b', C.modelName],
    ['abtest a vs b', 'user_id', C.column],
    ['abtest a vs b', 'shadow', C.option],
    ['lime 5 uncertain', 'uncertain', C.option],
    ['retrain every 2 weeks', 'weeks', C.unit],
    ['retrain every 2 weeks', ';', 'punctuation.terminator.statement.mlx'],
    ['retrain every 2 weeks', 'y', C.column],
    ['id größe_1', 'größe_1', C.column],
  ]);
  // An unterminated string stops at the end of its line: the next line is code again.
  assert.equal(scopeOf(tokens, source, 'rows > 0', '>'), C.compare);
});

test('a list of columns goes on after a trailing comma, and only then', async () => {
  const source = [
    'experiment x {',
    '  features {',
    '    standardize mean_radius, mean_texture,  // two lines',
    '      radius_error',
    '    drop a',
    '  }',
    '  explain { dependence a,',
    '    b }',
    '}',
  ].join('\n');
  const tokens = await tokenize(source);
  expectScopes(tokens, source, [
    ['standardize mean_radius', 'mean_texture', C.column],
    ['      radius_error', 'radius_error', C.column],
    ['    drop a', 'drop', C.option],
    ['    drop a', 'a', C.column],
    ['    b }', 'b', C.column],
  ]);
  assert.equal(scopeOf(tokens, source, '    b }', '}'), 'punctuation.section.block.end.mlx');
});
