// The gate bash loads (`eval "$(agentguard shell-init bash)"`, or the editor's PROMPT_COMMAND):
// a readline binding of Enter judges READLINE_LINE through the gate process (a
// coprocess), and PS0 stops a command that reached bash another way.
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
__agentguard_message=
__agentguard_gate_pid=
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

# Bound to Enter: sends the whole text bash would run (continuation lines
# included) with the folder and the exported variables, and acts on the verdict.
__agentguard_judge() {
  local line=$READLINE_LINE id rid decision= message= q
  # Still reading the same command (a continuation line): judge it as a whole.
  [[ -n $__agentguard_sofar ]] && line=$__agentguard_sofar$'\\n'$line
  __agentguard_pass=
  if [[ -z $__agentguard_gate_pid ]] || ! builtin kill -0 "$__agentguard_gate_pid" 2>/dev/null; then __agentguard_start; fi
  id=$((++__agentguard_serial))
  if { builtin printf '%s\\0%s\\0' "$id" "$PWD"; builtin declare -px; builtin printf '\\0\\0%s\\0' "$line"; } >&"$__agentguard_to" 2>/dev/null; then
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
      __agentguard_sofar=$line ;;
    *)
      [[ -n $decision ]] || message='AgentGuard: not run: the terminal gate did not answer (it stopped, or the wait was interrupted). Run the line again.'
      if [[ $line != "$READLINE_LINE" ]]; then
        # Earlier lines of this command are already with bash: the whole is stopped before it runs (PS0).
        __agentguard_blocked=$message
      else
        # Bash runs, instead of the line, one that prints why and fails: whoever waits for the command's end sees both.
        __agentguard_message=$message
        q=\${READLINE_LINE%%$'\\n'*}
        READLINE_LINE="__agentguard_refuse  # \${q:0:200}"
        READLINE_POINT=\${#READLINE_LINE}
        __agentguard_pass=1
      fi
      __agentguard_sofar= ;;
  esac
}

__agentguard_refuse() {
  builtin printf '%s\\n' "$__agentguard_message" >&2
  return 1
}

# Expanded by bash after it read a command and before it runs it: a command
# that did not pass the Enter binding (another key that accepts a line, a
# private key typed by hand, line editing switched off) is interrupted.
__agentguard_ps0() {
  [[ -n $__agentguard_pass ]] && return 0
  builtin printf '%s\\n' "\${__agentguard_blocked:-AgentGuard: not run: this line reached bash without passing the terminal gate (AgentGuard judges lines when Enter is pressed).}" >&2
  builtin kill -INT "$$"
}

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
  __agentguard_pass= __agentguard_sofar= __agentguard_blocked=
  [[ $PS0 == *'$(__agentguard_ps0)'* ]] || PS0='$(__agentguard_ps0)'$PS0
  __agentguard_bind
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
