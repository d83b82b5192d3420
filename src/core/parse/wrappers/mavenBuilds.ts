// Maven runs the plugins a pom.xml binds to the phases it is asked for: exec-maven-plugin runs its `<executable>`
// with its `<arguments>`, maven-antrun-plugin the `<exec>`, `<delete>` … of its Ant `<target>`. An agent can write
// the pom, then run `mvn package`. The pom (its modules, its parent) is read with a small bounded XML reader and each
// command found is walked as the command line it runs; a pom that will be read but cannot be (past a bound, not
// well formed) asks. `mvn exec:exec` runs the program its properties, or the pom's plugin configuration, name.
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { MAX_COMMANDS, readScript, walkLines } from './buildLines';
import { emitCodeReading } from './shells';
import { pastBound } from './testFiles';
import { mavenRunsTests, readJvmTests } from './jvmTests';
import { unknownSource } from './madeOnLine';
import { child, childrenNamed, descendants, localName, readXml, type XmlElement } from './xmlTree';
import { shellWord } from '../../text/shellWord';

/** Bounds the poms one call reads: the one named, its modules and parents. */
const MAX_POMS = 32;

/** Maven's lifecycles in order: a phase asked for runs every phase before it in its lifecycle. */
const LIFECYCLES = [
  'validate initialize generate-sources process-sources generate-resources process-resources compile process-classes generate-test-sources process-test-sources generate-test-resources process-test-resources test-compile process-test-classes test prepare-package package pre-integration-test integration-test post-integration-test verify install deploy',
  'pre-clean clean post-clean',
  'pre-site site post-site site-deploy',
].map((l) => l.split(' '));

/** mvn's options that take a value. */
const MVN_VALUES =
  /^(?:-f|--file|-s|--settings|-gs|--global-settings|-t|--toolchains|-l|--log-file|-P|--activate-profiles|-pl|--projects|-rf|--resume-from|-T|--threads|-b|--builder)$/;

interface Run {
  phases: string[];
  /** Plugin goals named on the line (`exec:exec`, `antrun:run`, or their full coordinates). */
  goals: string[];
  props: Map<string, string | undefined>;
  prog: string;
}

export function readMaven(prog: string, p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  if (argv.slice(1).some((a) => /^(?:-v|--version|-h|--help|-help)$/.test(a))) return;
  const run: Run = { phases: [], goals: [], props: new Map(), prog };
  let file = 'pom.xml';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const d = /^-D(.*)$/.exec(a);
    if (d || a === '-D') {
      const kv = d?.[1] || argv[++i] || '';
      const eq = kv.indexOf('=');
      run.props.set(eq < 0 ? kv : kv.slice(0, eq), p.dynamic[i] ? undefined : eq < 0 ? 'true' : kv.slice(eq + 1));
    } else if (a === '-f' || a === '--file' || a.startsWith('--file=')) {
      const k = a.startsWith('--file=') ? i : ++i;
      if (p.dynamic[k]) return pastBound(w, prog, 'a pom only known at run time');
      file = a.startsWith('--file=') ? a.slice(7) : (argv[k] ?? file);
    } else if (MVN_VALUES.test(a)) i++;
    else if (!a.startsWith('-')) (a.includes(':') ? run.goals : run.phases).push(a);
  }
  if (run.goals.some(isExecGoal)) cliExec(p, scope, w);
  if (run.goals.some((g) => /^(?:exec|org\.codehaus\.mojo:exec-maven-plugin(?::[\w.-]+)?):java(?:@[\w.-]+)?$/.test(g)))
    execJava(p, scope, w);
  if (!run.phases.length && !run.goals.length) return;
  const first = path.resolve(scope.cwd, /\.xml$/.test(file) ? file : path.join(file, 'pom.xml'));
  const via = `${prog} ${[...run.phases, ...run.goals].join(' ')}`;
  // The parent is read first, for the properties and plugins the module inherits; its own modules are not built.
  const parent = parentOf(first, scope, w);
  const queue = parent ? [parent, first] : [first];
  const props = new Map<string, Map<string, string>>();
  // `<build><testSourceDirectory>`, a module's own or the one its parent hands down, by pom.
  const testDirs = new Map<string, string>();
  for (let k = 0; k < queue.length; k++) {
    if (k >= MAX_POMS) return pastBound(w, prog, `poms (${MAX_POMS})`);
    const pom = queue[k];
    const rel = path.relative(scope.cwd, pom) || pom;
    const text = w.ctx.readFile(pom, scope.cwd);
    noteUnreadScript(rel, text, scope, w, `${prog} reading ${rel}`);
    if (text === undefined || text.length > MAX_SCRIPT_CHARS) continue;
    const root = readXml(text);
    if (!root) {
      w.addFinding(unreadPom(rel, prog));
      continue;
    }
    const dir = path.dirname(pom);
    const own = new Map(props.get(parentOf(pom, scope, w) ?? ''));
    for (const el of child(root, 'properties')?.children ?? []) own.set(localName(el), el.text);
    props.set(pom, own);
    const testDir = child(child(root, 'build'), 'testSourceDirectory')?.text.trim();
    const inherited = testDir || testDirs.get(parentOf(pom, scope, w) ?? '');
    if (inherited) testDirs.set(pom, inherited);
    const lines = pomCommands(root, run, own, dir);
    for (const what of lines.filter((l) => l.startsWith(UNREAD))) w.addFinding(unreadTask(rel, what.slice(1), prog));
    const inner = { ...scope, cwd: dir };
    for (const code of lines.filter((l) => l.startsWith(CODE)))
      emitCodeReading('jvm', code.slice(1), p, inner, w, `${via} (Groovy code of ${rel})`);
    walkLines(
      lines.filter((l) => !l.startsWith(UNREAD) && !l.startsWith(CODE)),
      rel,
      scope,
      w,
      via,
      dir,
    );
    if (pom === parent) continue;
    for (const m of childrenNamed(child(root, 'modules'), 'module')) {
      const f = path.resolve(dir, m.text, /\.xml$/.test(m.text) ? '' : 'pom.xml');
      if (!queue.includes(f)) queue.push(f);
    }
  }
  // The tests of the project and its modules, not the parent's: its own build does not run.
  if (!mavenRunsTests(run.phases, run.goals, run.props)) return;
  const projects = queue
    .filter((pom) => pom !== parent)
    .map((pom) => {
      const dir = path.dirname(pom);
      const named = testDirs.get(pom);
      const at = named === undefined ? undefined : mavenValue(named, run.props, props.get(pom) ?? new Map(), dir);
      // A folder named by a property the pom does not set is only known when Maven runs.
      if (at?.includes('${'))
        unknownSource(
          w,
          via,
          path.relative(scope.cwd, pom) || pom,
          'whose test sources are in a folder named only at run time',
        );
      return { dir, tests: at === undefined || at.includes('${') ? [] : [at] };
    });
  readJvmTests(projects, p, scope, w, via);
}

