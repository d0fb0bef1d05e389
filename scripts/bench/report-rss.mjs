// Loaded with `node --import`: reports the process's peak resident memory on exit, for the benchmark.
process.on('exit', () => {
  process.stderr.write(`\n@@bench ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`)
})
