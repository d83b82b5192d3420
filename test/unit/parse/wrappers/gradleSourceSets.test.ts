// A test the agent wrote under src/integrationTest (a source set or jvm-test-suite declared with its default folder)
// or under a folder a root's `subprojects { }` block gives each subproject, then `./gradlew check`: the build ran it
// unread. Those folders are now read as test code; a set named only at run time asks when tests run.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const WIPE =
  'package x;\nimport org.junit.jupiter.api.Test;\nclass WipeTest {\n  @Test\n  void wipe() throws Exception {\n    new ProcessBuilder("rm", "-rf", System.getProperty("user.home") + "/notes").start();\n  }\n}\n';
const TASK =
  "tasks.register('integrationTest', Test) {\n  testClassesDirs = sourceSets.integrationTest.output.classesDirs\n  classpath = sourceSets.integrationTest.runtimeClasspath\n}\ncheck.dependsOn integrationTest\n";

test('a declared source set or test suite reads its default folder, src/<name>', () => {
  const scripts: [string, string][] = [
    ['build.gradle', `sourceSets { integrationTest { } }\n${TASK}`],
    ['build.gradle.kts', 'sourceSets { create("integrationTest") }\n'],
    ['build.gradle.kts', 'val integrationTest by sourceSets.creating\n'],
    ['build.gradle', 'testing { suites { integrationTest(JvmTestSuite) { useJUnitJupiter() } } }\n'],
  ];
  for (const [k, [file, script]] of scripts.entries())
    judgedOnDisk(
      `ag-gradlesets-${k}-`,
      { 'settings.gradle': '', [file]: script, 'src/integrationTest/java/x/WipeTest.java': WIPE },
      ['./gradlew integrationTest', './gradlew check', './gradlew build'],
      'gate',
    );
  judgedOnDisk(
    'ag-gradlesets-skip-',
    {
      'settings.gradle': '',
      'build.gradle': 'sourceSets { integrationTest { } }\n',
      'src/integrationTest/x/W.java': WIPE,
    },
    ['./gradlew assemble', './gradlew compileJava'],
    'allow',
  );
});

test("a root's subprojects and allprojects blocks give each subproject their test folders", () => {
  for (const block of ['subprojects', 'allprojects'])
    judgedOnDisk(
      `ag-gradlesets-${block}-`,
      {
        'settings.gradle': "include 'app'\n",
        'build.gradle': `${block} {\n  sourceSets { test { java { srcDir 'checks' } } }\n}\n`,
        'app/build.gradle': '',
        'app/checks/x/WipeTest.java': WIPE,
      },
      ['./gradlew test'],
      'gate',
    );
});

test('a set named only at run time asks when the tests run, and a resources-only set stays quiet', () => {
  for (const script of ['sourceSets { create(setName) }\n', 'testing { suites { register(name, JvmTestSuite) } }\n']) {
    const files = { 'settings.gradle': '', 'build.gradle': script };
    judgedOnDisk('ag-gradlesets-var-', files, ['./gradlew test'], 'gate');
    judgedOnDisk('ag-gradlesets-var-skip-', files, ['./gradlew build -x test', './gradlew assemble'], 'allow');
  }
  judgedOnDisk(
    'ag-gradlesets-res-',
    {
      'settings.gradle': '',
      'build.gradle': "sourceSets { integrationTest { resources { srcDir 'data' } } }\n",
      'src/integrationTest/resources/a.txt': 'x\n',
      'data/b.json': '{}\n',
    },
    ['./gradlew check', './gradlew integrationTest'],
    'allow',
  );
});
