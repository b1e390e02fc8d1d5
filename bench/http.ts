// The HTTP phase of `npm run bench` on its own (it builds first, as the full run does):
//   npx tsx bench/http.ts [seconds per load, default 5] [--json]
// Prints the same section as the full report; --json prints the measurement instead.
import { buildProject } from '../src/scripts/build.ts';
import { benchHttp } from './http-load.ts';
import { httpSection } from './report.ts';

const args = process.argv.slice(2);
const seconds = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
await buildProject({ all: true });
const result = await benchHttp(seconds);
console.log(args.includes('--json') ? JSON.stringify(result) : httpSection(result));
// autocannon may leave idle handles behind; the run is over.
process.exit(0);
