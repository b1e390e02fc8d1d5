// The floor under the start-up numbers: `node --import tsx` running an empty script. Whatever
// this costs (Node's own start, tsx's loader thread and esbuild) the bot pays before its first
// line runs, so it shows how much of the start-up and memory budget is left for the bot itself.
const { rss, heapUsed } = process.memoryUsage();
console.log(JSON.stringify({ event: 'ready', readyMs: performance.now(), rss, heapUsed, phases: {} }));
