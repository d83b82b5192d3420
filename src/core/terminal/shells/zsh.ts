// The gate zsh loads (`eval "$(agentguard shell-init zsh)"`, or the editor's ZDOTDIR):
// the accept-line widget judges the whole buffer through the gate process (a
// coprocess); the last preexec hook stops a refused line, and one that reached
// zsh another way, after the editor's shell integration reported its start.
import { GATE_MARK, shq, type GatePaths } from './common';

export function zshGate(p: GatePaths): string {
  return `# ${GATE_MARK} for zsh (agentguard shell-init zsh): each command line is judged
# by AgentGuard when Enter reaches zsh, before zsh runs it.
if [[ -o interactive && -z \${__agentguard_gate_active-} ]]; then
typeset -g __agentguard_gate_active=1
typeset -g __agentguard_node=${shq(p.node)} __agentguard_cli=${shq(p.cli)}
typeset -gi __agentguard_serial=0
typeset -g __agentguard_pass= __agentguard_blocked= __agentguard_stopped= __agentguard_gate_pid= __agentguard_to= __agentguard_from=

# The gate process: a coprocess whose ends this shell keeps under its own
# names (a later \`coproc\` of yours does not take them), out of the job table.
__agentguard_start() {
  setopt localoptions nomonitor
  [[ -n $__agentguard_to ]] && exec {__agentguard_to}>&- {__agentguard_from}<&- 2>/dev/null
  coproc ELECTRON_RUN_AS_NODE=1 exec "$__agentguard_node" "$__agentguard_cli" gate --shell zsh 2>/dev/null
  __agentguard_gate_pid=$!
  exec {__agentguard_to}>&p {__agentguard_from}<&p
  builtin disown %% 2>/dev/null
} 2>/dev/null

# The widget on Enter: judges the whole buffer (a multi-line paste, a heredoc,
# continuation lines), history references expanded as zsh will expand them,
# with the shell's aliases and the functions the line names, and accepts it,
# keeps it open for more, or refuses it. A refused line never reaches zsh:
# it goes to the history, and the buffer becomes an inert \`((0))\` that fails.
__agentguard_accept() {
  local line id rid decision= message= n w state=$'\\1agentguard-shell-state\\n'
  local -a env words
  # \`!!\`, \`!rm\`, \`^a^b\`: zsh runs the expansion.
  [[ -o banghist && ( $BUFFER == *'!'* || $BUFFER == '^'* ) ]] && zle .expand-history 2>/dev/null
  line="$PREBUFFER$BUFFER"
  __agentguard_pass= __agentguard_stopped=
  if [[ -z $__agentguard_gate_pid ]] || ! builtin kill -0 $__agentguard_gate_pid 2>/dev/null; then __agentguard_start; fi
  id=$((++__agentguard_serial))
  for n in \${(k)parameters[(R)*export*]}; do env+=("$n=\${(P)n}"); done
  for n in \${(k)aliases}; do state+="alias -- \${(q)n}=\${(q)aliases[$n]}"$'\\n'; done
  words=(\${=\${line//[^A-Za-z0-9_.:+@%\\/-]/ }} \${=\${(v)aliases//[^A-Za-z0-9_.:+@%\\/-]/ }})
  for w in \${(u)words[1,256]}; do (( \${+functions[$w]} )) && state+="$w() {"$'\\n'"\${functions[$w]}"$'\\n'"}"$'\\n'; done
  if builtin print -rN -u $__agentguard_to -- "$id" "$PWD" "\${env[@]}" "$state" "" "$line" 2>/dev/null; then
    while IFS= builtin read -r -d '' -u $__agentguard_from rid && IFS= builtin read -r -d '' -u $__agentguard_from decision && IFS= builtin read -r -d '' -u $__agentguard_from message; do
      [[ $rid == $id ]] && break
      decision=
    done
  fi
  case $decision in
    allow)
      __agentguard_pass=1
      [[ -n $message ]] && { zle -I; builtin print -ru2 -- "$message"; }
      zle .accept-line ;;
    more)
      # The shell would read on: the newline goes into the buffer, and the whole is judged when complete.
      LBUFFER+=$'\\n' ;;
    *)
      [[ -n $decision ]] || message='AgentGuard: not run: the terminal gate did not answer (it stopped, or the wait was interrupted). Run the line again.'
      zle -I
      builtin print -ru2 -- "$message"
      # Never run: zsh gets an arithmetic test no alias or function can replace; the line itself goes to the history after it (Up edits it).
      __agentguard_refused=$line
      # \`:\` never runs (the test before it fails): it only carries the refused line's first line (zsh reads no \`#\` comments when typed).
      BUFFER="((0)) && : 'AgentGuard refused: \${\${\${line%%$'\\n'*}//[^[:print:]]/?}//\\'/}'"
      __agentguard_pass=1
      zle .accept-line ;;
  esac
}

# Before a command runs, last of the preexec hooks (so the editor's shell
# integration has reported its start): a refused line, and one that did not
# pass the Enter widget (another widget that accepts, line editing off), is
# interrupted with the reason.
__agentguard_preexec() {
  [[ $__agentguard_pass == 1 ]] && return 0
  __agentguard_pass=
  __agentguard_stopped=1
  builtin print -ru2 -- "\${__agentguard_blocked:-AgentGuard: not run: this line reached zsh without passing the terminal gate (AgentGuard judges lines when Enter is pressed).}"
  builtin kill -INT $$
}

# zsh reports a command stopped in preexec as status 0; the editor's shell
# integration is told 130 (interrupted), so an agent waiting on it sees it fail.
__agentguard_return() { return $1; }
__agentguard_vsc_precmd() {
  local s=$?
  [[ -n $__agentguard_stopped ]] && s=130
  __agentguard_return $s
  __vsc_precmd "$@"
}

# The editor's shell integration reports the command it was asked to run: for a refused line that line,
# not its inert stand-in, so an agent waiting on executeCommand sees its command end (failing).
__agentguard_vsc_preexec() {
  if [[ -n \${__agentguard_refused-} ]]; then __vsc_preexec "$__agentguard_refused" "$__agentguard_refused" "$__agentguard_refused"
  else __vsc_preexec "$@"; fi
}

__agentguard_widgets() {
  local w
  for w in accept-line accept-and-hold accept-line-and-down-history accept-and-infer-next-history; do
    [[ \${widgets[$w]-} == user:__agentguard_accept ]] || zle -N $w __agentguard_accept
  done
}

# Before every prompt: a new command starts; the tripwire and the widgets are put back if something moved them.
__agentguard_precmd() {
  [[ -n \${__agentguard_refused-} ]] && builtin print -rs -- "$__agentguard_refused"
  typeset -g __agentguard_refused=
  __agentguard_pass= __agentguard_blocked=
  [[ \${preexec_functions[-1]-} == __agentguard_preexec ]] || preexec_functions=(\${preexec_functions:#__agentguard_preexec} __agentguard_preexec)
  (( \${precmd_functions[(Ie)__vsc_precmd]} )) && precmd_functions[\${precmd_functions[(ie)__vsc_precmd]}]=__agentguard_vsc_precmd
  (( \${preexec_functions[(Ie)__vsc_preexec]} )) && preexec_functions[\${preexec_functions[(ie)__vsc_preexec]}]=__agentguard_vsc_preexec
  __agentguard_widgets
}

typeset -ga precmd_functions preexec_functions
precmd_functions=(__agentguard_precmd \${precmd_functions:#__agentguard_precmd})
preexec_functions=(\${preexec_functions:#__agentguard_preexec} __agentguard_preexec)
__agentguard_start
__agentguard_widgets
fi
`;
}
