// The broken sample: the build failed on the checker's diagnostic, printed as `mlx check` prints it, without a stack trace.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('[ERROR] error[MLX0311]: unknown hyperparameter `max_dept` for model `cart`')
assert log.contains('[ERROR]   --> src/main/mlx/flowers.mlx:13:12')
assert log.contains('help: did you mean `max_depth`?')
assert log.contains('error: 1 error; 1 of 1 file not compiled')
assert !log.contains('Exception') : 'a stack trace in the build log'
assert !new File(basedir, 'target/mlx/flowers.jar').exists()
return true
