// Settings the organization's managed policy locks (`lockedSettings`): VS
// Code and Cursor have no policy channel for a third-party extension's
// settings (docs/teams.md), so the extension reads the locked value from the
// managed policy, which only an administrator can write, and no user or
// workspace setting changes it.
import { readManagedPolicy, monitorModeAllowed } from '../core/frontdoor/policy';
import { type LockedSettings } from '../core/frontdoor/config';

/** The locked value of an `agentguard.*` setting, or undefined when the organization leaves it to the user. */
export function lockedSetting<K extends keyof LockedSettings>(name: K): LockedSettings[K] | undefined {
  const managed = readManagedPolicy();
  return managed.state === 'ok' ? managed.config.lockedSettings?.[name] : undefined;
}

/** Whether this machine lets any setting switch AgentGuard to monitor mode. */
export function monitorModeAllowedHere(): boolean {
  return monitorModeAllowed(readManagedPolicy());
}
