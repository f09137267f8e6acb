/**
 * Tests of the editor support under editors/: the keyword lists of the three grammars against the
 * lexer and the catalog, and each editor's own tests run with the real tool (node and vsce, vim,
 * emacs), failing with an "install X" message when the tool is missing.
 */
package dev.mlx.editors;
