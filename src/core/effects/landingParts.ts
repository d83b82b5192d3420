// What every landing reading shares: the Landing a command reports, a word
// resolved to where it points, and a landing whose entries are listed once.
import * as path from 'node:path';
import { homeOf, resolveWord } from '../command/paths';
import type { AnalysisContext, SimpleCommand } from '../types';

const posix = path.posix;

export interface Landing {
  /** Absolute folder the contents land in (or the name a single file lands as). */
  at: string;
  /**
   * What lands below `at`, relative (`''` is `at` itself), read only when
   * asked (a folder listed, an archive read); undefined when it cannot be
   * known before the command runs.
   */
  entries(): string[] | undefined;
  /** The source (absolute), for messages. */
  from?: string;
  /** An archive's extraction: what lands comes out of the file `from`, not from a folder. */
  archive?: true;
  /**
   * An archive's extraction: the text of what lands at `rel` (one of
   * `entries()`), read out of the archive; undefined when it cannot be read.
   */
  read?(rel: string): string | undefined;
  /**
   * A symbolic link made at `at`: what is below it is whatever `from` holds
   * when it is read, now or after any later change there, so never listed.
   */
  link?: true;
  /**
   * The source could not be resolved (a word known only at run time, another machine's path): something lands
   * below `at`, but what cannot be known before the command runs.
   */
  unresolved?: true;
}

export const REMOTE_RE = /^(?:[\w.-]+@)?[\w.-]+:/;

export interface Where {
  abs: string;
  /** The word held an expansion or glob the engine cannot resolve. */
  unknown: boolean;
}

export function where(word: string, cmd: SimpleCommand, ctx: AnalysisContext): Where | undefined {
  if (!word || REMOTE_RE.test(word)) return undefined;
  const r = resolveWord(word, cmd.cwd, homeOf(cmd.env, ctx));
  if (r.dynamic || !r.abs.startsWith('/')) return undefined;
  return { abs: posix.normalize(r.abs), unknown: /[*?[]/.test(word) };
}

export function landing(at: string, entries: () => string[] | undefined, from?: string): Landing {
  // Listed once, however many judges ask (protected paths, autorun places).
  let listed: { value: string[] | undefined } | undefined;
  const once = (): string[] | undefined => (listed ??= { value: entries() }).value;
  return { at, entries: once, ...(from ? { from } : {}) };
}
