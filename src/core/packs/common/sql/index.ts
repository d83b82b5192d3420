// Reading SQL the way a database client does: statement-level judgment of
// any SQL text (a `psql -c` argument, a file fed with `-f`, a heredoc, an
// HTTP body, an MCP `execute_sql` call), MongoDB shell text, and where a
// client's SQL comes from. The sql pack judges generic SQL runners with it;
// databaseCli, orm, cloud and the generic CLI pack read SQL through it too.
export { MAX_SQL_CHARS, scanSql } from './lexer';
export type { SqlScan } from './lexer';
export { saysProduction } from './clauses';
export { analyzeMongo, mongoEffect } from './mongo';
export { mergeFindings, analyzeSql, looksLikeMongo, sqlEffect } from './analyze';
export { parseConnection, collectSql, judgeSqlInputs, inputsEffect } from './inputs';
export type { Connection, SqlSource, SqlInputs, SqlInputSpec } from './inputs';
