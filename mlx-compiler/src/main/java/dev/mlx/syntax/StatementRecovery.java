package dev.mlx.syntax;

import dev.mlx.syntax.grammar.MlxLexer;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;

/**
 * Error recovery at statement granularity: after a syntax error, skip to the end of the statement
 * (a newline, `;` or a closing brace) so the rest of the block, and the blocks after it, still
 * parse. This keeps one mistake to one diagnostic and lets the language server keep working.
 */
final class StatementRecovery extends DefaultErrorStrategy {
    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        int depth = 0;
        while (true) {
            int t = recognizer.getInputStream().LA(1);
            if (t == Token.EOF) {
                break;
            }
            if (depth == 0 && (t == MlxLexer.NL || t == MlxLexer.SEMI || t == MlxLexer.RBRACE)) {
                break;
            }
            if (t == MlxLexer.LBRACE) {
                depth++;
            } else if (t == MlxLexer.RBRACE) {
                depth--;
            }
            recognizer.consume();
        }
        lastErrorIndex = recognizer.getInputStream().index();
        if (lastErrorStates == null) {
            lastErrorStates = new org.antlr.v4.runtime.misc.IntervalSet();
        }
        lastErrorStates.add(recognizer.getState());
    }
}
