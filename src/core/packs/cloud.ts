// Cloud and infrastructure CLIs: what deletes data, tears down services or
// removes backups in AWS, Google Cloud, Azure, IaC tools, Kubernetes, Docker,
// platform CLIs and storage/backup tools — and, for production targets, which commands only look.
// Each CLI family lives in its own module under ./cloud; this file only
// dispatches by program name.
import type { Pack } from '../types';
import { aws } from './cloud/aws';
import { az } from './cloud/azure';
import type { CliAnalyzer } from './common/deletion';
import { dockerAnalyzers } from './cloud/docker';
import { gcpAnalyzers } from './cloud/gcp';
import { iacAnalyzers } from './cloud/iac';
import { kubernetesAnalyzers } from './cloud/kubernetes';
import { oneoffAnalyzers } from './cloud/oneoffs';
import { paasAnalyzers } from './cloud/paas';
import { protectionFindings } from './cloud/protection';
import { moneyFindings } from './common/money';
import { storageAnalyzers } from './cloud/storage';

const analyzers: Record<string, CliAnalyzer> = {
  aws,
  az,
  ...gcpAnalyzers,
  ...iacAnalyzers,
  ...kubernetesAnalyzers,
  ...dockerAnalyzers,
  ...paasAnalyzers,
  ...storageAnalyzers,
  ...oneoffAnalyzers,
};

const byProgram = new Map(Object.entries(analyzers));

export const cloudPack: Pack = {
  id: 'cloud',
  commands: [...byProgram.keys()],
  analyze(cmd, ctx) {
    const out = byProgram.get(cmd.argv[0])?.analyze(cmd, ctx);
    const removed = protectionFindings(cmd, ctx) ?? (cmd.argv[0] === 'stripe' ? moneyFindings(cmd) : undefined);
    if (removed) return [...(out ?? []), removed];
    return out?.length ? out : undefined;
  },
  effect(cmd, ctx) {
    return byProgram.get(cmd.argv[0])?.effect?.(cmd, ctx);
  },
};
