/**
 * `pnpm bench:types`: how long `tsc --noEmit` takes on a small strict app that uses one zenfetch domain, and on
 * one that uses them all, with and without skipLibCheck, against an app that imports nothing. Prints the table
 * and writes test/bench/results/types.{md,json}. `BENCH_REPS=N` sets the runs of each variant (default 5).
 */
import { measureTypeCost, saveTypeCost, typeCostMarkdown } from "./type-cost.js";

const result = await measureTypeCost({
  reps: Number(process.env.BENCH_REPS ?? 5),
  log: (line) => process.stderr.write(`${line}\n`),
});
await saveTypeCost(result);
console.log(`\n${typeCostMarkdown(result)}`);
