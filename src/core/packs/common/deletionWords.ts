// Word classes of the thing a command deletes. The class decides the severity;
// see `deletionSeverity`.
export const BACKUP_WORDS = new Set([
  'backup', 'backups', 'snapshot', 'snapshots', 'recovery', 'vault', 'vaults', 'pitr', 'archive', 'archives',
  'checkpoint', 'checkpoints', 'restorepoint', 'restorepoints', 'stanza', 'retention',
]);

export const TOP_WORDS = new Set([
  'project', 'projects', 'account', 'accounts', 'org', 'orgs', 'organization', 'organizations',
  'subscription', 'subscriptions', 'tenant', 'tenants', 'workspace', 'workspaces', 'realm', 'realms',
]);

export const DATA_WORDS = new Set([
  'database', 'databases', 'db', 'dbs', 'd1', 'pg', 'postgres', 'postgresql', 'mysql', 'mariadb',
  'redis', 'mongo', 'mongodb', 'volume', 'volumes', 'vol', 'vols', 'disk', 'disks', 'bucket',
  'buckets', 'table', 'tables', 'cluster', 'clusters', 'storage', 'filesystem', 'filesystems',
  'fs', 'branch', 'branches', 'keyspace', 'keyspaces', 'dataset', 'datasets', 'index', 'indexes',
  'indices', 'kv', 'r2', 'sql', 'spanner', 'bigtable', 'firestore', 'datastore', 'alloydb',
  'rds', 'dynamodb', 'redshift', 'elasticache', 'memorystore', 'cosmosdb', 'efs', 'ebs', 'pvc',
  'pvcs', 'pv', 'pvs', 'graph', 'collection', 'collections', 'keyvault', 'replication', 'aks', 'eks',
  'gke', 'mpg', 'filestore', 'accessory', 'accessories', 'warehouse', 'warehouses', 'lake', 'datalake',
  'topic', 'topics', 'queue', 'queues', 'stream', 'streams', 'space', 'spaces', 'addon', 'addons', 'kubernetes',
  'k8s', 'schema', 'schemas', 'catalog', 'catalogs', 'lakehouse', 'lakehouses', 'vhost', 'vhosts', 'exchange',
  'exchanges', 'partition', 'partitions', 'model', 'models', 'store', 'stores', 'keyspaces', 'vectors', 'corpus', 'data',
]);

export const SERVICE_WORDS = new Set([
  'app', 'apps', 'application', 'applications', 'site', 'sites', 'stack', 'stacks', 'environment',
  'environments', 'namespace', 'namespaces', 'group', 'groups', 'service', 'services', 'instance',
  'instances', 'server', 'servers', 'droplet', 'droplets', 'machine', 'machines', 'vm', 'vms',
  'worker', 'workers', 'function', 'functions', 'deployment', 'deployments', 'repo', 'repos',
  'repository', 'repositories', 'registry', 'registries', 'domain', 'domains', 'zone', 'zones',
  'nodegroup', 'nodegroups', 'distribution', 'distributions', 'gateway', 'gateways', 'vpc',
  'network', 'networks', 'container', 'containers', 'webapp', 'functionapp', 'containerapp', 'connector', 'connectors',
  'pipeline', 'pipelines', 'resource', 'resources',
]);

/** Objects whose deletion is small: one item, a tag, a variable. */
export const SMALL_WORDS = new Set([
  'object', 'objects', 'item', 'items', 'key', 'keys', 'attribute', 'attributes', 'tag', 'tags',
  'label', 'labels', 'alias', 'aliases', 'message', 'messages', 'variable', 'variables', 'var',
  'vars', 'env', 'secret', 'secrets', 'member', 'members', 'invite', 'invites', 'file', 'files',
  'image', 'images', 'record', 'records', 'cache', 'caches', 'webhook', 'webhooks', 'token',
  'tokens', 'comment', 'comments', 'issue', 'issues', 'run', 'runs', 'artifact', 'artifacts',
  'release', 'releases', 'gist', 'gists', 'blob', 'blobs', 'document', 'documents', 'row', 'rows',
]);

/** Settings of a resource rather than the resource (`delete-bucket-policy`). */
export const CONFIG_WORDS = new Set([
  'policy', 'policies', 'lifecycle', 'configuration', 'config', 'tagging', 'cors', 'website',
  'encryption', 'notification', 'notifications', 'rule', 'rules', 'permission', 'permissions',
  'metric', 'metrics', 'alarm', 'alarms', 'trigger', 'triggers', 'parameter', 'parameters',
  'role', 'roles', 'user', 'users', 'binding', 'bindings', 'certificate', 'certificates',
  'profile', 'profiles', 'dashboard', 'dashboards', 'hook', 'hooks', 'endpoint', 'endpoints',
  'route', 'routes', 'alert', 'alerts', 'schedule', 'schedules', 'template', 'templates',
  'ssh', 'login', 'password', 'mfa', 'pair', 'acl', 'firewall', 'ingress', 'egress', 'consumer', 'consumers',
  'subscriber', 'subscribers', 'webhookconfiguration', 'webhookconfigurations',
]);
