#!/usr/bin/env bash
# Writes a dynamic AppCDS archive (JDK 13+) for the language server: a short session over stdin
# (initialize, open the flagship example, shutdown, exit) records the classes an editor's start loads,
# most of the time before `initialize` is answered on a cold JVM (lsp4j, the checker, the catalog).
# Written to a temporary file and moved into place only when this JVM maps it (-Xshare:on), because a
# truncated archive crashes the JVM instead of being ignored. Used by ./mlx and by install.sh.
#   lsp-archive.sh JAR OUT        (the checkout is this script's ../../../..; JAVA_HOME is honoured)
set -uo pipefail
jar="$1"
out="$2"
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../../.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
tmp="$out.$$.tmp"

frame() { # one JSON-RPC message with its Content-Length header (in bytes: C locale)
    local LC_ALL=C
    printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"
}

text="$(sed 's/\\/\\\\/g; s/"/\\"/g; s/\t/\\t/g' "$root/examples/penguins/penguins.mlx" | awk '{printf "%s\\n", $0}')"
uri="file://$root/examples/penguins/penguins.mlx"
rm -f "$tmp"
{
    frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
    frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
    frame '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"'"$uri"'","languageId":"mlx","version":1,"text":"'"$text"'"}}}'
    sleep 3
    frame '{"jsonrpc":"2.0","id":2,"method":"shutdown","params":null}'
    frame '{"jsonrpc":"2.0","method":"exit","params":null}'
} | (cd "$root" && "$java" -XX:ArchiveClassesAtExit="$tmp" -jar "$jar" lsp) >/dev/null 2>&1 || true
if [[ -s "$tmp" ]] && "$java" -Xshare:on -XX:SharedArchiveFile="$tmp" -jar "$jar" --version >/dev/null 2>&1; then
    mv -f "$tmp" "$out"
else
    rm -f "$tmp" "$out"
    exit 1
fi
