#!/usr/bin/env bash
# Installs the mlx command from this checkout: builds mlx-cli/target/mlx.jar with Maven (tests skipped),
# copies it to PREFIX/lib/mlx/, writes the launcher PREFIX/bin/mlx and the bash and zsh completions.
#
#   ./install.sh                    # PREFIX = ~/.local  (then make sure ~/.local/bin is on your PATH)
#   ./install.sh --prefix /usr/local
#   ./install.sh --uninstall [--prefix DIR]
#   ./install.sh --no-build           # install the mlx-cli/target/mlx.jar already built
#
# Needs JDK 17+ and Maven. The installed launcher needs only Java: it does not depend on this checkout.
set -euo pipefail

prefix="${HOME}/.local"
uninstall=false
build=true
while (($#)); do
    case "$1" in
        --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --uninstall) uninstall=true; shift ;;
        --no-build) build=false; shift ;;
        -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument \`$1\` (see --help)" >&2; exit 2 ;;
    esac
done

bin="$prefix/bin/mlx"
lib="$prefix/lib/mlx"
bash_completion="$prefix/share/bash-completion/completions/mlx"
zsh_completion="$prefix/share/mlx/completion.zsh"

if $uninstall; then
    rm -f "$bin" "$bash_completion"
    rm -rf "$lib" "$(dirname "$zsh_completion")"
    echo "removed mlx from $prefix"
    exit 0
fi

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
command -v java >/dev/null || { echo "install.sh: java (JDK 17+) is not on the PATH" >&2; exit 1; }
command -v mvn >/dev/null || { echo "install.sh: mvn (Maven) is not on the PATH" >&2; exit 1; }

if $build; then
    echo "building mlx (mvn -q -Dmaven.test.skip=true package) ..."
    (cd "$root" && mvn -B -q -Dmaven.test.skip=true package)
elif [[ ! -f "$root/mlx-cli/target/mlx.jar" ]]; then
    echo "install.sh: --no-build, but mlx-cli/target/mlx.jar is not built" >&2
    exit 1
fi

mkdir -p "$prefix/bin" "$lib" "$(dirname "$bash_completion")" "$(dirname "$zsh_completion")"
install -m 0644 "$root/mlx-cli/target/mlx.jar" "$lib/mlx.jar"
install -m 0644 "$root/LICENSE" "$root/NOTICE" "$root/THIRD-PARTY.md" "$lib/"
# The language server's class archive for this jar and this JDK (about half of a cold `initialize`;
# bench/README.md, "cold paths"); without one the launcher starts the server plainly.
rm -f "$lib/mlx-lsp.jsa"
bash "$root/mlx-cli/src/main/sh/lsp-archive.sh" "$lib/mlx.jar" "$lib/mlx-lsp.jsa" \
    || echo "note: no class archive for the language server (this JDK could not write one); it starts without"

cat >"$bin.tmp" <<'LAUNCHER'
#!/usr/bin/env bash
# mlx, installed by install.sh: runs the tool jar beside this launcher's lib/mlx/.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
jar="$here/../lib/mlx/mlx.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
case "${1:-}" in
    # long-lived servers: the JIT's full tiers and the default collector earn their keep
    serve) exec "$java" -jar "$jar" "$@" ;;
    # the language server maps the classes an editor's start loads from the archive written at install
    # (an archive this JDK cannot map, e.g. after a JDK update, is skipped without a word)
    lsp) [[ -f "$here/../lib/mlx/mlx-lsp.jsa" ]] \
             && exec "$java" -XX:SharedArchiveFile="$here/../lib/mlx/mlx-lsp.jsa" -Xlog:cds=off,cds+dynamic=off -jar "$jar" "$@"
         exec "$java" -jar "$jar" "$@" ;;
    # experiments: C1 alone takes about half the CPU time up to some 100,000s of rows; MLX_JIT=full for more
    run | retrain | feedback) [[ "${MLX_JIT:-}" == full ]] && exec "$java" -jar "$jar" "$@" ;;
esac
# checks, formatting, experiments and the rest: start fast
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" "$@"
LAUNCHER
chmod 0755 "$bin.tmp"
mv -f "$bin.tmp" "$bin"

"$bin" completion bash >"$bash_completion"
"$bin" completion zsh >"$zsh_completion"

echo "installed: $bin ($("$bin" --version))"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
echo "completion: bash loads $bash_completion (with the bash-completion package);"
echo "            zsh: add \`source $zsh_completion\` to ~/.zshrc"
