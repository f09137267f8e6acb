'use strict';
// How the language server is started, from the settings: kept apart from the client so that it
// can be tested without VS Code.
const os = require('node:os');

/**
 * The command line of the language server. `get(key, fallback)` reads a setting of the `mlx`
 * section, as vscode.WorkspaceConfiguration.get does.
 */
function serverCommand(get) {
  const configured = String(get('path', 'mlx') || '').trim();
  let command = configured === '' ? 'mlx' : configured;
  if (command === '~' || command.startsWith('~/')) {
    command = os.homedir() + command.slice(1);
  }
  const extra = get('lsp.args', []);
  const args = ['lsp', ...(Array.isArray(extra) ? extra.map(String) : [])];
  return { command, args };
}

module.exports = { serverCommand };
