// The broken sample: the build failed on the checker's diagnostic, printed as `mlx check` prints it, without a stack trace.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('[ERROR] error[MLX0311]: unknown hyperparameter `max_dept` for model `cart`')
assert log.contains('[ERROR]   --> src/main/mlx/flowers.mlx:13:12')
assert log.contains('help: did you mean `max_depth`?')
assert log.contains('Failed to execute goal dev.mlx:mlx-maven-plugin:' + mlxVersion + ':check (default) on project broken: '
        + 'error: 1 error in 1 of 1 file (mlx explain CODE describes each code)')
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'a stack trace in the build log'
return true
