// Shells and interpreters: the code they run comes from `-c`, a script file,
// or stdin; code only known at run time is reported, never guessed.
import type { Finding } from '../../types';
import { shellWord } from '../../text/shellWord';
import { readCalls } from '../codeCalls';
import { mayAct, testReading } from '../codeWords';
import { readBeforeRun, unknownSource } from './madeOnLine';
import { installedAsIs } from './installedFiles';
import { gitLeavesWhat, gitModules } from './gitByPath';
import { fedByProcess } from './fedByProcess';
import { inlineScriptEnv, scriptFileEnv } from './inlineArgs';
import { globScripts } from './scriptGlobs';
import { contextLookup, entryFile, interpreterValueOption, preloadFiles, pythonPath } from './interpreterOptions';
import { pythonModuleRun } from './profilers';
import { printsShellSetup, scopeForRuntimeValue } from '../dynamic';
import * as path from 'node:path';
import { inlineCodeFlags, interpreterOf, MAX_CODE_MATCHES, readCode } from '../interpreters';
import { emitStdinCode, pipedCodeFinding, unknownRouteFinding, unreadStdinFile } from './stdinCode';
import { localModules, MAX_MODULES, pythonMainModule, type Module } from '../imports';
import { deeper, type Dialect, type Pending, type Scope, type Walker } from '../normalize/scope';
import {
  DECODE_IN_SUBST,
  DECODERS,
  exitsOnFailedExec,
  FETCH_IN_SUBST,
  FETCHERS,
  FOREIGN_SHELLS,
  MAX_SCRIPT_CHARS,
  noteUnreadScript,
  unreadLargeFile,
  unreadScriptFinding,
  programName,
  slice,
  STDIN_FILES,
  type UnwrapStep,
} from './common';

export function scriptOrDynamic(p: Pending, text: string, via: string, w: Walker): UnwrapStep {
  if (p.dynamic.slice(1).some(Boolean)) reportDynamicCode(p, via, w);
  return { kind: 'script', text, via };
}

/** Code whose text is not known until run time (`eval "$(…)"`, `bash -c "$X"`). */
function reportDynamicCode(p: Pending, via: string, w: Walker): void {
  const src = p.source;
  if (FETCH_IN_SUBST.test(src)) {
    w.addFinding(remoteCode(via));
  } else if (DECODE_IN_SUBST.test(src)) {
    w.addFinding({
      id: 'exec.obfuscated-code',
      summary: `runs code that is decoded at run time through ${via}, so nobody can read what it does before it runs`,
      severity: 60,
      alternative: 'decode it first, read it, then run the plain command',
    });
  }
}

function remoteCode(via: string): Finding {
  return {
    id: 'exec.remote-code',
    summary: `downloads code from the network and runs it with ${via} without anyone reading it`,
    severity: 70,
    alternative: 'download the script to a file, read it, then run it',
  };
}

/** How a shell's code is read: zsh and fish in their own dialects; other shells of their own syntax as far as they look like shell words. */
function readAs(shell: string): { dialect?: Dialect; lenient?: boolean } {
  if (shell === 'zsh') return { dialect: 'zsh' };
  if (shell === 'fish') return { dialect: 'fish', lenient: true };
  return FOREIGN_SHELLS.has(shell) ? { lenient: true } : {};
}