/** The parent pom a pom names (`<relativePath>`, `../pom.xml` by default) where it is in the workspace. */
function parentOf(pom: string, scope: Scope, w: Walker): string | undefined {
  const text = w.ctx.readFile(pom, scope.cwd);
  const parent = text && text.length <= MAX_SCRIPT_CHARS ? /<parent>([\s\S]*?)<\/parent>/.exec(text)?.[1] : undefined;
  if (parent === undefined) return undefined;
  const relative = /<relativePath>\s*([^<\s]*)\s*<\/relativePath>/.exec(parent)?.[1] ?? '../pom.xml';
  if (!relative) return undefined;
  const at = path.resolve(path.dirname(pom), relative);
  const file = /\.xml$/.test(at) ? at : path.join(at, 'pom.xml');
  return file !== pom && w.ctx.readFile(file, scope.cwd) !== undefined ? file : undefined;
}

/** Marks an Ant task that runs code or another build file, which is not read. */
const UNREAD = '\0';
/** Marks Groovy code a plugin runs. */
const CODE = '\u0001';

function unreadTask(rel: string, task: string, prog: string) {
  return parseFinding(
    'parse.too-complex',
    60,
    `\`${prog}\` runs ${task} of ${rel}: what it runs was not read, so a human must look at it`,
    rel,
  );
}

function isExecGoal(goal: string): boolean {
  return /^(?:exec|org\.codehaus\.mojo:exec-maven-plugin(?::[\w.-]+)?):exec(?:@[\w.-]+)?$/.test(goal);
}

function unreadPom(rel: string, prog: string) {
  return parseFinding(
    'parse.too-complex',
    60,
    `\`${prog}\` reads ${rel}, which AgentGuard could not read as XML: the plugins it runs were not judged, so a human must look at it`,
    rel,
  );
}

/** Whether a plugin execution bound to `phase` runs for the phases asked for; an unknown phase is taken to run. */
function phaseRuns(phase: string, run: Run): boolean {
  const life = LIFECYCLES.find((l) => l.includes(phase));
  if (!life) return run.phases.length > 0;
  return run.phases.some((asked) => life.indexOf(asked) >= life.indexOf(phase));
}

