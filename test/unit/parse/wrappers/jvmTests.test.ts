// A JUnit test the agent wrote to delete the home folder, then `mvn test` or `./gradlew build`: the build compiles
// and runs it, and the call was allowed unread. The test folders of the project and of the modules its pom or
// settings name are now read as test code; a build that skips the tests reads none, and an ordinary suite (a
// @TempDir, a temp folder made and walked away) stays allowed. Real files on disk, the engine as the hook runs it.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const POM =
  '<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>x</groupId>\n  <artifactId>app</artifactId>\n  <version>1.0</version>\n</project>\n';
const junit = (body: string) =>
  `package x;\nimport org.junit.jupiter.api.Test;\nclass WipeTest {\n  @Test\n  void wipe() throws Exception {\n    ${body}\n  }\n}\n`;
const WALK = junit(
  'java.nio.file.Files.walk(java.nio.file.Path.of("/home/dev/notes")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());',
);
const FILE = junit('new java.io.File("/home/dev/notes/todo.txt").delete();');
const EXEC = junit('Runtime.getRuntime().exec(new String[]{"rm", "-rf", "/home/dev/notes"});');
const BUILDER = junit('new ProcessBuilder("rm", "-rf", "/home/dev/notes").start();');

test('mvn test, package, verify and install read the tests of src/test, of each module', () => {
  for (const [k, body] of [WALK, FILE, EXEC, BUILDER].entries())
    judgedOnDisk(
      `ag-mvntest-${k}-`,
      { 'pom.xml': POM, 'src/test/java/x/WipeTest.java': body },
      ['mvn test', 'mvn -q test', 'mvn clean verify', 'mvn package', 'mvn install', './mvnw test', 'mvn surefire:test'],
      'gate',
    );
  judgedOnDisk(
    'ag-mvntest-mod-',
    {
      'pom.xml': POM.replace('</project>', '<modules><module>core</module></modules>\n</project>'),
      'core/pom.xml': POM,
      'core/src/test/java/x/WipeTest.java': EXEC,
    },
    ['mvn test', 'mvn -f pom.xml verify'],
    'gate',
  );
  judgedOnDisk(
    'ag-mvntest-skip-',
    { 'pom.xml': POM, 'src/test/java/x/WipeTest.java': EXEC },
    ['mvn -DskipTests package', 'mvn -Dmaven.test.skip=true install', 'mvn compile', 'mvn dependency:tree'],
    'allow',
  );
});

test('gradle test, check and build read the tests of the project and of its subprojects', () => {
  judgedOnDisk(
    'ag-gradletest-',
    { 'settings.gradle': "include 'lib'\n", 'build.gradle': '', 'lib/src/test/kotlin/x/WipeTest.kt': BUILDER },
    ['gradle test', './gradlew test', './gradlew build', './gradlew check', './gradlew :lib:test'],
    'gate',
  );
  judgedOnDisk(
    'ag-gradletest-skip-',
    { 'settings.gradle': '', 'build.gradle': '', 'src/test/java/x/WipeTest.java': WALK },
    ['./gradlew assemble', './gradlew build -x test', 'gradle compileJava'],
    'allow',
  );
});

test('a test folder the line writes into before the build is asked about', () => {
  judgedOnDisk(
    'ag-mvntest-unread-',
    { 'pom.xml': POM, 'build.gradle': '', 'src/test/java/x/OkTest.java': '' },
    ['echo "$CODE" > src/test/java/x/ZTest.java && mvn test', 'cp /opt/ZTest.java src/test/java/x/ && ./gradlew test'],
    'gate',
  );
});

test('an ordinary JUnit suite stays allowed', () => {
  judgedOnDisk(
    'ag-jvmtest-ok-',
    {
      'pom.xml': POM,
      'settings.gradle': '',
      'build.gradle': "plugins { id 'java' }\n",
      'src/test/java/x/OkTest.java':
        'package x;\nimport java.io.File;\nimport java.nio.file.*;\nimport java.util.Comparator;\nimport org.junit.jupiter.api.Test;\nimport org.junit.jupiter.api.io.TempDir;\n' +
        'class OkTest {\n  @TempDir Path dir;\n  @Test void adds() { org.junit.jupiter.api.Assertions.assertEquals(3, 1 + 2); }\n' +
        '  @Test void temp() throws Exception {\n    Path f = dir.resolve("a.txt");\n    Files.writeString(f, "x");\n    Files.delete(f);\n' +
        '    Path t = Files.createTempDirectory("x");\n    Files.walk(t).sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);\n  }\n}\n',
    },
    ['mvn test', 'mvn clean install', './gradlew build', './gradlew test'],
    'allow',
  );
});

