// Which build of AgentGuard this is: set by the bundler (esbuild.js), the
// same for every bundle of one build. The hook hands calls only to an editor
// judge of its own build, so a call is never judged by other rules than the
// CLI the host runs would apply.
declare const __AGENTGUARD_BUILD__: string | undefined;

export const BUILD_ID: string = typeof __AGENTGUARD_BUILD__ === 'string' ? __AGENTGUARD_BUILD__ : 'unbundled';