export function unwrapShell(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  let i = 1;
  if (argv[0] === 'busybox') {
    if (argv[1] !== 'sh' && argv[1] !== 'ash') return { kind: 'command', next: slice(p, 1), via: 'busybox' };
    i = 2;
  }
  let inline = false;
  let readsStdin = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (
      a === '-o' ||
      a === '+o' ||
      a === '-O' ||
      a === '+O' ||
      a === '--rcfile' ||
      a === '--init-file' ||
      a === '--config' ||
      a === '--env-config' ||
      a === '--rc'
    ) {
      i++;
      continue;
    }
    // nushell `--commands CODE`, fish `--command CODE`, `--command=CODE`.
    if (a === '--command' || a === '--commands') {
      inline = true;
      i++;
      break;
    }
    if (a.startsWith('--command=') || a.startsWith('--commands=')) {
      const text = a.slice(a.indexOf('=') + 1);
      return { kind: 'script', text, via: `${argv[0]} -c`, ...readAs(argv[0]) };
    }
    if (a.startsWith('--')) continue;
    if ((a[0] === '-' || a[0] === '+') && a.length > 1) {
      if (a.includes('c')) inline = true;
      if (a.includes('s')) readsStdin = true;
      continue;
    }
    break;
  }
  const via = `${argv[0]}${inline ? ' -c' : ''}`;
  if (inline) {
    if (i >= argv.length) return undefined;
    if (p.dynamic[i]) reportDynamicCode(p, via, w);
    return { kind: 'script', text: argv[i], via, ...readAs(argv[0]), ...inlineScriptEnv(p, i) };
  }
  if (i < argv.length && !readsStdin) {
    // `bash script.sh`: read the script when it is a file we can see.
    const file = argv[i];
    const matched = globScripts(file, argv[0], scope, w);
    if (matched) return matched;
    if (p.dynamic[i]) {
      // `bash <(CMD)` runs what CMD prints: the same as `CMD | bash`.
      const proc = /^<\((.*)\)$/s.exec(file);
      if (proc && !FETCH_IN_SUBST.test(p.source)) return { kind: 'script', text: `${proc[1]} | ${argv[0]}`, via };
      if (/^<\(|\$\(/.test(file) && FETCH_IN_SUBST.test(p.source)) w.addFinding(remoteCode(argv[0]));
      return undefined;
    }
    // `bash /dev/stdin <<< CODE`, `sh /proc/self/fd/0`: the script named is the shell's own input.
    if (STDIN_FILES.has(file)) return codeFromStdin(p, via, w, (text) => ({ kind: 'script', text, via }));
    // A script made, fetched or written with unknown text earlier on the line asks (madeOnLine.ts).
    const text = readBeforeRun(file, p, scope, w, `${argv[0]} ${file}`);
    if (text === undefined) return undefined;
    const step = { kind: 'script', text, via: `${argv[0]} ${file}`, lenient: true, alsoEmit: true } as const;
    const ends = exitsOnFailedExec(argv, i, p.env) ? { execEnds: true as const } : {};
    return { ...step, ...readAs(argv[0]), ...ends, ...scriptFileEnv(p, file) };
  }
  return codeFromStdin(p, via, w, (text) => ({ kind: 'script', text, via }));
}

/** A shell or interpreter reading its program from stdin. */
export function codeFromStdin(
  p: Pending,
  via: string,
  w: Walker,
  read: (text: string) => UnwrapStep | undefined,
): UnwrapStep | undefined {
  if (p.stdin !== undefined) return read(p.stdin);
  const fed = fedByProcess(p, via);
  if (fed) return fed;
  const from = p.stdinFrom;
  if (!from) return unreadStdinFile(p, via, w);
  const producer = programName(from[0] ?? '');
  if (FETCHERS.has(producer)) w.addFinding(remoteCode(via));
  else if (printsShellSetup(from)) return undefined;
  else if (DECODERS.has(producer))
    w.addFinding({
      id: 'exec.obfuscated-code',
      summary: `pipes decoded or generated code into ${via}, so nobody can read what it runs`,
      severity: 60,
      alternative: 'decode it first, read it, then run the plain command',
    });
  else w.addFinding(pipedCodeFinding(from, via));
  return undefined;
}

export function unwrapInterpreter(
  p: Pending,
  scope: Scope,
  w: Walker,
  lang: ReturnType<typeof interpreterOf> & string,
): UnwrapStep | undefined {
  const argv = p.argv;
  const flags = inlineCodeFlags(lang);
  let code: string | undefined;
  let dynamicCode = false;
  const look = contextLookup(w.ctx, scope.cwd);
  // `node -r ./pre.js app.js`, `ruby -I lib -r pre x.rb`: workspace files loaded first run as the script does.
  for (const f of preloadFiles(lang, argv, p.dynamic, scope.cwd, look))
    runFile(lang, f, p, scope, w, `${argv[0]} ${path.relative(scope.cwd, f) || f}`);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (flags.includes(a)) {
      code = argv[i + 1];
      dynamicCode = p.dynamic[i + 1] ?? false;
      break;
    }
    // `node -r dotenv/config app.js`, `python3 -W ignore run.py`: an option's value is no script, and `ruby
    // -rsecure`'s no code flag (`node --import 'data:…'` is read by sideCommands.ts, a preloaded file above).
    const valued = interpreterValueOption(lang, argv, i);
    if (valued) {
      i = valued.last;
      continue;
    }
    // `python -Wignore -c …`, `perl -ne …`: a cluster ending in the code flag.
    const cluster = /^-[A-Za-z]*([ceErp])$/.exec(a);
    if (cluster && flags.includes('-' + cluster[1]) && lang !== 'node') {
      code = argv[i + 1];
      dynamicCode = p.dynamic[i + 1] ?? false;
      break;
    }
    if (lang === 'node' && (a.startsWith('--eval=') || a.startsWith('--print='))) {
      code = a.slice(a.indexOf('=') + 1);
      break;
    }
    // `deno eval CODE`, `bun eval CODE`.
    if (lang === 'node' && a === 'eval' && i === 1) {
      code = argv.slice(2).find((x) => !x.startsWith('-'));
      break;
    }
    // `python -m pkg`: the module run is a file of the working folder, when it is the workspace's own.
    if (
      lang === 'python' &&
      (a === '-m' || /^-[A-Za-z]*m$/.test(a)) &&
      argv[i + 1] !== undefined &&
      !p.dynamic[i + 1]
    ) {
      const roots = [scope.cwd, ...pythonPath(p, scope)];
      const main = roots
        .map((r) => pythonMainModule(r, argv[i + 1], (f) => w.ctx.readFile(f, scope.cwd)))
        .find((m) => m);
      if (main) emitScript('python', main, roots, p, scope, w, `${argv[0]} -m ${argv[i + 1]}`);
      // `python3 -m cProfile run.py`, `python3 -m pdb run.py`: a standard module running the script (profilers.ts).
      return main ? undefined : pythonModuleRun(p, i + 1);
    }
    // `R --file=wipe.R`: R's own spelling of the script it runs (`R -f wipe.R` reaches the positional below).
    const rFile = lang === 'r' && a.startsWith('--file=') ? a.slice('--file='.length) : undefined;
    if (rFile === '') continue;
    if (rFile !== undefined || !a.startsWith('-')) {
      const word = rFile ?? a;
      // `uv run URL`, `pipx run URL`: a script fetched from the network and run unread.
      if (/^https?:\/\//.test(word)) {
        w.addFinding(remoteCode(`${argv[0]} ${word}`));
        return undefined;
      }
      // `python3 <(CMD)` runs what CMD prints: the same as `CMD | python3`.
      const proc = p.dynamic[i] ? /^<\((.*)\)$/s.exec(word) : null;
      if (proc) {
        if (FETCH_IN_SUBST.test(p.source)) w.addFinding(remoteCode(argv[0]));
        else return { kind: 'script', text: `${proc[1]} | ${shellWord(argv[0])}`, via: argv[0] };
        return undefined;
      }
      // `python3 /dev/stdin <<< CODE`, `node /dev/fd/0`: the script named is the interpreter's own input.
      if (!STDIN_FILES.has(word)) {
        // `python3 scripts/cleanup.py`: the script is read (bounded) for what it deletes and runs, and so are the workspace modules it imports.
        // `node --test 'test/**/*.js'`: a pattern of the files its test runner collects and reads (testSuites.ts).
        const pattern = lang === 'node' && /[*?[{]/.test(word) && argv.includes('--test');
        const skip =
          p.dynamic[i] || pattern || (lang === 'node' && i === 1 && /^(?:run|test|install|x|add|eval)$/.test(word));
        // `node .`, `node src/index`, `python3 pkg`: the file the runtime resolves the word to.
        if (!skip) runFile(lang, entryFile(lang, word, scope.cwd, look) ?? word, p, scope, w, `${argv[0]} ${word}`);
        return pattern ? undefined : globScripts(word, argv[0], scope, w);
      }
      break;
    }
  }
  const via = `${argv[0]}${code !== undefined ? ' ' + flags[0] : ''}`;
  if (code === undefined) {
    return codeFromStdin(p, argv[0], w, (text) => {
      emitCodeReading(lang, text, p, scope, w, argv[0]);
      return { kind: 'done' };
    });
  }
  if (dynamicCode) reportDynamicCode(p, via, w);
  // Inline code imports from the working folder (`python -c 'import helper'`, `node -e "require('./lib/h')"`).
  emitScript(
    lang,
    { file: path.join(scope.cwd, '<inline>'), text: code },
    [scope.cwd, ...pythonPath(p, scope)],
    p,
    scope,
    w,
    via,
  );
  return undefined;
}

/** `python3 scripts/cleanup.py`: the script is read (bounded) for what it deletes and runs, and so are the workspace modules it imports. */
function runFile(lang: Parameters<typeof readCode>[0], word: string, p: Pending, scope: Scope, w: Walker, via: string) {
  const file = path.resolve(scope.cwd, word);
  // A file of an installed package as its install left it is the package's code, as its bin is (installedFiles.ts):
  // of what it loads, only a module changed since is read.
  const installed = installedAsIs(file, p, w);
  const text = installed ? w.ctx.readFile(file, scope.cwd) : readBeforeRun(word, p, scope, w, via);
  if (text !== undefined && !installed) noteUnreadScript(word, text, scope, w, via);
  if (text === undefined || text.length > MAX_SCRIPT_CHARS) return;
  emitScript(lang, { file, text }, [path.dirname(file), ...pythonPath(p, scope)], p, scope, w, via, installed);
}

/** A script and the workspace modules it imports (Python and JavaScript), each read for what it runs. */
function emitScript(
  lang: Parameters<typeof readCode>[0],
  entry: Module,
  roots: readonly string[],
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
  entryInstalled = false,
): void {
  if (!entryInstalled) emitCodeReading(lang, entry.text, p, scope, w, via);
  if (lang !== 'python' && lang !== 'node') return;
  // A module of the workspace too large to read runs unread: the call is asked about.
  let tooLarge: string | undefined;
  const git = gitModules(p, scope, w);
  const read = (f: string) => {
    if (git && !git.land(f)) return undefined;
    const text = w.ctx.readFile(f, scope.cwd);
    if (text !== undefined && text.length <= MAX_SCRIPT_CHARS) return text;
    if ((text !== undefined || unreadLargeFile(f, scope, w)) && !installedAsIs(f, p, w)) tooLarge ??= f;
    return undefined;
  };
  const local = localModules(lang, entry, roots, read);
  // A module holding no word the readers act on reads to nothing (codeWords.ts): a large project is followed cheaply.
  for (const m of local.modules)
    if (mayAct(lang, m.text, true) && !installedAsIs(m.file, p, w))
      emitCodeReading(lang, m.text, p, scope, w, `${via} → ${path.relative(scope.cwd, m.file) || m.file}`);
  if (git?.unread) unknownSource(w, via, path.relative(scope.cwd, git.unread.target), gitLeavesWhat(git.unread));
  if (tooLarge) w.addFinding(unreadScriptFinding(path.relative(scope.cwd, tooLarge) || tooLarge, via));
  if (local.pastBound)
    w.addFinding({
      id: 'parse.too-complex',
      summary: `\`${via}\` imports more of the workspace's own modules than AgentGuard follows (${MAX_MODULES}): those past the bound would run unread, so a human must look at it`,
      severity: 60,
    });
}

export function emitCodeReading(
  lang: Parameters<typeof readCode>[0],
  code: string,
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
  /** Read as test code (codeWords.ts testReading), with what earlier files of the same run did. */
  tests?: Set<string>,
): void {
  const home = scope.vars.HOME ?? w.ctx.home;
  const reading = readCode(lang, code, home);
  if (tests) testReading(reading, tests);
  const inner = scopeForRuntimeValue(deeper(scope, [...scope.via, via]), reading.shell);
  for (const text of reading.shell) w.walkText(text, inner, reading.guessed?.has(text) ? 'guess' : true);
  for (const argv of reading.argvs) {
    w.emit(
      { argv, dynamic: argv.map((a) => a.includes('$(')), redirects: [], env: p.env, source: argv.join(' ') },
      inner,
    );
  }
  for (const d of reading.deletes) {
    const argv = ['rm', d.recursive ? '-rf' : '-f', d.path];
    w.emit(
      {
        argv,
        dynamic: [false, false, d.path.startsWith('$(')],
        redirects: [],
        env: p.env,
        source: `${via}: delete ${d.path}`,
      },
      inner,
    );
  }
  for (const f of reading.writes) {
    const argv = f.append ? ['tee', '-a', f.path] : ['tee', f.path];
    w.emit(
      {
        argv,
        dynamic: argv.map((a) => a.startsWith('$(')),
        redirects: [],
        env: p.env,
        source: `${via}: write ${f.path}`,
      },
      inner,
    );
  }
  const calls = tests ? { argvs: [], findings: [] } : readCalls(code);
  for (const argv of calls.argvs) {
    w.emit(
      {
        argv,
        dynamic: argv.map((a) => a.startsWith('$')),
        redirects: [],
        env: p.env,
        source: `${via}: ${argv.slice(0, 4).join(' ')}`,
      },
      inner,
    );
  }
  for (const f of calls.findings) w.addFinding(f);
  if (reading.unknownRoute) w.addFinding(unknownRouteFinding(via, reading.unknownRoute));
  if (reading.stdinCode) emitStdinCode(lang, p, inner, w, via, code);
  if (reading.unread) {
    w.addFinding({
      id: 'parse.too-complex',
      summary: `${via} makes more shell, delete or write calls than AgentGuard reads (${MAX_CODE_MATCHES}); those past the bound were not judged, so a human must look at it`,
      severity: 60,
    });
  }
  if (reading.obfuscated) {
    w.addFinding({
      id: 'exec.obfuscated-code',
      summary: `${via} decodes code at run time and evaluates it, so nobody can read what it does before it runs`,
      severity: 60,
      alternative: 'decode it first, read it, then run the plain code',
    });
  }
}
