// `env`: the assignments, options and split strings (-S) it runs a command with.
import { noteHistoryFile } from '../bash/historyFile';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { guardVariableFinding } from '../guardVariables';
import { loaderVariableFinding } from '../loaderVariables';
import { slice, type UnwrapStep } from './common';
import { table } from '../../text/own';
import { dotenvAssignments } from './envFile';
import { unreadRunnerFolder } from './runnerFolders';

export function unwrapEnv(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const note = (name: string | undefined, how: 'sets' | 'unsets'): void => {
    const f = name === undefined ? undefined : guardVariableFinding(name, how);
    if (f) w.addFinding(f);
  };
  const argv = p.argv;
  let env = table(p.env);
  let i = 1;
  let cwd: string | undefined;
  let cwdAt = -1;
  while (i < argv.length) {
    const a = argv[i];
    if (a === '-i' || a === '--ignore-environment' || a === '-') {
      env = table();
      i++;
      continue;
    }
    if (a === '-u' || a === '--unset') {
      note(argv[i + 1], 'unsets');
      delete env[argv[i + 1]];
      i += 2;
      continue;
    }
    if (a === '-C' || a === '--chdir') {
      cwd = argv[i + 1];
      cwdAt = i + 1;
      i += 2;
      continue;
    }
    // `env --chdir=DIR CMD`, `env -CDIR CMD`: the same folder, written against the option.
    if (a.startsWith('--chdir=') || /^-C./.test(a)) {
      cwd = a.startsWith('--') ? a.slice(8) : a.slice(2);
      cwdAt = i;
      i++;
      continue;
    }
    if (a === '-S' || a === '--split-string') {
      return argv[i + 1]
        ? { kind: 'script', text: [argv[i + 1], ...argv.slice(i + 2)].join(' '), via: 'env', env }
        : undefined;
    }
    if (a === '--') {
      i++;
      break;
    }
    if (a.startsWith('-')) {
      i++;
      continue;
    }
    // `env $(grep -v '^#' .env | xargs) node app.js`: the file's assignments, their values left to run time.
    if (p.dynamic[i] && dotenvAssignments(a, argv[i + 1], cwd ?? scope.cwd, w.ctx)) {
      i++;
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) {
      note(a.slice(0, eq), 'sets');
      const loads = loaderVariableFinding(a.slice(0, eq), a.slice(eq + 1), {
        tempDirs: w.ctx.tempDirs,
        cwd: p.env.PWD ?? w.ctx.workspace,
        home: w.ctx.home,
      });
      if (loads) w.addFinding(loads);
      noteHistoryFile(a.slice(0, eq), a.slice(eq + 1), scope, w);
      env[a.slice(0, eq)] = a.slice(eq + 1);
      // `BASH_FUNC_ls%%=() { … }`: a function every bash below imports, run wherever its name is called.
      if (/^BASH_FUNC_.+%%$/.test(a.slice(0, eq)) && /^\(\)\s*\{/.test(a.slice(eq + 1))) {
        w.walkText(
          a.slice(eq + 1).replace(/^\(\)\s*/, ''),
          { ...scope, via: [...scope.via, `env ${a.slice(0, eq)}`], depth: scope.depth + 1 },
          true,
        );
      }
      i++;
      continue;
    }
    break;
  }
  if (i >= argv.length) return undefined;
  const step: UnwrapStep = { kind: 'command', next: slice(p, i, { env }), via: 'env' };
  // `env -C "$D" npm run x`: the folder is known only at run time, and so are the files read there.
  if (cwd !== undefined && p.dynamic[cwdAt]) unreadRunnerFolder(w, 'env -C', 'names a folder known only at run time');
  else if (cwd) step.cwd = cwd;
  return step;
}
