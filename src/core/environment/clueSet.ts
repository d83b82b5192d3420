// What a command points at, gathered without repeats.
import { isLocalHost } from './programs';
import { urlsInWord } from './urlInWord';
import { parseUrlHosts } from './urls';

export type ClueKind =
  'host' | 'kubeContext' | 'namespace' | 'awsProfile' | 'gcloudProject' | 'database' | 'deployTarget' | 'env';

/** One thing a command points at. */
export interface Clue {
  kind: ClueKind;
  /** Host, context, profile…; for `env`, the variable's value (never printed: it may hold a password). */
  value: string;
  /** For `env`: the variable's name. */
  name?: string;
  /** Where it was found, for evidence: `$DATABASE_URL`, `--context`, `ssh target`. */
  from: string;
}

export class ClueSet {
  readonly clues: Clue[] = [];
  add(kind: ClueKind, value: string | undefined, from: string, name?: string): void {
    if (!value) return;
    const v = kind === 'env' ? value : value.trim();
    if (!v || v.includes('$')) return; // an unresolved expansion says nothing yet
    // A handful of clues per command: a scan is cheaper than a keyed set.
    for (const c of this.clues) if (c.kind === kind && c.value === v && c.name === name) return;
    const clue: Clue = { kind, value: v, from };
    if (name) clue.name = name;
    this.clues.push(clue);
  }
  urls(text: string, from: string): void {
    if (!text.includes('://')) return;
    for (const url of urlsInWord(text)) {
      const { hosts, database, app } = parseUrlHosts(url);
      for (const h of hosts) this.add('host', h, from);
      this.add('database', database, from);
      // An app served on this machine is a local copy, whatever it is called.
      if (app && !hosts.every(isLocalHost))
        this.add('deployTarget', app, from === 'URL' ? 'application in URL' : `application in ${from}`);
    }
  }
  /** libpq `host=… dbname=…` strings. */
  conninfo(text: string, from: string): void {
    if (!text.includes('=')) return;
    for (const m of text.matchAll(/(?:^|\s)(host|hostaddr|dbname)\s*=\s*'?([^\s']+)/g)) {
      if (m[1] === 'dbname') this.add('database', m[2], from);
      else for (const h of m[2].split(',')) this.add('host', h.toLowerCase(), from);
    }
  }
}
