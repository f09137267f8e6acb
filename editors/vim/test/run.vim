" Headless checks of the Vim support, run by VimSupportTest as
"   vim -N -u NONE -i NONE -es --cmd "let g:mlx_root='ROOT'" --cmd "let g:mlx_out='FILE'" -S editors/vim/test/run.vim
" Writes one line per failure (or "ok N checks") to g:mlx_out; exits non-zero on any failure.
let s:failures = []
let s:checks = 0
execute 'set runtimepath^=' . fnameescape(g:mlx_root . '/editors/vim')
filetype plugin indent on
syntax on

function! s:Fail(msg) abort
  call add(s:failures, a:msg)
endfunction

" The syntax group of the nth occurrence of `word` on the first line containing `text`.
function! s:GroupAt(text, word, nth) abort
  let lnum = 0
  for l in range(1, line('$'))
    if stridx(getline(l), a:text) >= 0
      let lnum = l
      break
    endif
  endfor
  if lnum == 0
    return 'no line contains ' . a:text
  endif
  let col = -1
  for i in range(a:nth + 1)
    let col = match(getline(lnum), '\V\<' . escape(a:word, '\') . '\>', col + 1)
  endfor
  if col < 0
    return 'no ' . a:word . ' on line ' . lnum
  endif
  return synIDattr(synID(lnum, col + 1, 1), 'name')
endfunction

function! s:Expect(file, cases) abort
  execute 'silent edit! ' . fnameescape(g:mlx_root . '/' . a:file)
  if &filetype !=# 'mlx'
    call s:Fail(a:file . ': filetype is "' . &filetype . '", not mlx')
    return
  endif
  for c in a:cases
    let s:checks += 1
    let got = s:GroupAt(c[0], c[1], len(c) > 3 ? c[3] : 0)
    if got !=# c[2]
      call s:Fail(printf('%s: %s in "%s": expected %s, got %s', a:file, c[1], c[0], c[2], got))
    endif
  endfor
endfunction

try
  call s:Expect('examples/cars/cars.mlx', [
        \ ['experiment cars', 'experiment', 'mlxBlock'],
        \ ['experiment cars', 'cars', 'mlxExperimentName'],
        \ ['  scope {', 'scope', 'mlxBlock'],
        \ ['report "cars.html"', 'report', 'mlxBlock'],
        \ ['seed = 42', 'seed', 'mlxParamName'],
        \ ['task regression', 'task', 'mlxOption'],
        \ ['task regression', 'regression', 'mlxChoice'],
        \ ['target miles_per_gallon', 'miles_per_gallon', 'mlxColumnAfter'],
        \ ['metric rmse', 'rmse', 'mlxMetric'],
        \ ['require r2 >= 0.75', 'r2', 'mlxMetric'],
        \ ['require r2 >= 0.75', '0', 'mlxNumber'],
        \ ['cylinders: integer', 'cylinders', 'mlxTypeColumn'],
        \ ['cylinders: integer', 'integer', 'mlxTypeName'],
        \ ['source csv "data/cars.csv"', 'data', 'mlxString'],
        \ ['split holdout 20% seed $seed', '20', 'mlxNumber'],
        \ ['split holdout 20% seed $seed', 'seed', 'mlxParam', 1],
        \ ['plot histogram', 'histogram', 'mlxChoice'],
        \ ['plot histogram', 'weight_in_lbs', 'mlxColumnName'],
        \ ['missing(horsepower) <= 5%', 'missing', 'mlxFunction'],
        \ ['missing(horsepower) <= 5%', 'horsepower', 'mlxColumnName'],
        \ ['missing(miles_per_gallon) <= 3% warn', 'warn', 'mlxOption'],
        \ ['cylinders in 3..8', 'cylinders', 'mlxColumnName'],
        \ ['cylinders in 3..8', '8', 'mlxNumber'],
        \ ['origin in {"USA"', 'Japan', 'mlxString'],
        \ ['drop name', 'name', 'mlxColumnName'],
        \ ['dateparts year -> year', 'dateparts', 'mlxTransform'],
        \ ['dateparts year -> year', 'year', 'mlxColumnName', 0],
        \ ['dateparts year -> year', 'year', 'mlxChoice', 1],
        \ ['impute horsepower with median', 'median', 'mlxWithValue'],
        \ ['derive power_to_weight', 'weight_in_lbs', 'mlxColumnName'],
        \ ['no missing', 'missing', 'mlxOption'],
        \ ['    linear', 'linear', 'mlxModel'],
        \ ['xgboost xgb {', 'xgb', 'mlxModelName'],
        \ ['xgboost xgb {', 'eta', 'mlxHyperName'],
        \ ['knn { k 10, distance l2 }', 'l2', 'mlxChoice'],
        \ ['tune xgb', 'xgb', 'mlxModelName'],
        \ ['tune xgb', 'log', 'mlxOption'],
        \ ['tune xgb', 'rmse', 'mlxMetric'],
        \ ['slices by origin', 'origin', 'mlxColumnName'],
        \ ['dependence weight_in_lbs, horsepower', 'horsepower', 'mlxColumnName'],
        \ ['// Cars (Auto MPG)', 'Cars', 'mlxComment'],
        \ ])
  call s:Expect('examples/penguins/penguins.mlx', [
        \ ['require latency p99 < 50 ms', 'ms', 'mlxUnit'],
        \ ['require latency p99 < 50 ms', 'p99', 'mlxChoice'],
        \ ['retrain every 90 days', 'days', 'mlxUnit'],
        \ ['id penguin_id', 'penguin_id', 'mlxColumnAfter'],
        \ ['abtest logistic vs xgb', 'logistic', 'mlxModelRef'],
        \ ['abtest logistic vs xgb', 'xgb', 'mlxModelRef'],
        \ ['abtest logistic vs xgb', 'penguin_id', 'mlxColumnAfter'],
        \ ['mlp net {', 'relu', 'mlxChoice'],
        \ ['online macro_f1, kpi check_minutes min window 7 days', 'macro_f1', 'mlxMetric'],
        \ ])
  call s:Expect('examples/text/text.mlx', [
        \ ['tfidf text max $vocabulary', 'tfidf', 'mlxTransform'],
        \ ['tfidf text max $vocabulary', 'text', 'mlxColumnName'],
        \ ['tfidf text max $vocabulary', 'max', 'mlxTransformOption'],
        \ ])
  " Characters that are not words: percent, range, escapes, a single-quoted mistake.
  silent enew!
  setfiletype mlx
  call setline(1, ['experiment x {', '  data { source csv "a\"b.csv"; missing ''NA''; split holdout 20% }',
        \ '  checks { age in 0..120 }', '  scope { target größe }', '}'])
  for [l, text, group] in [[2, '\"', 'mlxEscape'], [2, "'NA'", 'mlxSingleQuoted'], [2, '%', 'mlxPercent'], [3, '..', 'mlxRange'], [4, 'größe', 'mlxColumnAfter'], [4, 'target', 'mlxOption']]
    let s:checks += 1
    let c = stridx(getline(l), text) + 1
    let got = synIDattr(synID(l, c, 1), 'name')
    if got !=# group
      call s:Fail(printf('scratch %d:%d "%s": expected %s, got %s', l, c, getline(l)[c - 1], group, got))
    endif
  endfor
  " A list of columns goes on after a trailing comma, even with a comment after the comma.
  silent enew!
  setfiletype mlx
  call setline(1, ['experiment x {', '  features {', '    standardize mean_radius, mean_texture,  // two lines',
        \ '      radius_error', '    drop a  // one, two', '  }', '}'])
  for [l, text, group] in [[4, 'radius_error', 'mlxColumnName'], [5, 'drop', 'mlxOption'], [5, 'a', 'mlxColumnName'],
        \ [5, 'one', 'mlxComment']]
    let s:checks += 1
    let c = match(getline(l), '\<' . text . '\>') + 1
    let got = synIDattr(synID(l, c, 1), 'name')
    if got !=# group
      call s:Fail(printf('list %d:%d "%s": expected %s, got %s', l, c, text, group, got))
    endif
  endfor
  let s:checks += 2
  if &commentstring !=# '// %s'
    call s:Fail('commentstring is ' . &commentstring)
  endif
  if &shiftwidth != 2 || !&expandtab
    call s:Fail('indentation settings: shiftwidth ' . &shiftwidth . ', expandtab ' . &expandtab)
  endif

  " Re-indenting each example (all written by `mlx fmt`) changes nothing; neither does indenting
  " a flattened copy.
  for file in sort(glob(g:mlx_root . '/examples/*/*.mlx', 0, 1))
    execute 'silent edit! ' . fnameescape(file)
    let before = getline(1, '$')
    silent %s/^\s\+//e
    silent normal! gg=G
    let after = getline(1, '$')
    let s:checks += 1
    for i in range(len(before))
      if before[i] !=# after[i]
        call s:Fail(printf('%s:%d: indented as "%s", expected "%s"', fnamemodify(file, ':t'), i + 1, after[i], before[i]))
        break
      endif
    endfor
  endfor
catch
  call s:Fail('error: ' . v:exception . ' at ' . v:throwpoint)
endtry

call writefile(empty(s:failures) ? ['ok ' . s:checks . ' checks'] : s:failures, g:mlx_out)
if empty(s:failures)
  qall!
else
  cquit!
endif
