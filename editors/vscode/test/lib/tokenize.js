'use strict';
// Tokenizes .mlx text with the engine VS Code itself uses (vscode-textmate on the Oniguruma
// regex library compiled to WebAssembly), so the tests see exactly the scopes an editor shows.
const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const GRAMMAR = path.join(__dirname, '..', '..', 'syntaxes', 'mlx.tmLanguage.json');
let grammarPromise;

function loadGrammar() {
  if (!grammarPromise) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength))
      .then(() => ({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }));
    const registry = new vsctm.Registry({
      onigLib,
      loadGrammar: async (scopeName) => scopeName === 'source.mlx'
        ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR)
        : null,
    });
    grammarPromise = registry.loadGrammar('source.mlx');
  }
  return grammarPromise;
}

/** Every token of `text`: { line (1-based), column (1-based), text, scopes (without source.mlx) }. */
async function tokenize(text) {
  const grammar = await loadGrammar();
  const lines = text.split(/\r?\n/);
  const out = [];
  let state = vsctm.INITIAL;
  lines.forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const tokenText = line.substring(t.startIndex, t.endIndex);
      out.push({ line: i + 1, column: t.startIndex + 1, text: tokenText, scopes: t.scopes.slice(1) });
    }
    state = r.ruleStack;
  });
  return out;
}

/** One line per token that has a scope: `line:col text  scope scope ...`; blank text is skipped. */
function snapshot(tokens) {
  return tokens
    .filter((t) => t.text.trim() !== '' && t.scopes.length > 0)
    .map((t) => `${t.line}:${t.column} ${JSON.stringify(t.text)}  ${t.scopes.join(' ')}`)
    .join('\n') + '\n';
}

module.exports = { tokenize, snapshot };
