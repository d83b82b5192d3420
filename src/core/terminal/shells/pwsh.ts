// The gate PowerShell loads (`agentguard shell-init pwsh | Out-String | Invoke-Expression`):
// a PSReadLine Enter key handler judges the buffer through the gate process and
// accepts it or replaces it. Not run in this project's tests: PowerShell has
// no Debian package.
import { GATE_MARK, psq, type GatePaths } from './common';

export function pwshGate(p: GatePaths): string {
  return `# ${GATE_MARK} for PowerShell (agentguard shell-init pwsh): each command line is
# judged by AgentGuard when Enter reaches PSReadLine, before PowerShell runs it.
if (-not $global:__agentguard_gate_active -and (Get-Module PSReadLine)) {
    $global:__agentguard_gate_active = $true
    $global:__agentguard_node = ${psq(p.node)}
    $global:__agentguard_cli = ${psq(p.cli)}
    $global:__agentguard_serial = 0
    $global:__agentguard_gate = $null
    $global:__agentguard_message = ''

    # The gate process, its stdin and stdout redirected: it lives as long as this session.
    function global:__agentguard_start {
        $psi = [System.Diagnostics.ProcessStartInfo]::new($global:__agentguard_node)
        foreach ($a in @($global:__agentguard_cli, 'gate', '--shell', 'pwsh')) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardInput = $true
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['ELECTRON_RUN_AS_NODE'] = '1'
        $global:__agentguard_gate = [System.Diagnostics.Process]::Start($psi)
    }

    function global:__agentguard_field {
        $sb = [System.Text.StringBuilder]::new()
        while (($c = $global:__agentguard_gate.StandardOutput.Read()) -ge 0) {
            if ($c -eq 0) { return $sb.ToString() }
            [void]$sb.Append([char]$c)
        }
        return $null
    }

    function global:__agentguard_refuse {
        [Console]::Error.WriteLine($global:__agentguard_message)
        $global:LASTEXITCODE = 1
        Write-Error -Message 'AgentGuard: not run' -ErrorAction SilentlyContinue
    }

    Set-PSReadLineKeyHandler -Chord Enter -BriefDescription 'AgentGuardJudgeLine' -Description 'AgentGuard judges the line, then accepts or replaces it' -ScriptBlock {
        $line = $null
        $cursor = $null
        [Microsoft.PowerShell.PSConsoleReadLine]::GetBufferState([ref]$line, [ref]$cursor)
        $decision = $null
        $message = ''
        try {
            if ($null -eq $global:__agentguard_gate -or $global:__agentguard_gate.HasExited) { __agentguard_start }
            $global:__agentguard_serial++
            $id = [string]$global:__agentguard_serial
            $fields = @($id, (Get-Location).ProviderPath)
            $fields += Get-ChildItem Env: | ForEach-Object { "$($_.Name)=$($_.Value)" }
            $fields += @('', $line)
            $w = $global:__agentguard_gate.StandardInput
            $w.Write((($fields | ForEach-Object { $_ + [char]0 }) -join ''))
            $w.Flush()
            do {
                $rid = __agentguard_field
                $decision = __agentguard_field
                $message = __agentguard_field
            } while ($null -ne $rid -and $rid -ne $id)
        } catch {
            $decision = $null
        }
        if ($decision -eq 'allow') {
            if ($message) { [Console]::Error.WriteLine("\`n$message") }
            [Microsoft.PowerShell.PSConsoleReadLine]::AcceptLine()
            return
        }
        if (-not $decision) { $message = 'AgentGuard: not run: the terminal gate did not answer (it stopped, or the wait was interrupted). Run the line again.' }
        $global:__agentguard_message = $message
        $first = ($line -split "\`n")[0]
        if ($first.Length -gt 200) { $first = $first.Substring(0, 200) }
        [Microsoft.PowerShell.PSConsoleReadLine]::RevertLine()
        [Microsoft.PowerShell.PSConsoleReadLine]::Insert("__agentguard_refuse  # $first")
        [Microsoft.PowerShell.PSConsoleReadLine]::AcceptLine()
    }
}
`;
}
