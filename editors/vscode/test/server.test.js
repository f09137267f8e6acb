'use strict';
// The client's command line for `mlx lsp`, from the settings.
const test = require('node:test');
const assert = require('node:assert/strict');
const os = require('node:os');
const { serverCommand } = require('../src/server');

const settings = (values) => (key, fallback) => (key in values ? values[key] : fallback);

test('defaults to `mlx lsp` on the PATH', () => {
  assert.deepEqual(serverCommand(settings({})), { command: 'mlx', args: ['lsp'] });
  assert.deepEqual(serverCommand(settings({ path: '   ' })), { command: 'mlx', args: ['lsp'] });
});

test('mlx.path and mlx.lsp.args are used, ~ is the home folder', () => {
  assert.deepEqual(serverCommand(settings({ path: '/opt/mlx/mlx', 'lsp.args': ['--log', 'x'] })),
    { command: '/opt/mlx/mlx', args: ['lsp', '--log', 'x'] });
  assert.equal(serverCommand(settings({ path: '~/mlx/mlx' })).command, os.homedir() + '/mlx/mlx');
  assert.deepEqual(serverCommand(settings({ 'lsp.args': 'not a list' })).args, ['lsp']);
});
