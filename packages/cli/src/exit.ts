/** Exit statuses: 0 done, 1 a check found a difference or the API failed, 2 bad usage, 130 stopped by Ctrl-C. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;
