// `npm run codes:import -- file.csv`: staff's serial,code rows into the order service's database (see src/server/code-table-cli.ts).
import { spawn } from 'node:child_process';

const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/code-table-cli.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
