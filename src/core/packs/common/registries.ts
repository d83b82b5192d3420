// Package registries and indexes that serve the public packages a project
// installs anyway (and this machine's own): pointing a package manager at one
// of them, over https, changes nowhere packages come from, so it stays quiet.
import { isLocalHost, parseUrl } from './urls';

/** Hosts of the public registries and indexes. */
const PUBLIC_REGISTRY_HOSTS =
  /^(?:registry\.npmjs\.org|registry\.yarnpkg\.com|npm\.pkg\.github\.com|pypi\.org|pypi\.python\.org|files\.pythonhosted\.org|download\.pytorch\.org|rubygems\.org|index\.rubygems\.org)$/i;

/** The URL's host, lowercase; empty when it is no http(s) URL or its host is not written out. */
export function registryHost(url: string): string {
  return /^https?:\/\//i.test(url) ? (parseUrl(url)?.host ?? '') : '';
}

/** A public registry or index over https, or one on this machine. */
export function knownRegistry(url: string): boolean {
  const host = registryHost(url);
  if (!host) return false;
  return isLocalHost(host) || (/^https:\/\//i.test(url) && PUBLIC_REGISTRY_HOSTS.test(host));
}
