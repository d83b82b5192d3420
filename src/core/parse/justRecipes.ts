// A justfile's recipes, read as just runs them. Most recipes are lines for the
// shell (`set shell`'s program); one whose body starts with a shebang, or that
// carries a `[script]` attribute, is one script for another program, which may
// be python or node as well as bash: it is judged as that program running it.
import { runnerLines } from './tomlTasks';
import type { Recipes } from './recipes';

/** The quoted strings of a just list or attribute argument (`["python3", "-c"]`, `('uv', 'run')`), joined by spaces. */
function justWords(list: string): string {
  return [...list.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]).join(' ');
}

/** Lines without the indentation they all share; blank lines at the end dropped. */
function dedent(lines: readonly string[]): string[] {
  const body = [...lines];
  while (body.length && !body[body.length - 1].trim()) body.pop();
  const indents = body.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return body.map((l) => l.slice(cut));
}

/**
 * A justfile's recipes: `name PARAMS: DEPS` at the line start, its body the indented lines below (blank lines
 * inside it too). A body is run as just runs it: one starting with a shebang, or under a `[script(…)]`
 * attribute, is a script for that program (runnerLines: a shell's lines, a known interpreter's inline code, any
 * other program marked unread); otherwise each line (`@` and `-` prefixes dropped) goes to `set shell`'s
 * program. Interpolations stay as written (`{{x}}`), read as words.
 */
export function justRecipes(text: string): { recipes: Recipes; first?: string } {
  const recipes: Recipes = new Map();
  const bodies: { lines: string[]; body: string[]; script?: string }[] = [];
  let first: string | undefined;
  let current: (typeof bodies)[number] | undefined;
  let attributes: string[] = [];
  let shell = 'sh -cu';
  let scriptInterpreter = 'sh -eu';
  for (const line of text.split('\n').slice(0, 4096)) {
    if (/^[ \t]+\S/.test(line) || !line.trim()) {
      current?.body.push(line);
      continue;
    }
    current = undefined;
    const setting = /^set\s+(shell|script-interpreter)\s*:=\s*\[(.*)\]/.exec(line);
    if (setting && setting[1] === 'shell') shell = justWords(setting[2]);
    else if (setting) scriptInterpreter = justWords(setting[2]);
    if (line.startsWith('[')) attributes.push(line);
    if (line.startsWith('[') || line.startsWith('#')) continue;
    const m = /^@?([A-Za-z_][\w-]*)((?:\s+[^:=\s]+)*)\s*:(?!=)(.*)$/.exec(line);
    const script = /\bscript\b\s*(?:\(([^)]*)\))?/.exec(attributes.join(' '));
    attributes = [];
    if (!m || /^(?:set|alias|export|import|mod)$/.test(m[1])) continue;
    const deps = m[3]
      .replace(/#.*$/, '')
      .split(/\s+/)
      .map((d) => d.replace(/^\(|\)$/g, '').split(/\s/)[0])
      .filter((d) => /^[A-Za-z_][\w-]*$/.test(d));
    current = { lines: [], body: [], script: script ? (script[1] ?? '') : undefined };
    bodies.push(current);
    recipes.set(m[1], { deps, lines: current.lines });
    first ??= m[1];
  }
  // Settings hold for the whole file, wherever they are written: the bodies are read once all are known.
  for (const r of bodies) {
    const body = dedent(r.body);
    const bang = /^#!\s*(.*)$/.exec(body[0] ?? '');
    if (bang) r.lines.push(...runnerLines(bang[1], body.slice(1), undefined));
    else if (r.script !== undefined)
      r.lines.push(...runnerLines(justWords(r.script) || scriptInterpreter, body, undefined));
    else {
      const lines = body.filter((l) => l.trim()).map((l) => l.trim().replace(/^[@-]+/, ''));
      r.lines.push(...(lines.length ? runnerLines(shell, lines, undefined) : []));
    }
  }
  return { recipes, first };
}
