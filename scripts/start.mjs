// `npm start` (the quick start): build the app and the server if any source changed since the last build, then run the built server.
import { execSync, spawn } from 'node:child_process';
import { ensureFreshBuild } from './build-if-needed.mjs';

ensureFreshBuild((command) => execSync(command, { stdio: 'inherit' }));
const server = spawn(process.execPath, ['--enable-source-maps', 'dist-server/main.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
