// The passing sample: the build compiled and checked the experiment, attached its jar, and the jar runs it.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('compiled src/main/mlx/flowers.mlx -> target/mlx/flowers.jar')
assert log.contains('checked 1 file: no errors, no warnings')

def jar = new File(basedir, 'target/mlx/flowers.jar')
assert jar.isFile() : 'no jar at ' + jar

// attached under the experiment's name as classifier, so `mvn install` put it beside the project's own jar
assert new File(localRepositoryPath, 'dev/mlx/it/passing/1.0/passing-1.0-flowers.jar').isFile()

def java = new File(System.getProperty('java.home'), 'bin/java').path
def run(List<String> command) {
    def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
    def output = process.inputStream.text
    assert process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)
    return [process.exitValue(), output]
}

def (helpCode, help) = run([java, '-jar', jar.path, '--help'])
assert helpCode == 0 : help
assert help.contains('flowers')

// A real run on the project's data: the params override compiled in (folds 3) and a run.json that passed.
def out = new File(basedir, 'target/flowers-run')
def (runCode, runOutput) = run([java, '-Xmx512m', '-jar', jar.path, '--out', out.path, '--threads', '1'])
assert runCode == 0 : runOutput
def runJson = new File(out, 'run.json')
assert runJson.isFile() : runOutput
def result = new groovy.json.JsonSlurper().parse(runJson)
assert result.status == 'passed' : result.status
assert result.evaluation.cv.folds == 3 : 'the pom\'s <params><folds>3</folds></params> did not reach the jar'
println "flowers.jar ran: " + runOutput.readLines().findAll { it.contains('selected') || it.contains('passed') }.join(' | ')
return true
