// The workspace's environment in the status bar, next to the kill switch so
// both are one glance: production is red and always there; anything else is
// quiet. The same function as `agentguard env` decides, with the evidence in
// the tooltip.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { formatConfigErrors, loadConfig } from '../core/config/load';
import { boundedReadFile } from '../core/engine';
import { detectWorkspaceEnvironment } from '../core/environment';
import type { EnvironmentMatch } from '../core/types';

const DEBOUNCE_MS = 300;

export interface FolderEnvironment {
  folder: string;
  env?: EnvironmentMatch;
  error?: string;
}

export function folderEnvironment(folder: string): FolderEnvironment {
  const loaded = loadConfig(folder);
  if (!loaded.ok) return { folder, error: formatConfigErrors(loaded.errors) };
  const env = detectWorkspaceEnvironment(folder, process.env, loaded.config, boundedReadFile, process.env.HOME ?? os.homedir());
  return { folder, env };
}

export class EnvironmentBadge implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private current: FolderEnvironment[] = [];

  // The kill switch sits at priority 1000 on the left; 999 puts the badge right beside it.
  constructor(private readonly log: vscode.LogOutputChannel) {
    this.item = vscode.window.createStatusBarItem('agentguard.environment', vscode.StatusBarAlignment.Left, 999);
    this.item.name = 'AgentGuard environment';
    this.item.command = 'agentguard.showEnvironment';
    const watcher = vscode.workspace.createFileSystemWatcher('**/{.agentguard.json,.env,.env.*}');
    this.disposables.push(
      watcher,
      watcher.onDidChange(() => this.schedule()),
      watcher.onDidCreate(() => this.schedule()),
      watcher.onDidDelete(() => this.schedule()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()),
    );
    this.refresh();
  }

  get environments(): readonly FolderEnvironment[] {
    return this.current;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), DEBOUNCE_MS);
  }

  refresh(): void {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    this.current = folders.map((f) => {
      try {
        return folderEnvironment(f.uri.fsPath);
      } catch (err) {
        return { folder: f.uri.fsPath, error: (err as Error).message };
      }
    });
    this.render();
  }

  private render(): void {
    const prod = this.current.find((c) => c.env?.production);
    const named = this.current.find((c) => c.env && c.env.name !== 'unknown' && c.env.name !== 'local');
    const broken = this.current.find((c) => c.error);
    const tooltip = new vscode.MarkdownString('', true);
    tooltip.appendMarkdown('**AgentGuard: workspace environment**\n\n');
    for (const c of this.current) {
      tooltip.appendMarkdown(`\`${c.folder}\`: `);
      if (c.error) tooltip.appendMarkdown('config error\n\n').appendCodeblock(c.error, 'text');
      else if (c.env) {
        tooltip.appendMarkdown(`**${c.env.name}**${c.env.production ? ' (PRODUCTION)' : ''}\n\n`);
        for (const e of c.env.evidence) tooltip.appendMarkdown(`- ${e.replace(/[\\`*_[\]<>]/g, '\\$&')}\n`);
        if (!c.env.evidence.length) tooltip.appendMarkdown('- no evidence of any environment found\n');
        tooltip.appendMarkdown('\n');
      }
    }
    tooltip.appendMarkdown('\nSame as `agentguard env`. Click for details.');
    this.item.tooltip = tooltip;
    if (prod?.env) {
      this.item.text = `$(flame) ${prod.env.name === 'production' ? 'PRODUCTION' : `${prod.env.name.toUpperCase()} (production)`}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.accessibilityInformation = { label: `AgentGuard: this workspace is in production (${prod.env.name})` };
      this.item.show();
    } else if (broken) {
      this.item.text = '$(warning) AgentGuard config';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.accessibilityInformation = { label: 'AgentGuard: .agentguard.json has errors' };
      this.item.show();
    } else if (named?.env) {
      this.item.text = `$(server-environment) ${named.env.name}`;
      this.item.backgroundColor = undefined;
      this.item.accessibilityInformation = { label: `AgentGuard: workspace environment ${named.env.name}` };
      this.item.show();
    } else {
      this.item.hide();
    }
    const summary = this.current.map((c) => `${c.folder}: ${c.error ? 'config error' : `${c.env?.name}${c.env?.production ? ' (production)' : ''}`}`).join('; ');
    this.log.info(`workspace environment: ${summary || 'no folder'}`);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }
}
