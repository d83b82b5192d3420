// Who may reach a Redis server and what runs inside it: `ACL SETUSER … nopass`
// lets whoever reaches the port in as that user with no password, `ACL
// DELUSER` removes users, and `MODULE LOAD` puts a shared library into the
// server process, native code running with the server's rights.
import type { Finding } from '../../types';

export function redisAccessFindings(name: string, arg: string, words: readonly string[], host: string): Finding[] {
  if (name === 'MODULE')
    return arg === 'LOAD' || arg === 'LOADEX'
      ? [
          {
            id: 'db.redis-module-load',
            summary: `MODULE ${arg} loads ${words[2] ?? 'a library'} into ${host} as native code run with the server's rights`,
            target: words[2] ?? host,
            alternative: "leave the server's modules to its configuration file",
            severity: 70,
          },
        ]
      : [];
  if (arg === 'SETUSER' && words.slice(3).some((w) => w.toLowerCase() === 'nopass'))
    return [
      {
        id: 'db.redis-acl',
        summary: `ACL SETUSER ${words[2] ?? ''} nopass lets anyone who reaches ${host} connect as that user with no password`,
        target: words[2] ?? host,
        alternative: 'give the user a password (>secret) and only the keys and commands it needs, never nopass',
        severity: 60,
      },
    ];
  if (arg !== 'DELUSER') return [];
  return [
    {
      id: 'db.redis-acl',
      summary: `ACL DELUSER removes users ${words.slice(2).join(', ')} from ${host}`,
      target: host,
      severity: 45,
    },
  ];
}
