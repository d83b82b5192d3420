// A Python start-up file written into a folder known only at run time:
// `> "$(python3 -m site --user-site)/x.pth"`, `tee "$SP/sitecustomize.py"`.
// Python runs the `import` lines of a `.pth` in every site folder it reads,
// and a folder computed by asking Python for its site folders is one (that
// is why it is asked for): the write is judged as the same file written at
// a literal site-packages path. Other places stay judged where they are
// spelled: a package.json or a Makefile under a computed folder is not known
// to be one that runs.
import * as path from 'node:path';
import type { FileEffect } from '../../effects/types';
import type { AutorunPlace } from './places';

const STARTUP_NAME = /^(?:[^/$`*?[]+\.pth|sitecustomize\.py|usercustomize\.py)$/i;

/** The place such a write lands in, with the path knownContent matches its redirect by; undefined for any other write. */
export function computedStartupPlace(e: FileEffect, cwd: string): { abs: string; place: AutorunPlace } | undefined {
  if (!e.dynamic || (e.kind !== 'write' && e.kind !== 'truncate')) return undefined;
  const slash = e.path.lastIndexOf('/');
  if (slash === -1 || !/[$`]/.test(e.path.slice(0, slash)) || !STARTUP_NAME.test(e.path.slice(slash + 1)))
    return undefined;
  return { abs: path.resolve(cwd, e.path), place: { kind: 'python-startup', shown: e.path } };
}
