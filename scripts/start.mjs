// `npm start`: build the app if any source changed since the last build, then run the server (app + API).
import { execSync, spawn } from 'node:child_process';
import { ensureFreshBuild } from './build-if-needed.mjs';

ensureFreshBuild((command) => execSync(command, { stdio: 'inherit' }));
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
