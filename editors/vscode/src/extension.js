'use strict';
// The VS Code client: starts `mlx lsp` (the language server inside the mlx tool) over stdio for
// every .mlx file. Highlighting, brackets and snippets work without it; diagnostics, completion
// of column names, hover with column statistics, outline, formatting and fixes come from it.
const vscode = require('vscode');
const { LanguageClient, TransportKind, State } = require('vscode-languageclient/node');
const { serverCommand } = require('./server');

const SECTION = 'mlx';
let client;
let output;

function serverOptions() {
  const config = vscode.workspace.getConfiguration(SECTION);
  const { command, args } = serverCommand((key, fallback) => config.get(key, fallback));
  const run = { command, args, transport: TransportKind.stdio };
  return { run, debug: run };
}

function clientOptions() {
  return {
    documentSelector: [
      { scheme: 'file', language: 'mlx' },
      { scheme: 'untitled', language: 'mlx' },
    ],
    // The server reads the data a file names, so it must hear when that data changes on disk.
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{mlx,csv,tsv}'),
      // runQueries reaches the server as {"mlx": {"runQueries": ...}} whenever it changes.
      configurationSection: SECTION,
    },
    initializationOptions: {
      runQueries: vscode.workspace.getConfiguration(SECTION).get('runQueries', false),
    },
    outputChannel: output,
    traceOutputChannel: output,
  };
}

async function start() {
  if (!vscode.workspace.getConfiguration(SECTION).get('lsp.enabled', true)) {
    return;
  }
  client = new LanguageClient('mlx', 'mlx language server', serverOptions(), clientOptions());
  try {
    await client.start();
  } catch (err) {
    const command = serverOptions().run.command;
    const choice = await vscode.window.showErrorMessage(
      `mlx: could not start the language server with \`${command} lsp\` (${err && err.message ? err.message : err}). ` +
        'Install mlx or point the "mlx.path" setting at the mlx launcher.',
      'Open Settings',
    );
    if (choice === 'Open Settings') {
      vscode.commands.executeCommand('workbench.action.openSettings', 'mlx.path');
    }
    client = undefined;
  }
}

async function stop() {
  if (client) {
    const c = client;
    client = undefined;
    if (c.state === State.Running) {
      await c.stop();
    }
  }
}

async function restart() {
  await stop();
  await start();
}

function activate(context) {
  output = vscode.window.createOutputChannel('mlx');
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand('mlx.restartServer', restart));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlx.path') || e.affectsConfiguration('mlx.lsp')) {
        restart();
      }
    }),
  );
  return start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
