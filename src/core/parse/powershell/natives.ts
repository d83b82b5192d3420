// Programs that are not cmdlets: `git.exe`, `C:\Tools\psql.exe`, `.\deploy.ps1`.
// Windows finds programs by name whatever the case and with or without
// `.exe`, so the name packs see is the bare lower-case one; a script file is
// read and walked in its own language, and judged itself too.
import type { Expanded } from '../bash/words';
import { type Call, emit, nativeWords } from './call';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from '../wrappers/common';

const EXECUTABLE_EXT = /\.(?:exe|com)$/i;
const SCRIPT_EXT = /\.(?:ps1|psm1|bat|cmd)$/i;

/** `C:\Program Files\Git\cmd\git.exe` → `git`; `Git` → `git`; a script keeps its name (`deploy.ps1`). */
export function windowsProgramName(word: string): string {
  const base = word.slice(Math.max(word.lastIndexOf('\\'), word.lastIndexOf('/')) + 1) || word;
  if (SCRIPT_EXT.test(base)) return base;
  return base.replace(EXECUTABLE_EXT, '').toLowerCase();
}

/** `readScript`: the script's folder is known, so the file read is the one that runs. */
export function nativeProgram(call: Call, written: string, readScript = true): void {
  const words: Expanded[] = nativeWords(call.args);
  if (SCRIPT_EXT.test(written) && !readScript) {
    emit(call, [{ value: written, dynamic: false }, ...words]);
    return;
  }
  if (SCRIPT_EXT.test(written)) {
    const { scope, w } = call.run;
    const text = w.ctx.readFile(written.replace(/\\/g, '/'), scope.cwd);
    noteUnreadScript(written.replace(/\\/g, '/'), text, scope, w, written);
    if (text !== undefined && text.length <= MAX_SCRIPT_CHARS) {
      const dialect = /\.(?:bat|cmd)$/i.test(written) ? 'cmd' : 'pwsh';
      w.walkText(text, { ...scope, via: [...scope.via, written], depth: scope.depth + 1 }, true, dialect);
    }
    emit(call, [{ value: written, dynamic: false }, ...words]);
    return;
  }
  emit(call, [{ value: windowsProgramName(written), dynamic: false }, ...words]);
}
