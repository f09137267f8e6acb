" Vim indent file for mlx: the layout `mlx fmt` writes. One level per open brace, bracket or
" parenthesis; a statement of a block that goes on after a trailing comma is indented one more.
if exists("b:did_indent")
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetMlxIndent(v:lnum)
setlocal indentkeys=0{,0},0],0),!^F,o,O
setlocal nolisp nosmartindent autoindent

let b:undo_indent = "setlocal indentexpr< indentkeys< lisp< smartindent< autoindent<"

if exists("*GetMlxIndent")
  finish
endif

let s:blocks = '\<\%(experiment\>.*\|params\|scope\|data\|review\|checks\|features\|inspect\|models\|evaluate\|explain\|deploy\|feedback\)\s*$'
let s:skip = 'synIDattr(synID(line("."), col("."), 0), "name") =~? "string\\|comment\\|quoted"'

" The line's code without a trailing // comment (strings may contain //, so skip them first).
function! s:Code(lnum) abort
  let line = getline(a:lnum)
  let line = substitute(line, '"\%(\\.\|[^"\\]\)*"', '""', 'g')
  let line = substitute(line, '`\%(\\.\|[^`\\]\)*`', '``', 'g')
  return substitute(line, '\s*//.*$', '', '')
endfunction

function! GetMlxIndent(lnum) abort
  let sw = shiftwidth()
  let save = getcurpos()
  call cursor(a:lnum, 1)
  let [olnum, ocol] = searchpairpos('[{[(]', '', '[}\])]', 'bnW', s:skip)
  call setpos('.', save)
  if olnum == 0
    return 0
  endif
  let base = indent(olnum)
  if getline(a:lnum) =~ '^\s*[}\])]'
    return base
  endif
  let ind = base + sw
  " A continuation line of a block's statement: the previous code line ends with a comma and the
  " innermost brace opens a block (not a type list, a set or hyperparameters).
  let opener = getline(olnum)[ocol - 1]
  let before = strpart(getline(olnum), 0, ocol - 1)
  let prev = prevnonblank(a:lnum - 1)
  while prev > olnum && getline(prev) =~ '^\s*//'
    let prev = prevnonblank(prev - 1)
  endwhile
  if opener ==# '{' && before =~ s:blocks && prev > olnum && s:Code(prev) =~ ',\s*$'
    let ind += sw
  endif
  return ind
endfunction