test('a Kotlin walk deleting each file, and a Java stream held in a variable, read as deletes of the folder', () => {
  const kt = (body: string) =>
    `package x\nimport java.io.File\nimport org.junit.jupiter.api.Test\nclass WipeTest {\n  @Test fun wipe() {\n    ${body}\n  }\n}\n`;
  const bodies = [
    kt('File("/home/dev/notes").walkBottomUp().forEach { it.delete() }'),
    kt('File("/home/dev/notes").listFiles()?.forEach { f -> f.deleteRecursively() }'),
    junit(
      'try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(java.nio.file.Paths.get("/home/dev/notes"))) {\n      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());\n    }',
    ),
    junit(
      'var s = java.nio.file.Files.walk(java.nio.file.Paths.get("/home/dev/notes"));\n    s.map(java.nio.file.Path::toFile).forEach(java.io.File::delete);',
    ),
  ];
  for (const [k, body] of bodies.entries())
    judgedOnDisk(
      `ag-jvmwalk-${k}-`,
      { 'settings.gradle': '', 'build.gradle': '', 'pom.xml': POM, 'src/test/kotlin/x/WipeTest.kt': body },
      ['./gradlew test', 'mvn test'],
      'gate',
    );
  const temp = kt(
    'val t = kotlin.io.path.createTempDirectory().toFile()\n    t.walkBottomUp().forEach { it.delete() }',
  );
  judgedOnDisk(
    'ag-jvmwalk-ok-',
    { 'settings.gradle': '', 'build.gradle': '', 'src/test/kotlin/x/OkTest.kt': temp },
    ['./gradlew test'],
    'allow',
  );
});

test("the test folders a pom's build or a Gradle source set names are read too", () => {
  const gradle = [
    "sourceSets { test { java { srcDirs = ['checks'] } } }\n",
    "sourceSets {\n  test {\n    java {\n      srcDir 'checks'\n    }\n  }\n}\n",
    'sourceSets { main { java.srcDirs(\'src\') }\n  integrationTest { java.srcDir("$projectDir/checks") } }\n',
  ];
  for (const [k, script] of gradle.entries())
    judgedOnDisk(
      `ag-jvmdirs-g${k}-`,
      { 'settings.gradle': '', 'build.gradle': script, 'checks/x/WipeTest.java': EXEC },
      ['./gradlew test'],
      'gate',
    );
  judgedOnDisk(
    'ag-jvmdirs-kts-',
    {
      'settings.gradle.kts': '',
      'build.gradle.kts': 'sourceSets.test { kotlin.srcDir("checks") }\n',
      'checks/WipeTest.kt': BUILDER,
    },
    ['./gradlew test'],
    'gate',
  );
  judgedOnDisk(
    'ag-jvmdirs-mvn-',
    {
      'pom.xml': POM.replace(
        '</project>',
        '<build><testSourceDirectory>${project.basedir}/checks</testSourceDirectory></build>\n</project>',
      ),
      'checks/x/WipeTest.java': WALK,
    },
    ['mvn test'],
    'gate',
  );
  // A folder only known when Gradle runs asks, when the build runs the tests.
  const unknown = { 'settings.gradle': '', 'build.gradle': 'sourceSets { test { java { srcDirs = [dir] } } }\n' };
  judgedOnDisk('ag-jvmdirs-var-', unknown, ['./gradlew test'], 'gate');
  judgedOnDisk('ag-jvmdirs-var-skip-', unknown, ['./gradlew build -x test', './gradlew assemble'], 'allow');
  judgedOnDisk(
    'ag-jvmdirs-main-',
    {
      'settings.gradle': '',
      'build.gradle': 'sourceSets { main { java { srcDirs = [gen] } } }\n',
      'checks/x/OkTest.java': '',
    },
    ['./gradlew test'],
    'allow',
  );
});

test('a test deleting a folder joined onto the home (File(home, "x"), Path.of(home, "x"), .resolve("x")) is asked about', () => {
  const home = 'System.getProperty("user.home")';
  const bodies = [
    junit(`new File(${home}, "notes").delete();`),
    junit(`java.io.File home = new java.io.File(${home});\n    new java.io.File(home, "notes").deleteOnExit();`),
    junit(
      `java.nio.file.Files.walk(java.nio.file.Paths.get(${home}, "notes")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());`,
    ),
    junit(
      'java.nio.file.Files.walk(java.nio.file.Path.of(System.getenv("HOME")).resolve("notes")).map(java.nio.file.Path::toFile).forEach(java.io.File::delete);',
    ),
    junit(`org.apache.commons.io.FileUtils.deleteDirectory(new java.io.File(${home}, "notes"));`),
    junit(`FileSystemUtils.deleteRecursively(new File(${home}, "notes"));`),
  ];
  for (const [k, body] of bodies.entries())
    judgedOnDisk(
      `ag-jvmhome-${k}-`,
      { 'pom.xml': POM, 'settings.gradle': '', 'build.gradle': '', 'src/test/java/x/WipeTest.java': body },
      ['mvn test', './gradlew test'],
      'gate',
    );
  judgedOnDisk(
    'ag-jvmhome-kt-',
    {
      'settings.gradle': '',
      'build.gradle': '',
      'src/test/kotlin/x/WipeTest.kt': `package x\nimport java.io.File\nclass WipeTest {\n  fun wipe() {\n    File(${home}, "notes").deleteRecursively()\n  }\n}\n`,
    },
    ['./gradlew test'],
    'gate',
  );
  // The build's own folders, a temp file and the temp root stay quiet.
  judgedOnDisk(
    'ag-jvmhome-ok-',
    {
      'pom.xml': POM,
      'src/test/java/x/OkTest.java': junit(
        'new java.io.File("build/tmp").delete();\n    java.nio.file.Path f = java.nio.file.Files.createTempFile("a", ".txt");\n    java.nio.file.Files.deleteIfExists(f);\n' +
          '    java.nio.file.Files.walk(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "x")).map(java.nio.file.Path::toFile).forEach(java.io.File::delete);',
      ),
    },
    ['mvn test'],
    'allow',
  );
});
