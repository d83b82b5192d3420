// How a mistake in `.agentguard.json` is told: the JSON path, line and
// column of each error, shared by the loader and the validator.
import type { Config } from './schema';

export interface ConfigError {
  /** Absolute path of the file. */
  file: string;
  /** JSON path of the offending value, e.g. `rules[1].decision`; empty for the whole file. */
  jsonPath: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** What was wrong and what was expected. */
  message: string;
  /** 0-based offset and length of the offending text (for editor diagnostics). */
  offset: number;
  length: number;
}

export type LoadedConfig =
  { ok: true; config: Config | undefined; file?: string } | { ok: false; errors: ConfigError[] };

/** One line per error: `rules[1].decision: expected one of "allow", "ask", "deny", got "block" (line 7, column 19)`. */
export function formatConfigError(e: ConfigError): string {
  return `${e.jsonPath || '(top level)'}: ${e.message} (line ${e.line}, column ${e.column})`;
}

/** The message the CLI prints (exit 78) and the hook returns: the file, then every error. */
export function formatConfigErrors(errors: readonly ConfigError[]): string {
  const files = [...new Set(errors.map((e) => e.file))];
  const head = `invalid AgentGuard config ${files.join(', ')}: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`;
  return [head, ...errors.map((e) => `  ${formatConfigError(e)}`)].join('\n');
}

/** `rules[1].decision`, `environments["prod-eu"].hosts[0]`. */
export function formatJsonPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(s))) out += (out ? '.' : '') + String(s);
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}
