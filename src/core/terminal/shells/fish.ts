// The gate fish loads (`agentguard shell-init fish | source`, or the editor's
// XDG_DATA_DIRS vendor_conf.d): an Enter binding judges the whole command line
// through the gate process, reached over two FIFOs (fish holds no descriptor
// between commands). fish cannot stop a command from preexec: a line that
// reaches it another way is only reported.
import { GATE_MARK, shq, type GatePaths } from './common';

export function fishGate(p: GatePaths): string {
  return `# ${GATE_MARK} for fish (agentguard shell-init fish): each command line is judged
# by AgentGuard when Enter reaches fish, before fish runs it.
if status is-interactive; and not set -q __agentguard_gate_active
set -g __agentguard_gate_active 1
set -g __agentguard_node ${shq(p.node)}
set -g __agentguard_cli ${shq(p.cli)}
set -g __agentguard_serial 0
set -g __agentguard_gate_pid
set -g __agentguard_dir

# The gate process: fish keeps no descriptor open between commands, so it
# talks to it through two FIFOs in a private folder the gate removes on exit.
function __agentguard_start
    set -l base $XDG_RUNTIME_DIR
    test -n "$base" -a -d "$base"; or set base /tmp
    set -g __agentguard_dir (command mktemp -d "$base/agentguard-gate.XXXXXXXX")
    or return 1
    command mkfifo -m 600 $__agentguard_dir/in $__agentguard_dir/out; or return 1
    ELECTRON_RUN_AS_NODE=1 $__agentguard_node $__agentguard_cli gate --shell fish --fifo $__agentguard_dir </dev/null >/dev/null 2>/dev/null &
    set -g __agentguard_gate_pid $last_pid
    disown $last_pid 2>/dev/null
end

# Bound to Enter: an incomplete command gets its newline (fish's own rule);
# a complete one is judged as a whole and run, or replaced.
function __agentguard_enter
    set -l buf (commandline | string collect)
    commandline --is-valid
    if test $status -eq 2
        commandline -i \\n
        return
    end
    set -e __agentguard_pass
    if test -z "$__agentguard_gate_pid"; or not kill -0 $__agentguard_gate_pid 2>/dev/null
        __agentguard_start
    end
    set -g __agentguard_serial (math $__agentguard_serial + 1)
    set -l id $__agentguard_serial
    set -l rid
    set -l decision
    set -l message
    if test -p "$__agentguard_dir/in"
        begin
            printf '%s\\0%s\\0' $id $PWD
            for n in (set --names --export)
                if string match -q -- '*PATH' $n
                    printf '%s=%s\\0' $n "$(string join : -- $$n)"
                else
                    printf '%s=%s\\0' $n "$(string join ' ' -- $$n)"
                end
            end
            printf '\\0%s\\0' $buf
        end >$__agentguard_dir/in
        while true
            begin
                read -z rid; and read -z decision; and read -z message
            end <$__agentguard_dir/out; or begin
                set decision
                break
            end
            test "$rid" = "$id"; and break
        end
    end
    switch "$decision"
        case allow
            set -g __agentguard_pass $buf
            test -n "$message"; and printf '\\n%s\\n' $message >&2
        case '*'
            test -n "$decision"; or set message 'AgentGuard: not run: the terminal gate did not answer (it stopped, or the wait was interrupted). Run the line again.'
            set -g __agentguard_message $message
            set -l first (string split -m1 \\n -- $buf)[1]
            # Never run: only builtins, which no function can replace, print why and fail.
            commandline -r "builtin printf '%s\\n' \\$__agentguard_message >&2; builtin false  # "(string sub -l 200 -- $first)
            set -g __agentguard_pass (commandline | string collect)
    end
    commandline -f execute
end

# fish cannot stop a command from its preexec event: a line that did not
# pass the Enter binding runs, and this says so.
function __agentguard_preexec --on-event fish_preexec
    if not set -q __agentguard_pass; or test "$argv[1]" != "$__agentguard_pass"
        printf '%s\\n' 'AgentGuard: this line reached fish without passing the terminal gate (AgentGuard judges lines when Enter is pressed); fish runs it unjudged.' >&2
    end
    set -e __agentguard_pass
end

# The gate lives as long as this fish: it goes with it (and on its own, should fish die without a word).
function __agentguard_stop --on-event fish_exit
    test -n "$__agentguard_gate_pid"; and kill $__agentguard_gate_pid 2>/dev/null
end

function __agentguard_bind --on-event fish_prompt
    for mode in default insert visual
        bind -M $mode \\r __agentguard_enter 2>/dev/null
        bind -M $mode \\n __agentguard_enter 2>/dev/null
    end
end

__agentguard_start
__agentguard_bind
end
`;
}
