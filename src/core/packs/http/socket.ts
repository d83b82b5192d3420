// A request sent through a container engine's socket (`curl --unix-socket
// /var/run/docker.sock http://localhost/containers/x`) goes to the engine,
// whatever host the URL names: it is no dev server. A
// container engine's API (Docker, Podman) runs and removes containers as the
// engine's user, root on most machines, past everything its CLI is judged
// for: a request that changes anything there asks.
import type { HttpRequest } from '../common/requestParts';
import type { ParsedUrl } from '../common/urls';
import type { Finding } from '../../types';
import type { Destination } from './destination';

/** Sockets of container engines: docker.sock, podman.sock, containerd, the Docker Desktop and colima sockets. */
const ENGINE_SOCKET = /(?:^|[/_.-])(?:docker|podman|containerd|dockershim|colima|orbstack)(?:[/_.-]|$)/i;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function socketDestination(req: HttpRequest, url: string, parsed: ParsedUrl): Destination | undefined {
  // Another local socket is a service of this machine, judged as localhost is.
  if (req.socket === undefined || !ENGINE_SOCKET.test(req.socket)) return undefined;
  return {
    url,
    parsed,
    label: `the container engine's API (${req.socket})`,
    target: req.socket,
    unknown: false,
  };
}

export function engineSocketFindings(req: HttpRequest): Finding[] {
  if (req.socket === undefined || !ENGINE_SOCKET.test(req.socket) || READ_METHODS.has(req.method)) return [];
  const path = req.urls.map((u) => /^[a-z]+:\/\/[^/]*(\/[^?#]*)?/i.exec(u)?.[1] ?? u)[0] ?? '/';
  return [
    {
      id: 'http.container-engine-api',
      summary: `sends ${req.method} ${path} to the container engine's API on ${req.socket}: it runs commands in, creates or removes containers and volumes as the engine's user (root on most machines), past what docker's own commands are judged for`,
      target: req.socket,
      alternative:
        'use the docker CLI (docker exec, docker rm, docker volume rm), whose commands can be read and judged',
      severity: 60,
    },
  ];
}
