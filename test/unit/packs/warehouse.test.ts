// Warehouses and lakehouses: destructive SQL through their CLIs (known or
// not), file systems under them, workspaces and clusters, retention cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

const { decide } = engine();

test('destructive SQL through warehouse CLIs asks, selects and dry runs do not', () => {
  for (const line of [
    "snowsql -a acme -q 'DROP DATABASE ANALYTICS'",
    "trino --server https://trino.acme.io --execute 'DROP TABLE hive.raw.events'",
    "spark-sql -e 'DROP TABLE IF EXISTS prod.events'",
    "bq query --use_legacy_sql=false 'DELETE FROM analytics.users WHERE true'",
    // A CLI nobody named: its SQL option is read like psql -c.
    "dbsqlcli -e 'TRUNCATE TABLE raw.events'",
    'databricks sql-cli -e \'ALTER TABLE events SET TBLPROPERTIES (delta.logRetentionDuration = "interval 0 days")\'',
    "spark-sql -e 'VACUUM events RETAIN 0 HOURS'",
  ]) {
    assert.equal(decide(line), 'ask', line);
  }
  for (const line of [
    "snowsql -c prod -q 'SELECT count(*) FROM raw.events'",
    "dbsqlcli -e 'SELECT 1'",
    "bq query --dry_run 'DELETE FROM t WHERE true'",
    "spark-sql -e 'VACUUM events RETAIN 168 HOURS'",
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test('file systems under the warehouse: HDFS and DBFS deletions', () => {
  assert.equal(decide('hdfs dfs -rm -r -skipTrash /data/warehouse'), 'ask');
  assert.equal(decide('hadoop fs -rmr /lake/raw'), 'ask');
  assert.equal(decide('hdfs dfs -expunge'), 'ask');
  assert.equal(decide('dbfs rm -r dbfs:/mnt/raw'), 'ask');
  assert.equal(decide('hdfs dfs -ls /data/warehouse'), 'allow');
  assert.equal(decide('dbfs ls dbfs:/mnt/raw'), 'allow');
});

test('workspaces, clusters, tables and catalogs through the verb grammar', () => {
  for (const line of [
    'databricks workspace delete /Users/ci/etl --recursive',
    'databricks clusters permanent-delete 0123',
    'databricks tables delete main.sales.orders',
    'databricks catalogs delete main --force',
    'bq rm -r -f -d acme:analytics',
    'aws glue delete-database --name analytics',
    'az storage fs delete -n lake --account-name acme --yes',
  ]) {
    assert.equal(decide(line), 'ask', line);
  }
  for (const line of [
    'databricks workspace list /Users/ci',
    'databricks clusters list',
    'databricks tables get main.sales.orders',
    'bq ls acme:analytics',
    'dbt run --select staging',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});
