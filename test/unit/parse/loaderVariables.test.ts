// PERL5OPT's -M switch is pasted into `use …;`, so `-Mstrict;system(…)`
// runs code in every perl the line starts (parse/loaderVariables.ts). It was
// judged only for a module loaded from a temp folder, and passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

test('code written into a PERL5OPT -M switch asks; a module loaded by name stays quiet', () => {
  const { decide, ids } = engine();
  for (const c of [
    `PERL5OPT='-Mstrict;system(q(rm),q(-rf),q(/srv/data))' perl -e 1`,
    `PERL5OPT='-w -MO=Deparse;exec(q(sh))' perl x.pl`,
    `env PERL5OPT='-mstrict;unlink(glob(q(~/.ssh/*)))' perl -e 1`,
    'PERL5OPT=-M/tmp/x perl script.pl',
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    `PERL5OPT=-MData::Dumper perl -e 'print Dumper([1])'`,
    'PERL5OPT=-w perl -e 1',
    'PERL5OPT=-MO=Deparse perl -e 1',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});

// The JDK, the Go toolchain, the C and Rust compilers and the JVM options build tools pass on were not among the
// variables read: `JAVA_HOME=/tmp/x mvn test` ran /tmp/x/bin/java, `CC=/tmp/x/cc make` the compiler planted there.
test('a toolchain, a compiler or a JVM agent set on the line from a temp folder asks; the usual ones stay quiet', () => {
  const { decide, ids } = engine();
  for (const c of [
    'JAVA_HOME=/tmp/x mvn test',
    'export JAVA_HOME=/tmp/x; ./gradlew build',
    'GOROOT=/tmp/go go build ./...',
    'CC=/tmp/x/cc make',
    'CXX=/dev/shm/cxx cmake --build .',
    'RUSTC=/tmp/x/rustc cargo build',
    'PYTHON=/tmp/x/python npm install',
    'MAVEN_OPTS="-javaagent:/tmp/a.jar" mvn test',
    'GRADLE_OPTS="-Xmx2g -javaagent:/tmp/a.jar" ./gradlew build',
    'JAVA_OPTS=-agentpath:/tmp/a.so java -jar app.jar',
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    'JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 mvn test',
    'JAVA_HOME=$HOME/.sdkman/candidates/java/current ./gradlew build',
    'GOROOT=/usr/local/go go build ./...',
    'CC=clang make',
    'CC="ccache gcc" make',
    'RUSTC=rustc cargo build',
    'PYTHON=python3 npm install',
    'MAVEN_OPTS="-Xmx2g" mvn package',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