/** Plugins that run commands or code: the goals their executions bind, and the same goals named on the line. */
const PLUGINS: Readonly<Record<string, { goals: RegExp; cli: RegExp }>> = {
  'exec-maven-plugin': { goals: /^exec$/, cli: /^(?:exec|org\.codehaus\.mojo:exec-maven-plugin(?::[\w.-]+)?):(exec)$/ },
  'maven-antrun-plugin': { goals: /^run$/, cli: /^(?:antrun|[\w.]+:maven-antrun-plugin(?::[\w.-]+)?):(run)$/ },
  // frontend-maven-plugin's `npm` goal runs `npm <arguments>`, which runs the package's scripts.
  'frontend-maven-plugin': {
    goals: /^(?:npm|npx|yarn|pnpm|corepack|bun)$/,
    cli: /^(?:frontend|com\.github\.eirslett:frontend-maven-plugin(?::[\w.-]+)?):(npm|npx|yarn|pnpm|corepack|bun)$/,
  },
  // The Groovy plugins run the Groovy code their configuration holds.
  'gmavenplus-plugin': { goals: /^execute$/, cli: /^(?:gplus|[\w.]+:gmavenplus-plugin(?::[\w.-]+)?):(execute)$/ },
  'groovy-maven-plugin': { goals: /^execute$/, cli: /^(?:groovy|[\w.]+:groovy-maven-plugin(?::[\w.-]+)?):(execute)$/ },
};

/** The command lines (and, marked, the code and unread tasks) of the plugins this run reaches. */
function pomCommands(root: XmlElement, run: Run, own: Map<string, string>, dir: string): string[] {
  const lines: string[] = [];
  const word = (s: string): string => mavenWord(s, run.props, own, dir);
  for (const plugin of descendants(root, 'plugin')) {
    if (lines.length > MAX_COMMANDS) break;
    const artifact = child(plugin, 'artifactId')?.text ?? '';
    const id = artifact.includes('${') ? mavenValue(artifact, run.props, own, dir) : artifact;
    // A plugin named by a property that is not known here could be any of them.
    if (id.includes('${')) lines.push(`${UNREAD}a plugin named ${artifact}`);
    const kind = PLUGINS[id];
    if (!kind) continue;
    const base = child(plugin, 'configuration');
    const runs: [conf: XmlElement | undefined, goal: string][] = [];
    // `mvn exec:exec` / `mvn antrun:run` run the plugin's own configuration (and the `default-cli` execution's);
    // `exec:exec@id` the execution of that id.
    const cli = run.goals.map((g) => /^(.*?)(?:@([\w.-]+))?$/.exec(g)).filter((m) => m && kind.cli.test(m[1]));
    for (const m of cli) if (m && !m[2]) runs.push([base, kind.cli.exec(m[1])?.[1] ?? '']);
    for (const ex of childrenNamed(child(plugin, 'executions'), 'execution')) {
      const execId = child(ex, 'id')?.text ?? '';
      const conf = child(ex, 'configuration') ?? base;
      for (const m of cli)
        if (m && (m[2] === execId || (!m[2] && execId === 'default-cli')))
          runs.push([conf, kind.cli.exec(m[1])?.[1] ?? '']);
      if (execId === 'default-cli' || !phaseRuns(child(ex, 'phase')?.text || 'validate', run)) continue;
      for (const goal of childrenNamed(child(ex, 'goals'), 'goal'))
        if (kind.goals.test(goal.text)) runs.push([conf, goal.text]);
    }
    const setting = (conf: XmlElement | undefined, name: string) => child(conf, name) ?? child(base, name);
    for (const [conf, goal] of runs) {
      const cd = setting(conf, 'workingDirectory')?.text;
      const at = cd ? `cd ${word(cd)} && ` : '';
      if (id === 'maven-antrun-plugin') lines.push(...antCommands(child(conf, 'target') ?? child(conf, 'tasks'), word));
      else if (goal === 'execute') {
        const scripts = setting(conf, 'scripts');
        for (const code of [setting(conf, 'source'), ...(scripts ? descendants(scripts, 'script') : [])])
          if (code?.text) lines.push(CODE + code.text);
      } else if (id === 'frontend-maven-plugin') {
        const args = setting(conf, 'arguments')?.text ?? (goal === 'npm' ? 'install' : '');
        lines.push(at + [goal, ...args.split(/\s+/).filter((x) => x)].map(word).join(' '));
      } else {
        const exe = setting(conf, 'executable');
        if (!exe) continue;
        const args = childrenNamed(setting(conf, 'arguments'), 'argument').map((x) => x.text);
        const raw = setting(conf, 'commandlineArgs')?.text ?? '';
        const words = [exe.text, ...args, ...raw.split(/\s+/)].filter((x) => x);
        lines.push(at + words.map(word).join(' '));
      }
    }
  }
  return lines;
}

