// Jupyter notebooks run from the command line (`jupyter execute x.ipynb`,
// `jupyter nbconvert --execute x.ipynb`, `papermill in.ipynb out.ipynb`,
// `ipython x.ipynb`) and IPython's own `-c CODE`: their code cells are Python,
// read as `python -c` is, except the IPython lines that go to a shell (`!CMD`,
// `%system CMD`, `%sx CMD`, a `%%bash` / `%%sh` / `%%script sh` cell), which
// are judged as shell. A notebook that cannot be read as one is asked about.
import type { Pending, Scope, Walker } from '../normalize/scope';
import { noteUnreadScript, type UnwrapStep } from './common';
import { emitCodeReading, unwrapInterpreter } from './shells';

/** Bound on the cells read. */
const MAX_CELLS = 2048;
const SHELL_CELL = /^%%(?:bash|sh|zsh|script\s+(?:ba|z|da)?sh)\b/;
const SHELL_LINE = /^\s*(?:!!?|%(?:system|sx)\s|[A-Za-z_][\w.]*\s*=\s*!)(.*)$/;

export interface CellReading {
  python: string;
  shell: string[];
}

/** IPython cells as Python (shell lines left out) and the shell lines they run. */
export function readCells(cells: readonly string[]): CellReading {
  const python: string[] = [];
  const shell: string[] = [];
  for (const cell of cells.slice(0, MAX_CELLS)) {
    const lines = cell.split('\n');
    if (SHELL_CELL.test(lines[0].trim())) {
      shell.push(lines.slice(1).join('\n'));
      continue;
    }
    for (const line of lines) {
      const m = SHELL_LINE.exec(line);
      if (m) shell.push(m[1]);
      // Other magics (`%matplotlib inline`, `%%time`) run no code of the cell's author.
      else if (!/^\s*%/.test(line)) python.push(line);
    }
  }
  return { python: python.join('\n'), shell };
}

/** A notebook's code cells, or undefined when the text is not a notebook. */
export function notebookCells(text: string): string[] | undefined {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch {
    return undefined;
  }
  const cells = (nb as { cells?: unknown } | null)?.cells;
  if (!Array.isArray(cells) || cells.length > MAX_CELLS) return undefined;
  const out: string[] = [];
  for (const c of cells as Array<{ cell_type?: unknown; source?: unknown }>) {
    if (c?.cell_type !== 'code') continue;
    const src = Array.isArray(c.source) ? c.source.join('') : c.source;
    if (typeof src !== 'string') return undefined;
    out.push(src);
  }
  return out;
}

/** The notebook a command runs, if it runs one. */
function notebookRun(prog: string, argv: readonly string[]): string | undefined {
  const operands = argv.slice(1).filter((a) => !a.startsWith('-'));
  const nb = operands.find((a) => /\.ipynb$/i.test(a));
  if (nb === undefined) return undefined;
  if (prog === 'jupyter') {
    if (operands[0] === 'execute') return nb;
    if (operands[0] === 'nbconvert' && argv.includes('--execute')) return nb;
    return undefined;
  }
  if (prog === 'jupyter-nbconvert') return argv.includes('--execute') ? nb : undefined;
  if (prog === 'jupyter-execute' || prog === 'ipython' || prog === 'ipython3') return nb;
  // `papermill IN OUT`: the first notebook is the one run.
  return prog === 'papermill' ? operands[0] : undefined;
}

function emitCells(cells: readonly string[], p: Pending, scope: Scope, w: Walker, via: string): UnwrapStep | undefined {
  const reading = readCells(cells);
  if (reading.python.trim()) emitCodeReading('python', reading.python, p, scope, w, via);
  return reading.shell.length ? { kind: 'script', text: reading.shell.join('\n'), via, alsoEmit: true } : undefined;
}

export function unwrapNotebook(prog: string, p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  if ((prog === 'ipython' || prog === 'ipython3') && !argv.some((a) => /\.ipynb$/i.test(a))) {
    const c = argv.indexOf('-c');
    if (c !== -1 && argv[c + 1] !== undefined) return emitCells([argv[c + 1]], p, scope, w, `${prog} -c`);
    // `ipython script.py`: a Python script, read as python reads one.
    return unwrapInterpreter(p, scope, w, 'python');
  }
  const file = notebookRun(prog, argv);
  if (file === undefined) return undefined;
  const via = `${prog} ${file}`;
  const text = w.ctx.readFile(file, scope.cwd);
  if (text === undefined) {
    noteUnreadScript(file, text, scope, w, via);
    return undefined;
  }
  const cells = notebookCells(text);
  if (!cells) {
    w.addFinding({
      id: 'parse.too-complex',
      summary: `\`${via}\` runs ${file}, which AgentGuard cannot read as a notebook: what it runs was not judged, so a human must look at it`,
      target: file,
      severity: 60,
    });
    return undefined;
  }
  return emitCells(cells, p, scope, w, via);
}

export const NOTEBOOK_RUNNERS: ReadonlySet<string> = new Set([
  'jupyter',
  'jupyter-nbconvert',
  'jupyter-execute',
  'papermill',
  'ipython',
  'ipython3',
]);
