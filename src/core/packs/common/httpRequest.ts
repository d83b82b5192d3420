// What an HTTP client invocation will send: method, URLs and body, for curl,
// wget, httpie/xh, `gh api` and PowerShell's Invoke-RestMethod. Bodies given
// as `@file` are read through the context (bounded); `@-` is the known stdin.
// curl is read in curlRequest.ts, the others in otherHttpClients.ts.
import type { AnalysisContext, SimpleCommand } from '../../types';
import { withMethodParam, type HttpRequest } from './requestParts';
import { curlRequest } from './curlRequest';
import { wgetRequest, httpieRequest, ghApiRequest, graphqurlRequest, powershellRequest } from './otherHttpClients';
export { expandCurlClusters } from './curlRequest';
export { type Body, type HttpRequest } from './requestParts';

export const HTTP_CLIENTS = [
  'curl',
  'wget',
  'http',
  'https',
  'xh',
  'xhs',
  'gh',
  'Invoke-RestMethod',
  'Invoke-WebRequest',
  'irm',
  'iwr',
  'invoke-restmethod',
  'invoke-webrequest',
  'gq',
  'graphqurl',
] as const;

export function readRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest | undefined {
  const req = clientRequest(cmd, ctx);
  return req && withMethodParam(req);
}

function clientRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest | undefined {
  switch (cmd.argv[0]) {
    case 'curl':
      return curlRequest(cmd, ctx);
    case 'wget':
      return wgetRequest(cmd, ctx);
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs':
      return httpieRequest(cmd, ctx);
    case 'gh':
      return ghApiRequest(cmd, ctx);
    case 'gq':
    case 'graphqurl':
      return graphqurlRequest(cmd, ctx);
    case 'Invoke-RestMethod':
    case 'Invoke-WebRequest':
    case 'irm':
    case 'iwr':
    case 'invoke-restmethod':
    case 'invoke-webrequest':
      return powershellRequest(cmd, ctx);
    default:
      return undefined;
  }
}
