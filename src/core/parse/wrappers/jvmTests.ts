// The tests Maven's and Gradle's test tasks compile and run: `mvn test` (and every phase after it: `package`,
// `verify`, `install`), surefire's and failsafe's goals, `gradle test`, `check`, `build` and the other test tasks
// run the Java, Kotlin, Groovy and Scala of each project's src/test/. An agent can write a test that deletes the
// home folder and then run the build. The test folders of the project and of the modules its pom or settings name
// are read as `go test` reads a package (compiledTests.ts): bounded, each file first met by the cheap look for the
// words the code readers act on, a folder the line writes into earlier asked about. `-DskipTests`,
// `-Dmaven.test.skip`, `-x test` and the tasks that run no tests (`mvn compile`, `gradle assemble`) read none.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { readFiles, sourceFiles, writtenBefore, type Budget } from './compiledTests';
import { pastBound } from './testFiles';

/** The source files of the JVM languages the code reader reads as one ('jvm'). */
const JVM_SOURCES = /\.(?:java|kt|groovy|scala)$/;
/** Projects whose tests one call reads: the bound on poms and subprojects the build readers already keep. */
const MAX_PROJECTS = 64;

/** A project folder (relative to the working folder) and the test folders its build names besides src/test. */
export interface JvmProject {
  dir: string;
  /** Relative to the project's folder, or absolute. */
  tests: readonly string[];
}

/** Reads the test sources of each project, as the tests the call runs. */
export function readJvmTests(projects: readonly JvmProject[], p: Pending, scope: Scope, w: Walker, via: string): void {
  const budget: Budget = { dirs: 0, files: 0, bytes: 0, seen: new Set(), read: new Set(), over: false };
  const done = new Set<string>();
  // Projects past the bound would run their tests unread.
  if (projects.length > MAX_PROJECTS) pastBound(w, via, `projects (${MAX_PROJECTS})`);
  for (const project of projects.slice(0, MAX_PROJECTS)) {
    const base = path.resolve(scope.cwd, project.dir);
    for (const root of [path.join(base, 'src', 'test'), ...project.tests.map((t) => path.resolve(base, t))]) {
      if (done.has(root)) continue;
      done.add(root);
      // A project's src/test missing is no sign the line makes it (many have none); its folder missing is.
      if (writtenBefore(root, p, scope, w, via, base, true)) continue;
      readFiles('jvm', sourceFiles(root, scope, w, via, budget, JVM_SOURCES), p, scope, w, via, budget);
      if (budget.over) return;
    }
  }
}

/** Maven's phases from `test` on in its default lifecycle: each runs the surefire tests first. */
const MAVEN_TEST_PHASES = new Set([
  'test',
  'prepare-package',
  'package',
  'pre-integration-test',
  'integration-test',
  'post-integration-test',
  'verify',
  'install',
  'deploy',
]);
/** `surefire:test`, `failsafe:integration-test`, or the plugins' full coordinates. */
const MAVEN_TEST_GOAL =
  /^(?:surefire|failsafe|[\w.-]+:maven-(?:surefire|failsafe)-plugin(?::[\w.-]+)?):(?:test|integration-test)(?:@[\w.-]+)?$/;

/** Whether `mvn` with these phases, goals and `-D` properties runs the project's tests. */
export function mavenRunsTests(
  phases: readonly string[],
  goals: readonly string[],
  props: ReadonlyMap<string, string | undefined>,
): boolean {
  // `-DskipTests`, `-Dmaven.test.skip=true`; a value known only at run time may not skip them.
  const skips = (name: string) => props.has(name) && props.get(name) !== undefined && props.get(name) !== 'false';
  if (skips('skipTests') || skips('maven.test.skip')) return false;
  return phases.some((x) => MAVEN_TEST_PHASES.has(x)) || goals.some((g) => MAVEN_TEST_GOAL.test(g));
}

/** Gradle tasks that run tests: `test`, `check`, `build` and their dependents, and the `…Test`/`…Tests` tasks. */
const GRADLE_TEST_TASK = /^(?:check|build|buildNeeded|buildDependents|connectedCheck|\w*[tT]ests?)$/;
/** The tasks `-x test` keeps from running the unit tests. */
const UNIT_TEST_RUNS = /^(?:test|check|build|buildNeeded|buildDependents)$/;

/** Whether `gradle` asked for these tasks, with those `-x` excludes, runs tests; `suites` run by their own names. */
export function gradleRunsTests(
  tasks: readonly string[],
  excluded: readonly string[],
  suites: ReadonlySet<string> = new Set(),
): boolean {
  const last = (t: string) => t.slice(t.lastIndexOf(':') + 1);
  const noUnit = excluded.some((x) => last(x) === 'test');
  return tasks.some(
    (t) => suites.has(last(t)) || (GRADLE_TEST_TASK.test(last(t)) && !(noUnit && UNIT_TEST_RUNS.test(last(t)))),
  );
}
