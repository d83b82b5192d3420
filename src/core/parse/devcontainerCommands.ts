// A dev container definition's lifecycle commands (devcontainer.json, JSONC):
// `initializeCommand` runs on this machine before the container starts; the
// others (onCreateCommand … postAttachCommand) run inside the container, with
// the project folder mounted in it. Each is a line for a shell, a list of words
// run as they are, or an object whose values (each a line or a list) run side by side.
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { shellWord } from '../text/shellWord';

/** The lifecycle keys whose commands run inside the container, in the order the CLI runs them. */
export const CONTAINER_KEYS = [
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
];
/** The lifecycle key whose command runs on this machine. */
export const HOST_KEY = 'initializeCommand';
/** Most commands of one object value read. */
const MAX_NAMED = 256;

/** A lifecycle value as the line it runs: a string through a shell, an argv list as its words. */
function lifecycleLine(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return undefined;
  const words = v.map(String);
  return /^(?:\/bin\/)?(?:ba)?sh$/.test(words[0] ?? '') && words[1] === '-c'
    ? words.slice(2).join(' ')
    : words.map(shellWord).join(' ');
}

/** The definition as an object, and whether the reader had to skip something it could not read. */
export function readDevcontainer(text: string): { doc: Record<string, unknown>; broken: boolean } {
  const errors: ParseError[] = [];
  const doc: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  const ok = !!doc && typeof doc === 'object' && !Array.isArray(doc);
  return { doc: ok ? (doc as Record<string, unknown>) : {}, broken: !ok || errors.length > 0 };
}

/** The command lines the given keys of a definition run, in order. */
export function lifecycleLines(doc: Record<string, unknown>, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const v = doc[key];
    const line = lifecycleLine(v);
    if (line !== undefined) out.push(line);
    else if (v && typeof v === 'object')
      for (const cmd of Object.values(v).slice(0, MAX_NAMED)) {
        const named = lifecycleLine(cmd);
        if (named !== undefined) out.push(named);
      }
  }
  return out;
}

/** The in-container lifecycle commands of a definition's text (initializeCommand, on this machine, is autorun's). */
export function devcontainerCommands(text: string): string[] {
  return lifecycleLines(readDevcontainer(text).doc, CONTAINER_KEYS);
}
