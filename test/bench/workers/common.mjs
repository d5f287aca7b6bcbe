// Shared by the benchmark workers: read the job from argv, report one JSON line.
export const job = JSON.parse(process.argv[2] ?? "{}");

export function report(result) {
  process.stdout.write(`${JSON.stringify({ ...result, peakRssKb: process.resourceUsage().maxRSS })}\n`);
}

export const auth = { email: job.email, apiToken: job.token };
export const basic = `Basic ${Buffer.from(`${job.email}/token:${job.token}`).toString("base64")}`;

/** At each count in `at` (once), notes peak RSS and, when run with --expose-gc, the live heap after a full GC. */
export function sample(samples, items, at = []) {
  for (const point of at) {
    if (items >= point && !(point in samples)) {
      globalThis.gc?.();
      samples[point] = {
        peakRssKb: process.resourceUsage().maxRSS,
        heapUsedKb: Math.round(process.memoryUsage().heapUsed / 1024),
      };
    }
  }
}
