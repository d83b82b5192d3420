// The operations the AgentGuard service answers. One list: the service's
// keeper (what each does) and the protocol's reader (what a request may name)
// both take it from here.

export const SERVICE_OPS = [
  'status',
  'count',
  'record',
  'engage',
  'release',
  'verify',
  'approval',
  'approved',
  'snapshot.keep',
  'snapshot.list',
  'snapshot.get',
  'snapshot.restored',
  'policy.confirm',
  'hooks.record',
] as const;

export type ServiceOp = (typeof SERVICE_OPS)[number];
