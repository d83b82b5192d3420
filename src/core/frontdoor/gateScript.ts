// The line each shell's start-up file evaluates (`agentguard shell-init`),
// apart from the rest of the terminal door: the launcher answers shell-init
// itself, and everything it imports is compiled before every hook call.
export { gateScript, type GatePaths, type InteractiveShell } from '../terminal/shells';
