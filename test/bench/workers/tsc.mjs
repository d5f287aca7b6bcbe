// Runs tsc in this process with the given arguments (`tsc.mjs <path to bin/tsc> ...args`), so that its peak
// RSS can be read: as tsc exits, one line `tsc-worker {"code":…,"peakRssKb":…}` goes to stderr.
import { writeSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [tsc, ...args] = process.argv.slice(2);
if (!tsc) throw new Error("usage: tsc.mjs <path to typescript/bin/tsc> [tsc arguments]");
process.argv = [process.argv[0], tsc, ...args];
process.on("exit", (code) => {
  writeSync(2, `\ntsc-worker ${JSON.stringify({ code, peakRssKb: process.resourceUsage().maxRSS })}\n`);
});
await import(pathToFileURL(tsc).href);