/** Ant tasks that run programs or delete: `<exec>`/`<apply>` with their `<arg>`s, `<delete dir|file>`, filesets. */
function antCommands(target: XmlElement | undefined, word: (s: string) => string): string[] {
  if (!target) return [];
  const lines: string[] = [];
  const visit = (el: XmlElement): void => {
    for (const task of el.children) {
      const name = localName(task);
      if (name === 'exec' || name === 'apply') {
        const args = childrenNamed(task, 'arg').flatMap((a) =>
          a.attrs.line !== undefined
            ? a.attrs.line.split(/\s+/)
            : [a.attrs.value ?? a.attrs.file ?? a.attrs.path ?? ''],
        );
        lines.push(
          [task.attrs.executable ?? '$(ant_value)', ...args]
            .filter((x) => x)
            .map(word)
            .join(' '),
        );
      } else if (name === 'delete') {
        if (task.attrs.dir) lines.push(`rm -rf ${word(task.attrs.dir)}`);
        if (task.attrs.file) lines.push(`rm -f ${word(task.attrs.file)}`);
        for (const set of [...descendants(task, 'fileset'), ...descendants(task, 'dirset')])
          if (set.attrs.dir) lines.push(`rm -rf ${word(set.attrs.dir)}`);
      } else if (/^(?:script|scriptdef|groovy|ant|antcall|import|include|subant)$/.test(name))
        // Code or another build file the target runs: not read here, so it runs unjudged.
        lines.push(`${UNREAD}an Ant <${name}> task`);
      else visit(task);
    }
  };
  visit(target);
  return lines;
}

/** A pom string as a shell word: `${user.home}` is home, `${env.X}` the variable, other properties their value. */
function mavenWord(s: string, cli: Map<string, string | undefined>, own: Map<string, string>, dir: string): string {
  if (s === '$(ant_value)') return s;
  const text = mavenValue(s, cli, own, dir);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\$\{([\w.-]+)\}/g)) {
    if (m.index > last) out += shellWord(text.slice(last, m.index));
    const env = /^env\.(\w+)$/.exec(m[1])?.[1];
    out += m[1] === 'user.home' ? '"$HOME"' : env ? `"$${env}"` : '$(maven_value)';
    last = m.index + m[0].length;
  }
  return last < text.length || !out ? out + shellWord(text.slice(last)) : out;
}

/** A pom string with the properties known here expanded; `${user.home}`, `${env.X}` and unknown ones stay. */
function mavenValue(s: string, cli: Map<string, string | undefined>, own: Map<string, string>, dir: string): string {
  let rounds = 0;
  let text = s;
  // Properties naming properties are expanded a few times over, no more.
  while (rounds++ < 4 && /\$\{[\w.-]+\}/.test(text)) {
    const next = text.replace(/\$\{([\w.-]+)\}/g, (whole, name: string) => {
      if (cli.has(name)) return cli.get(name) ?? whole;
      if (/^(?:project\.)?basedir$/.test(name)) return dir;
      if (name === 'project.build.directory') return path.join(dir, 'target');
      return own.get(name) ?? whole;
    });
    if (next === text) break;
    text = next;
  }
  return text;
}

/**
 * `mvn exec:java -Dexec.mainClass=com.acme.Main` runs the project's own class, as `npm test` runs its tests: the
 * class's source (`src/main/java/com/acme/Main.java`) is read as code, so one written on the line is judged.
 * A class with no source there (generated, in a dependency) is the project's build output: not read.
 */
function execJava(p: Pending, scope: Scope, w: Walker): void {
  let i = p.argv.length - 1;
  while (i > 0 && !p.argv[i].startsWith('-Dexec.mainClass=')) i--;
  if (i < 1) return;
  if (p.dynamic[i]) return pastBound(w, 'mvn exec:java', 'a main class only known at run time');
  const cls = p.argv[i].slice('-Dexec.mainClass='.length);
  if (!/^[\w$]+(?:\.[\w$]+)*$/.test(cls)) return;
  const file = path.join('src/main/java', `${cls.split('$')[0].replace(/\./g, '/')}.java`);
  readScript('jvm', file, p, scope, w, `mvn exec:java (${cls})`);
}

/** `mvn exec:exec -Dexec.executable=rm -Dexec.args="-rf ~"` runs that program with those arguments. */
function cliExec(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  const prop = (name: string): { value?: string; dynamic: boolean } => {
    for (let i = argv.length - 1; i > 0; i--) {
      const a = argv[i];
      if (a.startsWith(`-D${name}=`)) return { value: a.slice(name.length + 3), dynamic: p.dynamic[i] };
      if (a === '-D' && argv[i + 1]?.startsWith(`${name}=`))
        return { value: argv[i + 1].slice(name.length + 1), dynamic: p.dynamic[i + 1] };
    }
    return { dynamic: false };
  };
  const exe = prop('exec.executable');
  const args = prop('exec.args');
  if (exe.dynamic || args.dynamic) return pastBound(w, 'mvn exec:exec', 'a program only known at run time');
  if (exe.value === undefined) return;
  walkLines([[shellWord(exe.value), args.value ?? ''].join(' ')], 'the command line', scope, w, 'mvn exec:exec');
}
