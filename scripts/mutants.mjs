// The bounded list `npm run mutate` (scripts/mutate.mjs) applies, one at a
// time: each changes one fail-closed line of the launcher, the hook, the
// terminal gate, the state folder, the approval channel or the shipper the
// way a slip would, and names the tests that must then fail (`tests`: files
// under test/unit without `.test.ts`; `grep`: only the tests whose name
// matches). `from` must occur exactly once in `file`. A new fail-closed line
// gets a mutant here with the test that pins it. The launcher's sh text is
// quoted as the TypeScript that writes it spells it.
export const MUTANTS = [
  // ---- the launcher (src/core/launcher): what the host reads is a confirmed answer, or its block
  {
    id: 'launcher.confirmation-unchecked', file: 'src/core/launcher/posix.ts',
    from: `'  *) ag_fail died "$ag_cli on $ag_rt exited with $ag_code without confirming an answer`, to: `'  *) : "$ag_cli on $ag_rt exited with $ag_code without confirming an answer`,
    tests: ['launcher/launcherConfirm'], why: 'an answer the CLI did not confirm reaches the host',
  },
  {
    id: 'launcher.confirmed-code-ignored', file: 'src/core/launcher/posix.ts',
    from: 'ag_head="${ANSWER_MARK} $ag_code"', to: 'ag_head="${ANSWER_MARK} 0"',
    tests: ['launcher/launcherConfirm'], grep: 'another exit code', why: 'a confirmation of another exit code is taken',
  },
  {
    id: 'launcher.incomplete-install-run', file: 'src/core/launcher/posix.ts',
    from: '&& [ -f "\\${1%/*}/${CLI_BUNDLE}" ] && [ -s "\\${1%/*}/${CLI_BUNDLE}" ]', to: '',
    tests: ['launcher/launcherConfirm'], grep: 'still being unpacked', why: 'a newer install with an empty bundle is picked over a complete one',
  },
  {
    id: 'launcher.empty-cli-run', file: 'src/core/launcher/posix.ts',
    from: '`  [ -f "$1" ] && [ -s "$1" ] &&', to: '`  [ -f "$1" ] &&',
    tests: ['launcher/launcherConfirm'], grep: 'still being unpacked', why: 'a newer install with an empty CLI is picked over a complete one',
  },
  {
    id: 'launcher.exit-code-unchecked', file: 'src/core/launcher/posix.ts',
    from: `'  *" $ag_code "*) ;;',`, to: `'  *) ;;',`,
    tests: ['launcher/launcher'], grep: 'dies, prints garbage', why: 'an exit code the host ignores (a crash, a signal) reaches it',
  },
  {
    id: 'launcher.unreadable-json-passed', file: 'src/core/launcher/posix.ts',
    from: `'    *) ag_fail died "$ag_cli printed no answer its host can read" ;;',`, to: `'    *) ;;',`,
    tests: ['launcher/launcherConfirm'], grep: 'another exit code', why: 'a confirmed answer its JSON host cannot read reaches it',
  },
  {
    id: 'launcher.watchdog-off', file: 'src/core/launcher/posix.ts',
    from: `'    wait "$ag_sleep" && kill -9 "$ag_child" 2>/dev/null',`, to: `'    wait "$ag_sleep"',`,
    tests: ['launcher/launcher'], grep: 'dies, prints garbage', why: 'a hung CLI is never killed: the host times the hook out',
  },
  {
    id: 'launcher.budget-uncapped', file: 'src/core/launcher/posix.ts',
    from: ' && [ "$AGENTGUARD_LAUNCHER_BUDGET_SECONDS" -lt "$ag_budget" ]', to: '',
    tests: ['launcher/launcher'], grep: 'never one past', why: 'AGENTGUARD_LAUNCHER_BUDGET_SECONDS may exceed the host\'s own budget',
  },
  {
    id: 'launcher.loader-variables-kept', file: 'src/core/launcher/posix.ts',
    from: "    `unset ${SCRUBBED_ENV.join(' ')}`,", to: '',
    tests: ['launcher/launcher'], grep: 'loader variables', why: 'NODE_OPTIONS and friends reach the CLI',
  },
  {
    id: 'launcher.handed-home-searched', file: 'src/core/launcher/posix.ts',
    from: "  return shQuote(rel.startsWith(data) ? `${dataHome}/${rel.slice(data.length)}` : `${home}/${rel}`);", to: "  return `\"${rel.startsWith(data) ? '${XDG_DATA_HOME:-$HOME/.local/share}/' + rel.slice(data.length) : '$HOME/' + rel}\"`;",
    tests: ['launcher/launcher'], grep: 'runtime: a recorded Node', why: 'an editor server\'s Node under a HOME handed to the hook is run',
  },
  {
    id: 'resolver.confirmation-unchecked', file: 'src/core/launcher/windows.ts',
    from: '    if (answer.exitCode === undefined) {', to: '    if (false) {',
    tests: ['launcher/launcherWindows'], why: 'the Windows resolver lets a CLI end without an answer',
  },
  {
    id: 'resolver.incomplete-install-run', file: 'src/core/launcher/windows.ts',
    from: '  return full(cli) && full(path.join(path.dirname(cli), ${JSON.stringify(CLI_BUNDLE)}));', to: '  return full(cli);',
    tests: ['launcher/launcherWindows'], why: 'the Windows resolver picks an install still being unpacked',
  },
  {
    id: 'cli.confirms-unconditionally', file: 'src/cli/hook/answer.ts',
    from: '      confirmAnswered(this.exitCode);', to: '',
    tests: ['launcher/launcherWindows'], grep: 'newest install', why: 'the responder does not confirm its answer to an in-process launcher',
  },
  {
    id: 'cli.load-failure-exit-0', file: 'src/cli/launcher.ts',
    from: '      process.exit(2);', to: '      process.exit(0);',
    tests: ['channels/editorJudge/judge'], grep: 'CLI bundle is missing', why: 'a CLI that cannot load its bundle exits 0',
  },
  {
    id: 'cli.judge-answer-unconfirmed', file: 'src/cli/hookClient.ts',
    from: '        const out = answerHead(attempt.answer.exitCode) + attempt.answer.stdout;', to: '        const out = attempt.answer.stdout;',
    tests: ['launcher/launcherConfirm'], grep: 'editor\'s judge', why: 'the editor judge\'s answer through the launcher is not confirmed (every call blocks)',
  },

  // ---- the hook process (src/cli/hook)
  {
    id: 'hook.last-resort-off', file: 'src/cli/hook/answer.ts',
    from: "    process.on('uncaughtException', (err) => fail(`internal error: ${err?.message ?? err}`));", to: '',
    tests: ['cli/hook/hookFailClosed'], grep: 'nobody catches', why: 'an exception after the responder is armed ends the hook without its deny',
  },
  {
    id: 'hook.watchdog-off', file: 'src/cli/hook/answer.ts',
    from: '    this.watchdog = setTimeout(() => fail(', to: '    this.watchdog = undefined && setTimeout(() => fail(',
    tests: ['cli/hook/hookFailClosed'], grep: 'deadline passes', why: 'a hook that never decides is never denied by its own deadline',
  },
  {
    id: 'hook.exit-fallback-off', file: 'src/cli/hook/answer.ts',
    from: "      if (!this.answered) process.exitCode = this.respond(failureAnswer('the hook stopped before it decided'));", to: '',
    tests: ['cli/hook/hookFailClosed'], grep: 'ends without an answer', why: 'a hook whose work ends without an answer exits 0 with nothing',
  },
  {
    id: 'hook.unwritable-stdout-exit-0', file: 'src/cli/hook/answer.ts',
    from: '      this.exitCode = 2;\n    }', to: '      this.exitCode = 0;\n    }',
    tests: ['cli/hook/hook'], grep: 'cannot be written', why: 'an answer that cannot be written exits 0',
  },
  {
    id: 'hook.internal-error-passes', file: 'src/cli/hook/index.ts',
    from: '    return finishFailed(failSafe(host), stateDir(), problem,', to: '    return 0; void finishFailed(failSafe(host), stateDir(), problem,',
    tests: ['cli/hook/hookFailClosed'], grep: 'internal error in the hook', why: 'an internal error in the hook exits 0 without an answer',
  },
  {
    id: 'hook.oversized-payload-read', file: 'src/cli/hook/stdin.ts',
    from: '  if (size > maxBytes) return tooLarge(maxBytes);', to: '',
    tests: ['cli/hook/hookFailClosed'], grep: 'over the cap', why: 'a payload over the cap is judged as if whole',
  },
  {
    id: 'hook.invalid-utf8-read', file: 'src/cli/hook/stdin.ts',
    from: "new TextDecoder('utf-8', { fatal: true })", to: "new TextDecoder('utf-8', { fatal: false })",
    tests: ['cli/hook/hook'], grep: 'unreadable input', why: 'a payload that is not UTF-8 is judged with replacement characters',
  },
  {
    id: 'approval.not-human-counts', file: 'src/cli/hook/approval.ts',
    from: "      if (outcome.by === 'user') return { via: 'editor', decision: outcome.decision };", to: "      if (outcome.by !== 'invalid') return { via: 'editor', decision: outcome.decision };",
    tests: ['cli/hook/hook'], grep: 'counts as the human', why: 'an editor answer that is not the human\'s (busy, cancelled) counts as the human\'s',
  },
  {
    id: 'call.unrecorded-allow', file: 'src/core/frontdoor/call.ts',
    from: '  const answer = logged.ok || outcome.answer.decision === \'deny\' ? outcome.answer : auditFailureAnswer(logged.error);', to: '  const answer = outcome.answer;',
    tests: ['cli/hook/hook'], grep: 'audit', why: 'a call that cannot be recorded is let through',
  },
  {
    id: 'call.rate-limit-unrecorded-runs', file: 'src/core/frontdoor/verdict.ts',
    from: "  if (limit.recorded === false) return { ...verdict, decision: 'deny',", to: "  if (limit.recorded === 'never') return { ...verdict, decision: 'deny',",
    tests: ['cli/hook/hookBounded'], grep: 'cannot record', why: 'a gated call the rate limit cannot count runs',
  },

  // ---- the terminal gate (src/cli/gate, src/core/frontdoor/line.ts)
  {
    id: 'gate.engine-failure-runs', file: 'src/cli/gate/gate.ts',
    from: "    return { decision: 'deny', message: `AgentGuard could not judge this command", to: "    return { decision: 'allow', message: `AgentGuard could not judge this command",
    tests: ['cli/gate/gateFailClosed'], grep: 'engine that fails', why: 'a line the engine failed on runs',
  },
  {
    id: 'gate.judge-lost-runs', file: 'src/cli/gate/gate.ts',
    from: "      if (reply.status === 'answered') return reply.answer;\n      if (reply.status === 'lost') return { decision: 'deny',", to: "      if (reply.status === 'answered') return reply.answer;\n      if (reply.status === 'lost') return { decision: 'allow',",
    tests: ['cli/gate/gateFailClosed'], grep: 'judge lost', why: 'a line whose judge was lost mid-line runs',
  },
  {
    id: 'gate.judge-lost-once-runs', file: 'src/cli/gate/gate.ts',
    from: "      s.close();\n      if (reply.status === 'lost') return { decision: 'deny',", to: "      s.close();\n      if (reply.status === 'lost') return { decision: 'allow',",
    tests: ['cli/gate/gateFailClosed'], grep: 'judge lost', why: 'a command string whose judge was lost mid-line runs',
  },
  {
    id: 'gate.more-runs', file: 'src/cli/gate/gate.ts',
    from: "  return verdict.decision === 'allow' ? 0 : 1;", to: "  return verdict.decision === 'deny' ? 1 : 0;",
    tests: ['cli/gate/gateFailClosed'], grep: 'incomplete line', why: 'a command string answered "more" runs',
  },
  {
    id: 'line.more-for-command-strings', file: 'src/core/frontdoor/line.ts',
    from: " && call.via === 'terminal' && awaitsMoreInput(call.line)) return done({ decision: 'more' });", to: " && awaitsMoreInput(call.line)) return done({ decision: 'more' });",
    tests: ['cli/gate/gateFailClosed'], grep: 'incomplete line', why: 'an incomplete bash -c string is answered "more" instead of judged',
  },
  {
    id: 'line.unrecorded-runs', file: 'src/core/frontdoor/line.ts',
    from: "  if (outcome.answer.decision === 'deny') return outcome.answer;\n  return { decision: 'deny',", to: "  return outcome.answer;\n  return { decision: 'deny',",
    tests: ['cli/gate/gateFailClosed'], grep: 'cannot be recorded', why: 'a terminal line that cannot be recorded runs',
  },
  {
    id: 'line.overlong-judged', file: 'src/core/frontdoor/line.ts',
    from: '  if (call.line.length > MAX_LINE_CHARS) {', to: '  if (call.line.length > MAX_LINE_CHARS * 1000) {',
    tests: ['cli/gate/gateFailClosed'], grep: 'cannot be recorded', why: 'a line over the bound is judged in part',
  },
  {
    id: 'gate.fifo-blocking-read', file: 'src/cli/gate/gate.ts',
    from: "  const input = new Socket({ fd: fs.openSync(path.join(dir, 'in'), fs.constants.O_RDWR | fs.constants.O_NONBLOCK), readable: true, writable: false });", to: "  const input = fs.createReadStream(path.join(dir, 'in'), { flags: 'r+' });",
    tests: ['terminal/terminalGate'], grep: 'fish: the gate process ends', why: 'fish\'s gate hangs in its own exit and outlives its shell',
  },

  // ---- the state folder (src/core/state)
  {
    id: 'state.killswitch-without-flag-released', file: 'src/core/state/index.ts',
    from: "    if (typeof parsed.engaged !== 'boolean') return { engaged: true,", to: "    if (typeof parsed.engaged !== 'boolean') return { engaged: false,",
    tests: ['cli/hook/hook'], grep: 'kill switch denies', why: 'a kill switch file without a boolean "engaged" ({}) counts as released',
  },
  {
    id: 'state.killswitch-garbled-released', file: 'src/core/state/index.ts',
    from: "    return { engaged: true, reason: 'kill switch file is not valid JSON' };", to: "    return { engaged: false, reason: 'kill switch file is not valid JSON' };",
    tests: ['cli/hook/hook'], grep: 'kill switch denies', why: 'an unparsable kill switch file counts as released',
  },
  {
    id: 'state.killswitch-unreadable-released', file: 'src/core/state/index.ts',
    from: "  if (!read.ok) return read.missing ? { engaged: false } : { engaged: true,", to: "  if (!read.ok) return { engaged: false } || { engaged: true,",
    tests: ['cli/hook/hookBounded'], grep: 'kill switch path', why: 'a kill switch that cannot be read (a FIFO, a folder) counts as released',
  },
  {
    id: 'state.home-from-environment', file: 'src/core/state/index.ts',
    from: "    home = process.platform === 'win32' ? undefined : os.userInfo().homedir;", to: '    home = undefined;',
    tests: ['state/stateRelocation'], why: 'the state folder follows the HOME a hook is handed',
  },
  {
    id: 'state.unconfirmed-relocation-honoured', file: 'src/core/state/index.ts',
    from: '  if (!exists || confirmedRelocations(home).includes(requested)) return { dir: requested };', to: '  return { dir: requested };',
    tests: ['state/stateRelocation'], why: 'an AGENTGUARD_STATE_DIR nobody confirmed escapes the kill switch',
  },
  {
    id: 'state.rate-limit-skew-dropped', file: 'src/core/policy/rateLimit.ts',
    from: '  const until = at + 5_000;', to: '  const until = at;',
    tests: ['policy/rateLimit'], grep: 'clock', why: 'gated calls of parallel hooks stamped a moment later are not counted',
  },
  {
    id: 'guard.account-home-unprotected', file: 'src/core/guard/stateDirs.ts',
    from: '[...new Set([ctx.home, accountHome()])]', to: '[ctx.home]',
    tests: ['state/stateRelocation'], grep: 'stay protected', why: 'with another HOME, the account\'s launcher and hook files are not protected',
  },
  {
    id: 'guard.case-folding-off-macos', file: 'src/core/guard/index.ts',
    from: "  return platform === 'darwin' || platform === 'win32';", to: "  return platform === 'win32';",
    tests: ['guard/selfProtection'], grep: 'case-insensitive', why: 'on macOS, ~/.SSH or .Agentguard.json in another case escapes the guard',
  },
  {
    id: 'guard.case-folding-dir', file: 'src/core/guard/realPaths.ts',
    from: '  const out: Touch = { ...t, path, dir: t.dir.toLowerCase() };', to: '  const out: Touch = { ...t, path };',
    tests: ['guard/selfProtection'], grep: 'case-insensitive', why: 'a glob in another case over a protected folder escapes the guard',
  },

  // ---- the read tools
  {
    id: 'reads.cut-silently', file: 'src/core/request/index.ts',
    from: '  const beyond: Finding[] = unjudged ? [{', to: '  const beyond: Finding[] = false ? [{',
    tests: ['request/readTools'], grep: 'more paths', why: 'paths past the 32nd are dropped unjudged',
  },

  // ---- the shipper (src/core/ship)
  {
    id: 'ship.rewritten-log-unnoticed', file: 'src/core/ship/spool.ts',
    from: "    else if (start.offset > 0 && readRange(fd, start.offset - 1, 1)[0] !== 0x0a) gap =", to: '    else if (false) gap =',
    tests: ['ship/auditShip'], grep: 'no longer continues', why: 'a log rewritten after delivery is shipped on as if it continued',
  },
  {
    id: 'ship.truncated-log-unnoticed', file: 'src/core/ship/spool.ts',
    from: '    if (st.size < start.offset) gap =', to: '    if (false) gap =',
    tests: ['ship/auditShip'], grep: 'no longer continues', why: 'a log truncated after delivery is shipped on as if it continued',
  },
];
