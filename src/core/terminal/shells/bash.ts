// The gate bash loads (`eval "$(agentguard shell-init bash)"`, or the editor's PROMPT_COMMAND):
// a readline binding of Enter judges READLINE_LINE through the gate process (a
// coprocess). A refused line, and one that reached bash another way, is
// stopped before it runs: in PS0, or in the DEBUG trap of the editor's shell
// integration right after that trap reported the command's start, so the
// editor (and an agent waiting on the command) sees it end.
import { GATE_MARK, shq, type GatePaths } from './common';

export function bashGate(p: GatePaths): string {
  return `# ${GATE_MARK} for bash (agentguard shell-init bash): each command line is judged
# by AgentGuard when Enter reaches bash, before bash runs it.
if [[ $- == *i* && -z \${__agentguard_gate_active-} ]]; then
if (( BASH_VERSINFO[0] < 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 4) )); then
  builtin printf 'AgentGuard: bash %s is too old for the terminal gate (4.4 or later is needed); lines in this shell are not judged.\\n' "$BASH_VERSION" >&2
else
__agentguard_gate_active=1
__agentguard_node=${shq(p.node)}
__agentguard_cli=${shq(p.cli)}
__agentguard_serial=0
__agentguard_pass=
__agentguard_sofar=
__agentguard_blocked=
__agentguard_gate_pid=
__agentguard_prompts=0
__agentguard_debug_ran=
__agentguard_no_trap=
__agentguard_stops_in_debug=
# Enter types two private key sequences, random per shell: the first judges
# the line (and may replace it), the second accepts it.
__agentguard_judge_key='\\C-x\\C-g' __agentguard_accept_key='\\C-x\\C-g' __agentguard_letters=abcdefghijklmnopqrstuvwxyz
for __agentguard_i in 1 2 3 4 5 6 7 8; do
  __agentguard_judge_key+=\${__agentguard_letters:RANDOM%26:1}
  __agentguard_accept_key+=\${__agentguard_letters:RANDOM%26:1}
done
unset __agentguard_i __agentguard_letters

# The gate process: a coprocess, out of the job table so \`wait\` and \`jobs\` never see it.
__agentguard_start() {
  { coproc __AGENTGUARD_GATE { ELECTRON_RUN_AS_NODE=1 exec "$__agentguard_node" "$__agentguard_cli" gate --shell bash 2>/dev/null; }; } 2>/dev/null
  __agentguard_gate_pid=\${__AGENTGUARD_GATE_PID-}
  __agentguard_to=\${__AGENTGUARD_GATE[1]-}
  __agentguard_from=\${__AGENTGUARD_GATE[0]-}
  [[ -n $__agentguard_gate_pid ]] && builtin disown "$__agentguard_gate_pid" 2>/dev/null
}

# What this shell would make of the line's words: its aliases, and the
# functions named in the line or in an alias (\`declare -f\`), sent with the line
# so it is judged as bash will run it. No subshell: printed straight to the gate.
__agentguard_state() {
  local n w scan=$1 seen=' '
  local -a words fns=()
  builtin printf '\\1agentguard-shell-state\\n'
  for n in "\${!BASH_ALIASES[@]}"; do
    builtin printf 'alias -- %q=%q\\n' "$n" "\${BASH_ALIASES[$n]}"
    scan+=" \${BASH_ALIASES[$n]}"
  done
  IFS=$' \\t\\n' builtin read -r -d '' -a words <<<"\${scan//[^A-Za-z0-9_.:+@%\\/-]/ }"
  for w in "\${words[@]:0:256}"; do
    [[ $seen == *" $w "* ]] && continue
    seen+="$w "
    builtin declare -F -- "$w" >/dev/null 2>&1 && fns+=("$w")
  done
  (( \${#fns[@]} )) && builtin declare -f -- "\${fns[@]}"
}

# Bound to Enter: sends the whole text bash would run (continuation lines
# included, history references expanded as bash will expand them) with the
# folder, the exported variables and the shell's definitions, and acts on the
# verdict. A refused line never reaches bash: it is kept in the history, and
# the buffer becomes an inert \`((0))\` that fails, so whoever waits on the
# command sees it end.
__agentguard_judge() {
  local line=$READLINE_LINE id rid decision= message= expanded first
  # A command bash read on from a continuation prompt (the gate keeps them in one buffer; this is for the rest): judged whole.
  [[ -n $__agentguard_sofar ]] && line=$__agentguard_sofar$'\\n'$line
  __agentguard_accepts 1
  # \`!!\`, \`!rm\`, \`^a^b\`: what bash runs is the expansion (a reference it cannot expand runs nothing).
  if [[ $- == *H* && ( $line == *'!'* || $line == '^'* ) ]] && expanded=$(builtin history -p -- "$line" 2>/dev/null); then line=$expanded; fi
  __agentguard_pass=
  if [[ -z $__agentguard_gate_pid ]] || ! builtin kill -0 "$__agentguard_gate_pid" 2>/dev/null; then __agentguard_start; fi
  id=$((++__agentguard_serial))
  if { builtin printf '%s\\0%s\\0' "$id" "$PWD"; builtin declare -px; builtin printf '\\0'; __agentguard_state "$line"; builtin printf '\\0\\0%s\\0' "$line"; } >&"$__agentguard_to" 2>/dev/null; then
    while IFS= builtin read -r -d '' -u "$__agentguard_from" rid && IFS= builtin read -r -d '' -u "$__agentguard_from" decision && IFS= builtin read -r -d '' -u "$__agentguard_from" message; do
      [[ $rid == "$id" ]] && break
      decision=
    done
  fi
  case $decision in
    allow)
      __agentguard_pass=1
      __agentguard_sofar=$line
      [[ -n $message ]] && builtin printf '\\n%s\\n' "$message" >&2 ;;
    more)
      # The shell would read on: the newline goes into this buffer, and the whole is judged when complete (nothing reaches bash before).
      READLINE_LINE+=$'\\n'
      READLINE_POINT=\${#READLINE_LINE}
      __agentguard_accepts 0 ;;
    *)
      [[ -n $decision ]] || message='AgentGuard: not run: the terminal gate did not answer (it stopped, or the wait was interrupted). Run the line again.'
      builtin printf '\\n%s\\n' "$message" >&2
      # Never run: bash gets an arithmetic test no alias or function can replace; the line itself goes to the history after it (Up edits it).
      __agentguard_refused=$line
      first=\${line%%$'\\n'*}
      first=\${first//[^[:print:]]/?}
      # \`:\` never runs (the test before it fails): it only carries the refused line's first line.
      READLINE_LINE="((0)) && : 'AgentGuard refused: \${first//\\'/}'"
      READLINE_POINT=\${#READLINE_LINE}
      __agentguard_pass=1
      __agentguard_sofar= ;;
  esac
}

# Expanded by bash after it read a command and before it runs it: a command
# that did not pass the Enter binding (another key that accepts a line, a
# private key typed by hand, line editing switched off) is interrupted.
__agentguard_ps0() {
  [[ $__agentguard_pass == 1 ]] && return 0
  # A refused line under a DEBUG trap (the editor's shell integration) is stopped there, once the editor saw it start.
  [[ $__agentguard_pass == blocked && -n $__agentguard_stops_in_debug ]] && return 0
  builtin printf '%s\\n' "\${__agentguard_blocked:-AgentGuard: not run: this line reached bash without passing the terminal gate (AgentGuard judges lines when Enter is pressed).}" >&2
  builtin kill -INT "$$"
}

# Chained into an existing DEBUG trap (VS Code's shell integration, bash-preexec):
# the Enter binding's own call is no command for it, and a refused line is
# stopped right after the trap reported its start, so an agent waiting for
# that command sees it end, with the reason and a failing status.
__agentguard_debug() {
  __agentguard_debug_ran=1
  # A refused line's inert stand-in starts: its history entry becomes the refused line, before the editor's
  # shell integration reads the history to report the command, so an agent that sent the line sees that
  # command end (failing), and Up edits it.
  if [[ -n \${__agentguard_refused-} && $BASH_COMMAND == '((0))' ]]; then
    [[ $(builtin history 1) == *"((0)) && : 'AgentGuard refused: "* ]] && builtin history -d -1 2>/dev/null
    builtin history -s -- "$__agentguard_refused"
    __agentguard_refused=
  fi
  [[ $BASH_COMMAND != __agentguard_judge* ]]
}

__agentguard_stop() {
  [[ $__agentguard_pass == blocked ]] || return 0
  __agentguard_pass=
  builtin printf '%s\\n' "$__agentguard_blocked" >&2
  builtin kill -INT "$$"
}

__agentguard_wrap_debug() {
  # A function cannot read the trap (bash hides it inside functions): the known ones are named by the functions they call.
  local inner
  if builtin declare -F __vsc_preexec_all >/dev/null; then inner='__vsc_preexec_all "$_"'
  elif builtin declare -F __vsc_preexec_only >/dev/null; then inner='__vsc_preexec_only "$_"'
  elif builtin declare -F __bp_preexec_invoke_exec >/dev/null; then inner='__bp_preexec_invoke_exec "$_"'
  else
    __agentguard_stops_in_debug= __agentguard_no_trap=1
    return
  fi
  __agentguard_stops_in_debug=1 __agentguard_no_trap=
  builtin trap -- "__agentguard_debug \\"\\$_\\" && $inner; __agentguard_stop \\"\\$_\\"" DEBUG
}

# The second private key accepts the line, or (while a command is incomplete) does nothing.
__agentguard_accepts() {
  local km
  for km in emacs vi-insert vi-command; do
    if (( $1 )); then builtin bind -m "$km" "\\"$__agentguard_accept_key\\": accept-line"
    else builtin bind -m "$km" -x "\\"$__agentguard_accept_key\\": __agentguard_hold"; fi
  done
} 2>/dev/null
__agentguard_hold() { :; }

__agentguard_bind() {
  local km
  for km in emacs vi-insert vi-command; do
    builtin bind -m "$km" -x "\\"$__agentguard_judge_key\\": __agentguard_judge"
    builtin bind -m "$km" "\\"$__agentguard_accept_key\\": accept-line"
    builtin bind -m "$km" "\\"\\\\C-m\\": \\"$__agentguard_judge_key$__agentguard_accept_key\\""
    builtin bind -m "$km" "\\"\\\\C-j\\": \\"$__agentguard_judge_key$__agentguard_accept_key\\""
  done
  builtin bind -m emacs "\\"\\\\C-o\\": \\"$__agentguard_judge_key$__agentguard_accept_key\\""
} 2>/dev/null

# Before every prompt: a new command starts; the tripwire and the keys are put back if something moved them.
__agentguard_precmd() {
  local status=$?
  [[ -n \${__agentguard_refused-} ]] && builtin history -s -- "$__agentguard_refused"
  __agentguard_refused=
  __agentguard_pass= __agentguard_sofar= __agentguard_blocked=
  [[ $PS0 == *'$(__agentguard_ps0)'* ]] || PS0='$(__agentguard_ps0)'$PS0
  __agentguard_bind
  # A DEBUG trap the gate is not chained into (a new one, or one that replaced it) is chained; the first prompts always look.
  if (( __agentguard_prompts++ < 2 )) || [[ -z $__agentguard_no_trap && -z $__agentguard_debug_ran ]]; then __agentguard_wrap_debug; fi
  __agentguard_debug_ran=
  return "$status"
}

__agentguard_start
__agentguard_precmd
# Loaded from the editor's PROMPT_COMMAND, the loader calls __agentguard_precmd itself.
[[ -n \${__agentguard_loader-} ]] || PROMPT_COMMAND="__agentguard_precmd\${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
fi
fi
`;
}
