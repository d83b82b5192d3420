// ORM and query-builder calls in a script that empty or drop whole tables:
// `sequelize.sync({ force: true })`, SQLAlchemy's `metadata.drop_all(engine)`,
// knex's `knex('users').del()`, drizzle's `db.delete(users)` with no `.where`,
// Django's `objects.all().delete()`, Rails' `User.delete_all`. No SQL string
// shows them, so the SQL readers of codeCalls.ts miss them; they become one
// finding each, as cloud SDK deletes do. The scoped forms (a where clause, a
// filter with arguments) name the rows they remove and stay quiet, and so does
// code whose only database is an in-memory one that is gone when it exits.
import type { Finding } from '../types';

/** Each wipe and the words the finding gives it. Every pattern is linear: no nested quantifier. */
const ORM_WIPES: readonly { re: RegExp; what: string }[] = [
  { re: /\.\s*sync\s*\(\s*\{[^{}]{0,200}?\bforce\s*:\s*true\b/, what: 'Sequelize sync({ force: true })' },
  {
    re: /\.\s*destroy\s*\(\s*\{[^{}]{0,200}?\btruncate\s*:\s*true\b|\.\s*destroy\s*\(\s*\{\s*where\s*:\s*\{\s*\}/,
    what: 'Sequelize destroy() of every row',
  },
  { re: /\b[A-Z]\w*\s*\.\s*truncate\s*\(\s*(?:\{[^{}]{0,200}\}\s*)?\)/, what: 'Model.truncate()' },
  { re: /\.\s*(?:drop_all|dropAllTables|dropAllSchemas|clearDatabase)\s*\(/, what: 'dropping every table' },
  {
    re: /\.\s*(?:dropTable|dropTableIfExists|dropSchema|dropSchemaIfExists|drop_table|dropCollection|drop_collection)\s*\(/,
    what: 'dropping a table or collection',
  },
  { re: /\.\s*synchronize\s*\(\s*true\s*\)/, what: 'TypeORM synchronize(true)' },
  {
    // SQLAlchemy: `session.query(User).delete()`, `session.execute(delete(User))`; peewee: `User.delete().execute()`.
    re: /\.\s*query\s*\(\s*[\w.]+\s*\)\s*\.\s*delete\s*\(|\bexecute\s*\(\s*delete\s*\(\s*[\w.]+\s*\)\s*\)|\b[A-Z]\w*\s*\.\s*delete\s*\(\s*\)\s*\.\s*execute\s*\(/,
    what: 'a delete of every row (SQLAlchemy / peewee)',
  },
  {
    // knex: `knex('users').del()`, `db.table('users').truncate()`; `.where(…)` after the call scopes it.
    re: /\b(?:knex|db|trx|tx|database|connection|conn|pg|mysql|qb)\s*(?:\.\s*(?:table|from)\s*)?\(\s*['"`][\w.]+['"`]\s*\)\s*\.\s*(?:del|delete|truncate)\s*\(\s*\)(?!\s*\.\s*(?:where|andWhere|orWhere)\w*\s*\()/,
    what: "knex('table').del() / truncate() without a where clause",
  },
  {
    // drizzle: `db.delete(users)` with no `.where(…)` after it.
    re: /\b(?:db|tx|trx|database)\s*\.\s*delete\s*\(\s*[A-Za-z_$][\w$.]*\s*\)(?!\s*\.\s*where\s*\()/,
    what: 'drizzle db.delete(table) without a where clause',
  },
  {
    re: /\.\s*(?:deleteMany|delete_many)\s*\(\s*(?:\{\s*where\s*:\s*\{\s*\}\s*\}\s*)?\)/,
    what: 'deleteMany() without a filter',
  },
  {
    re: /\.\s*manager\s*\.\s*clear\s*\(\s*\w|\bgetRepository\s*\([^()]{0,120}\)\s*\.\s*clear\s*\(/,
    what: 'TypeORM clear()',
  },
  {
    // firebase-admin's Realtime Database: a whole path written out (`ref('/')`, `ref('users')`), not one child of it.
    re: /\.\s*ref\s*\(\s*(?:['"][^'"$`+]*['"]\s*)?\)\s*\.\s*(?:remove\s*\(|set\s*\(\s*null\s*\))/,
    what: 'Realtime Database ref(path).remove()',
  },
  {
    re: /\b[A-Z]\w*\s*\.\s*objects\s*\.\s*(?:all|filter)\s*\(\s*\)\s*\.\s*delete\s*\(/,
    what: 'Django objects.all().delete()',
  },
  { re: /\b[A-Z]\w*\s*(?:\.\s*all\s*)?\.\s*(?:delete_all|destroy_all)\b/, what: 'Rails delete_all / destroy_all' },
];

/** A database that lives only as long as the process: SQLite in memory, pg-mem, mongodb-memory-server. */
const IN_MEMORY_DB = /:memory:|['"]sqlite:\/\/['"]|['"]sqlite::memory:['"]|\bpg-mem\b|\bmongodb-memory-server\b/;
/** …unless the code also names a server database or reads where it is from the environment. */
const OTHER_DB =
  /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|mssql|redis):\/\/|DATABASE_URL|\bprocess\.env\b|\bos\.environ\b|\bgetenv\b|\bENV\[/;

/** Whole-table deletes and drops through an ORM or query builder, one finding per kind of call. */
export function ormWipes(code: string): Finding[] {
  if (IN_MEMORY_DB.test(code) && !OTHER_DB.test(code)) return [];
  const out: Finding[] = [];
  for (const { re, what } of ORM_WIPES) {
    const hit = re.exec(code);
    if (!hit) continue;
    const call = hit[0].replace(/\s+/g, '').slice(0, 120);
    out.push({
      id: 'code.orm-wipe',
      summary: `the code empties or drops database tables through ${what} (${call}), which no command line shows`,
      target: call,
      alternative: 'scope it with a where clause, or run it against a local or test database',
      severity: 60,
    });
  }
  return out;
}
