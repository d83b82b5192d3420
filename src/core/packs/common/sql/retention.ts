// Retention cut in SQL: the settings warehouses and lakehouses keep history
// by (Delta `delta.logRetentionDuration`, `VACUUM … RETAIN 0 HOURS`,
// Snowflake `DATA_RETENTION_TIME_IN_DAYS = 0`, BigQuery
// `partition_expiration_days`). Set to nothing, time travel and recovery of
// what was changed or dropped go with it.
import type { Finding } from '../../../types';
import { retentionCut } from '../retention';
import type { Token } from './lexer';

function keyBefore(tokens: readonly Token[], i: number): string {
  let key = tokens[i].raw;
  for (
    let k = i - 1;
    k >= 1 &&
    tokens[k].up === '.' &&
    (tokens[k - 1].kind === 'word' || tokens[k - 1].kind === 'ident' || tokens[k - 1].kind === 'string');
    k -= 2
  ) {
    key = `${tokens[k - 1].raw}.${key}`;
  }
  return key;
}

export function judgeRetention(tokens: readonly Token[], start: number, out: Finding[]): void {
  for (let i = start; i < tokens.length && i < start + 400; i++) {
    const t = tokens[i];
    if (t.up === 'RETAIN' && tokens[i + 1]?.kind === 'number') {
      const unit = (tokens[i + 2]?.up ?? 'HOURS').toLowerCase();
      if (retentionCut('retain', `${tokens[i + 1].raw} ${unit}`)) {
        out.push({
          id: 'sql.retention-cut',
          summary: `RETAIN ${tokens[i + 1].raw} ${unit} removes every older version of the table: time travel and recovery of earlier data are gone`,
          severity: 70,
          alternative: 'keep the default retention (7 days for Delta)',
        });
        return;
      }
    }
    if ((t.kind !== 'word' && t.kind !== 'ident' && t.kind !== 'string') || tokens[i + 1]?.up !== '=') continue;
    const key = keyBefore(tokens, i);
    let value = tokens[i + 2]?.raw ?? '';
    if (tokens[i + 2]?.up === 'INTERVAL')
      value = tokens
        .slice(i + 3, i + 5)
        .map((x) => x.raw)
        .join(' ');
    if (retentionCut(key, value)) {
      out.push({
        id: 'sql.retention-cut',
        summary: `sets ${key} = ${value}: history kept for recovery and time travel is deleted`,
        target: key,
        severity: 70,
        alternative: 'keep the retention as it is; copy the table first if space is the problem',
      });
      return;
    }
  }
}
