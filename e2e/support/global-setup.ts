// Builds the production app once per run unless dist/ is newer than every source file.
import { execSync } from 'node:child_process';
import { ensureFreshBuild } from '../../scripts/build-if-needed.mjs';

export default function globalSetup(): void {
  ensureFreshBuild((command: string) => execSync(command, { stdio: 'inherit' }));
}
