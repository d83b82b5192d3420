// A redirection on code that runs in place (`& { … } > f`, `. { … } >> f`,
// `& $block *> f`, a function defined on the line then called `f > f2`)
// writes the file in this shell: what the body prints lands there, text not
// known before it runs. It is judged as a write of its own, as bash judges
// `{ …; } > f`, with the body as its source so a reader of the write (a
// lifecycle script in package.json, a key in authorized_keys) sees what was
// said. Before, the redirection was dropped and the write passed unjudged.
import { emitOutputRedirects } from '../bash/commandParts';
import { rememberWrite } from '../normalize/output';
import type { Redirect } from '../../types';
import type { PsRedirect, PsScript, PsStatement } from './ast';
import { pathWord } from './translate/files';
import { evaluate, fileContentOf, isDynamic, type PsRun, textOf } from './values';
import type { ShellValue } from '../normalize/scope';

/** Pieces of a body's text kept in the write's source; past this the source names what came first. */
const MAX_BODY_TEXTS = 32;

export function writeBodyRedirects(
  redirects: readonly Redirect[],
  body: PsScript,
  from: number,
  run: PsRun,
  spell: (text: string) => string,
): void {
  const writes = redirects.filter((r) => r.op !== '<');
  if (!writes.length) return;
  const texts: string[] = [];
  for (const s of body) collectTexts(s, texts);
  emitOutputRedirects(writes, run.w.out.slice(from), run.scope, run.w, spell(texts.join('; ')), onlyWrites(body, run));
  // What a later reader on the line finds there is not known before it runs.
  for (const r of writes)
    if (r.fd === 1) rememberWrite(run.w, run.scope.cwd, r.target.replace(/\\/g, '/'), undefined, r.op.endsWith('>>'));
}

/** Write-Output's names: what they print is their words, as echo's are. */
const WRITERS = /^(?:write-output|write|echo)$/i;

/**
 * Whether everything the body prints comes from a Write-Output (or echo) of its own, each a statement alone: then
 * the commands it emitted say the text. A bare value (`"x"`), a control statement, or any other command prints
 * what no emitted command shows, so the text stays unknown.
 */
function onlyWrites(body: PsScript, run: PsRun): boolean {
  return body.every(
    (st) =>
      st.type === 'chain' &&
      st.pipelines.every((p) => {
        const el = p.elements.length === 1 ? p.elements[0] : undefined;
        if (el?.type !== 'command' || el.name.kind !== 'string' || el.name.quoted) return false;
        const name = el.name.parts.map((x) => (x.kind === 'text' ? x.text : '\u0000')).join('');
        return WRITERS.test(name) && !run.scope.functions.has('ps:' + name.toLowerCase());
      }),
  );
}

/** The text of each pipeline element in a body, nested bodies included, up to MAX_BODY_TEXTS. */
function collectTexts(s: PsStatement, out: string[]): void {
  if (out.length >= MAX_BODY_TEXTS) return;
  switch (s.type) {
    case 'chain':
      for (const p of s.pipelines) {
        const text = p.elements
          .map((e) => e.text.trim())
          .filter(Boolean)
          .join(' | ');
        if (text && out.length < MAX_BODY_TEXTS) out.push(text);
      }
      return;
    case 'control':
      for (const h of s.header) collectTexts(h, out);
      for (const b of s.bodies) for (const st of b) collectTexts(st, out);
      return;
    case 'function':
      for (const st of s.body) collectTexts(st, out);
      return;
  }
}

/** Where redirections of a command or statement write, evaluated. */
export function walkRedirectTargets(redirects: readonly PsRedirect[], run: PsRun): Redirect[] {
  const out: Redirect[] = [];
  for (const r of redirects) {
    if (!r.target) continue;
    const value = evaluate(r.target, run);
    if (textOf(value) === '' || /^\$null$/i.test(textOf(value))) continue;
    // `> $HOME\.bashrc`: `\` is the separator it is on Windows, as for a cmdlet's path.
    const target = pathWord({ value: textOf(value), dynamic: isDynamic(value) }).value;
    const append = r.op.endsWith('>>');
    const fd = r.op[0] === '*' ? 1 : /^\d/.test(r.op) ? Number(r.op[0]) : 1;
    out.push({ op: r.op[0] === '*' ? (append ? '&>>' : '&>') : append ? '>>' : '>', fd, target });
  }
  return out;
}

/** `'code' > x.ps1; .\\x.ps1`: what a redirect writes is what a reader later on the line reads (unknown output: not the copy on disk). */
export function rememberRedirects(redirects: readonly Redirect[], value: ShellValue | undefined, run: PsRun): void {
  for (const r of redirects) {
    if (r.fd === 1)
      rememberWrite(
        run.w,
        run.scope.cwd,
        r.target.replace(/\\/g, '/'),
        value && !isDynamic(value) ? fileContentOf(value) : undefined,
        r.op.endsWith('>>'),
      );
  }
}
