// Statements that open data to people who should not reach it: row-level
// security switched off on a table (PostgreSQL `ALTER TABLE … DISABLE ROW
// LEVEL SECURITY`: every role with table privileges sees every row), grants to
// the roles anyone holds (Supabase's `anon` — whoever has the project's
// public key — and MySQL's anonymous account `''@'%'`), a policy that lets
// such a role through everything (`USING (true)`), and roles that bypass
// row-level security.
import type { Judge } from './clauses';
import { find } from './clauses';
import { readName, type Token } from './lexer';

/** Roles every visitor holds: Supabase's `anon` (the public API key), and PostgreSQL's PUBLIC (judged in ddl.ts). */
const ANONYMOUS_ROLES = new Set(['ANON']);

function anonymousGrantee(tokens: readonly Token[], from: number): string | undefined {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.depth !== 0) continue;
    if ((t.kind === 'word' || t.kind === 'ident') && ANONYMOUS_ROLES.has(t.up)) return t.raw;
    // MySQL: `TO ''@'%'`, the anonymous account.
    if (t.kind === 'string' && t.raw === '' && tokens[i + 1]?.raw === '@') return "''@'…'";
  }
  return undefined;
}

export function judgeAccess(tokens: readonly Token[], start: number, j: Judge): void {
  const verb = tokens[start]?.up;
  if (verb === 'ALTER' && tokens[start + 1]?.up === 'TABLE') {
    const rls = tokens.findIndex(
      (t, i) =>
        i > start &&
        t.depth === 0 &&
        t.up === 'ROW' &&
        tokens[i + 1]?.up === 'LEVEL' &&
        tokens[i + 2]?.up === 'SECURITY',
    );
    const switchedOff =
      rls > 0 &&
      (tokens[rls - 1]?.up === 'DISABLE' || (tokens[rls - 1]?.up === 'FORCE' && tokens[rls - 2]?.up === 'NO'));
    if (switchedOff) {
      let k = start + 2;
      if (tokens[k]?.up === 'IF' && tokens[k + 1]?.up === 'EXISTS') k += 2;
      if (tokens[k]?.up === 'ONLY') k++;
      const table = readName(tokens, k)?.name;
      j.out.push({
        id: 'sql.rls-disabled',
        summary: `switches row-level security off on ${table ?? 'a table'}: every role with access to the table sees and changes every row`,
        ...(table ? { target: table } : {}),
        alternative: 'keep row-level security on and add a policy for the access that is needed',
        severity: 60,
      });
    }
  }
  if (verb === 'GRANT' || (verb === 'ALTER' && tokens[start + 1]?.up === 'DEFAULT')) {
    const to = find(tokens, start, tokens.length, 'TO', 0);
    const who = to === -1 ? undefined : anonymousGrantee(tokens, to + 1);
    if (who) {
      j.out.push({
        id: 'sql.grant-anonymous',
        summary: `grants to ${who}, the role anyone holds who has the public API key (or no account at all)`,
        target: who,
        alternative: 'grant to the authenticated role, or to a specific role, and guard rows with a policy',
        severity: 60,
      });
    }
  }
  if (verb === 'CREATE' && tokens[start + 1]?.up === 'POLICY') {
    const to = find(tokens, start, tokens.length, 'TO', 0);
    const open = tokens.some(
      (t, i) =>
        t.depth === 0 &&
        (t.up === 'USING' || (t.up === 'CHECK' && tokens[i - 1]?.up === 'WITH')) &&
        tokens[i + 1]?.up === '(' &&
        tokens[i + 2]?.up === 'TRUE' &&
        tokens[i + 3]?.up === ')',
    );
    const everyone =
      to === -1 ||
      anonymousGrantee(tokens, to + 1) !== undefined ||
      tokens.slice(to + 1).some((t) => t.depth === 0 && t.up === 'PUBLIC');
    if (open && everyone) {
      const on = find(tokens, start, tokens.length, 'ON', 0);
      const table = on === -1 ? undefined : readName(tokens, on + 1)?.name;
      j.out.push({
        id: 'sql.open-policy',
        summary: `creates a policy that lets anyone through every row of ${table ?? 'a table'} (USING (true) for anonymous or public roles)`,
        ...(table ? { target: table } : {}),
        alternative: 'limit the policy to authenticated users and to their own rows (auth.uid() = user_id)',
        severity: 55,
      });
    }
  }
  if (
    (verb === 'ALTER' || verb === 'CREATE') &&
    (tokens[start + 1]?.up === 'ROLE' || tokens[start + 1]?.up === 'USER') &&
    tokens.some((t) => t.depth === 0 && t.up === 'BYPASSRLS')
  ) {
    const who = readName(tokens, start + 2)?.name;
    j.out.push({
      id: 'sql.bypass-rls',
      summary: `lets ${who ?? 'a role'} bypass row-level security on every table`,
      ...(who ? { target: who } : {}),
      alternative: 'grant the role the rows it needs through policies',
      severity: 55,
    });
  }
}
