" Vim filetype plugin for mlx experiment files: comments and the formatter's layout (two spaces).
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=//\ %s
setlocal comments=://
setlocal formatoptions-=t formatoptions+=croql
setlocal expandtab shiftwidth=2 softtabstop=2 tabstop=8
setlocal suffixesadd=.mlx
setlocal iskeyword=@,48-57,_,192-255


let b:undo_ftplugin = "setlocal commentstring< comments< formatoptions< expandtab< shiftwidth< softtabstop<"
      \ . " tabstop< suffixesadd< iskeyword<"
