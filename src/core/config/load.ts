import type { Config } from './schema';

export interface ConfigError {
  /** Absolute path of the file. */
  file: string;
  /** JSON path of the offending value, e.g. `rules[1].decision`. */
  jsonPath: string;
  line: number;
  column: number;
  /** What was wrong and what was expected. */
  message: string;
}

export type LoadedConfig =
  | { ok: true; config: Config | undefined; file?: string }
  | { ok: false; errors: ConfigError[] };

// Placeholder until written: no config.
export function loadConfig(_workspace: string, _explicitFile?: string): LoadedConfig {
  return { ok: true, config: undefined };
}
