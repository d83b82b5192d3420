// Makefile recipes and Dockerfile RUN instructions as the shell commands they
// run, mapped back to the document.
import { withoutTrailingComment } from '../text/trailingComment';
import { execFormSnippet, SnippetBuilder, splitLines, type Line, type Snippet } from './snippet';
import { flowList } from './yaml';

const MAX_CONTINUED_LINES = 400;

function continues(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

// ---- Makefile ---------------------------------------------------------------

const MAKE_VARIABLE = /^(?:override\s+|export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?::{1,3}=|\?=|\+=|!=|=)\s*(.*)$/;
const MAKE_TARGET = /^[^\t#=\s][^=]*?:(?!=)/;

/** Variables with a literal value (`BUILD_DIR := build`): make substitutes them before the shell sees the recipe. */
function makeVariables(lines: readonly Line[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const l of lines) {
    if (l.text.startsWith('\t')) continue;
    const m = MAKE_VARIABLE.exec(l.text);
    if (!m || m[2].includes('$') || l.text.includes('+=')) continue;
    vars.set(m[1], withoutTrailingComment(m[2]).trim());
  }
  return vars;
}

/** One recipe line (and its continuations) with `$$` → `$` and known `$(VAR)` expanded, as make hands it to the shell. */
function recipeSnippet(lines: readonly Line[], first: number, last: number, vars: Map<string, string>): Snippet {
  const b = new SnippetBuilder();
  for (let k = first; k <= last; k++) {
    const line = lines[k];
    let from = 0;
    if (k === first) {
      // The tab, then make's own prefixes: @ (silent), - (ignore errors), + (always run).
      from = 1;
      while (from < line.text.length && '@+- '.includes(line.text[from])) from++;
    } else {
      b.mapped('\n', lines[k - 1].end);
    }
    const t = line.text;
    for (let i = from; i < t.length; i++) {
      if (t[i] === '$' && t[i + 1] === '$') {
        b.mapped('$', line.start + i);
        i++;
        continue;
      }
      const ref = t[i] === '$' ? /^\$[({]([A-Za-z_][A-Za-z0-9_.-]*)[)}]/.exec(t.slice(i, i + 200)) : null;
      if (ref && vars.has(ref[1])) {
        const value = vars.get(ref[1])!;
        b.mapped(value, line.start + i);
        i += ref[0].length - 1;
        continue;
      }
      b.verbatim(t[i], line.start + i);
    }
  }
  return b.finish(lines[last].end);
}

export function makeRecipes(doc: string): Snippet[] {
  const lines = splitLines(doc);
  const vars = makeVariables(lines);
  const out: Snippet[] = [];
  let inRule = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (!t.startsWith('\t')) {
      if (t.trim() === '' || t.trimStart().startsWith('#')) continue;
      inRule = MAKE_TARGET.test(t) && !MAKE_VARIABLE.test(t);
      // A rule with its recipe on the target line: `clean: ; rm -rf build`.
      continue;
    }
    if (!inRule) continue;
    let last = i;
    while (continues(lines[last].text) && last + 1 < lines.length && last - i < MAX_CONTINUED_LINES) last++;
    const snippet = recipeSnippet(lines, i, last, vars);
    if (snippet.text.trim() && !snippet.text.trimStart().startsWith('#')) out.push(snippet);
    i = last;
  }
  return out;
}

// ---- Dockerfile ---------------------------------------------------------------

const RUN = /^(\s*)(RUN)(\s+|$)/i;

/** Shell-form and exec-form RUN instructions; `--mount=…` and other flags are not part of the command. */
export function dockerRuns(doc: string): Snippet[] {
  const lines = splitLines(doc);
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = RUN.exec(lines[i].text);
    if (!m) {
      // Skip the continuation lines of other instructions.
      while (continues(lines[i].text) && i + 1 < lines.length) i++;
      continue;
    }
    let last = i;
    while (continues(lines[last].text) && last + 1 < lines.length && last - i < MAX_CONTINUED_LINES) {
      last++;
      // Docker drops comment and empty lines inside a continued instruction.
      while (last + 1 < lines.length && /^\s*(?:#.*)?$/.test(lines[last].text)) last++;
    }
    let from = m[0].length;
    const first = lines[i].text;
    for (let guard = 0; guard < 16; guard++) {
      const flag = /^--[\w-]+(?:=(?:"[^"]*"|\S*))?\s*/.exec(first.slice(from));
      if (!flag) break;
      from += flag[0].length;
    }
    if (first.slice(from).startsWith('[')) {
      const items = flowList(doc, lines[i].start + from);
      if (items?.length) out.push(execFormSnippet(items, items[items.length - 1].end));
      i = last;
      continue;
    }
    const b = new SnippetBuilder();
    let previousEnd = lines[i].end;
    for (let k = i; k <= last; k++) {
      const line = lines[k];
      if (k > i && /^\s*(?:#.*)?$/.test(line.text)) continue;
      if (b.length) b.mapped('\n', previousEnd);
      previousEnd = line.end;
      const start = k === i ? from : 0;
      b.verbatim(line.text.slice(start), line.start + start);
    }
    const snippet = b.finish(lines[last].end);
    if (snippet.text.trim()) out.push(snippet);
    i = last;
  }
  return out;
}
