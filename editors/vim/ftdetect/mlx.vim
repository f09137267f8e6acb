" .mlx files are mlx experiments.
autocmd BufRead,BufNewFile *.mlx setfiletype mlx
