/**
 * waitForJob and waitForJobs against the simulator's job queue: a job followed to `completed` (its work then
 * applied), a job not visible at first, a failed job, a job that does not finish in time, and many jobs followed
 * together through show_many.
 */
import {
  isJobFailedError,
  isJobTimeoutError,
  JobFailedError,
  type JobStatus,
  JobTimeoutError,
  unwrap,
} from "@zenfetch/tickets";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { closeSimulators, FAST_WAIT, must, range, startSim, ticketsClient } from "./helpers.js";

afterEach(closeSimulators);

type Client = ReturnType<typeof ticketsClient>;

/** Tickets 1–5 of the seed that are not closed (a merge needs open ones). */
function openTickets(sim: RunningSimulator, count: number): number[] {
  return [...sim.state.tickets.all()]
    .filter((row) => row.status !== "closed" && row.type !== "problem")
    .slice(0, count)
    .map((row) => row.id);
}

async function startMerge(zendesk: Client, target: number, sources: number[]): Promise<JobStatus> {
  return unwrap(
    await zendesk.POST("/api/v2/tickets/{ticket_id}/merge", {
      params: { path: { ticket_id: target } },
      body: { ids: sources, target_comment: "Merged here.", source_comment: "Merged away." },
    }),
  ).job_status;
}

async function startCreate(zendesk: Client, subjects: string[]): Promise<JobStatus> {
  return unwrap(
    await zendesk.POST("/api/v2/tickets/create_many", {
      body: { tickets: subjects.map((subject) => ({ subject, comment: { body: subject } })) },
    }),
  ).job_status;
}

describe("waitForJob", () => {
  it("follows a merge job to completed, reporting progress; the merge is then applied", async () => {
    const sim = await startSim({ seed: { tickets: 60 }, jobs: { pollsToComplete: 3 } });
    const zendesk = ticketsClient(sim);
    const [target, ...sources] = openTickets(sim, 3) as [number, number, number];
    const queued = await startMerge(zendesk, target, sources);
    expect(queued.status).toBe("queued");
    expect(sim.state.tickets.get(sources[0])?.status).not.toBe("closed"); // nothing done yet

    const seen: string[] = [];
    const done = await zendesk.waitForJob(queued, { ...FAST_WAIT, onProgress: (job) => seen.push(must(job.status)) });

    expect(done.status).toBe("completed");
    expect(seen).toEqual(["working", "working", "completed"]);
    expect(done.results).toMatchObject(sources.map((id, index) => ({ index, id, success: true, status: "Merged" })));
    for (const id of sources) {
      expect(sim.state.tickets.get(id)?.status).toBe("closed");
      expect(sim.state.tickets.get(id)?.tags).toContain("closed_by_merge");
    }
    expect(sim.requests.find("GET", `/api/v2/job_statuses/${queued.id}`)).toHaveLength(3);

    // A finished job status needs no request.
    sim.requests.clear();
    expect(await zendesk.waitForJob(done)).toBe(done);
    expect(sim.requests.count).toBe(0);
  });

  it("treats 404s right after creation as 'not visible yet' (by id, within notFoundGraceMs)", async () => {
    const sim = await startSim({ seed: { tickets: 60 } });
    sim.faults.add({ match: "POST /api/v2/tickets/{ticket_id}/merge", job: { notFoundPolls: 2 } });
    const zendesk = ticketsClient(sim);
    const [target, source] = openTickets(sim, 2) as [number, number];
    const job = await startMerge(zendesk, target, [source]);
    const done = await zendesk.waitForJob(must(job.id), FAST_WAIT);
    expect(done.status).toBe("completed");
    expect(sim.requests.find("GET", `/api/v2/job_statuses/${job.id}`).map((e) => e.status)).toEqual([
      404, 404, 200, 200,
    ]);
  });

  it("a failed job: JobFailedError with the job, and nothing applied", async () => {
    const sim = await startSim({ seed: { tickets: 60 } });
    sim.faults.add({ match: "POST /api/v2/tickets/{ticket_id}/merge", job: { outcome: "failed", message: "Boom" } });
    const zendesk = ticketsClient(sim);
    const [target, source] = openTickets(sim, 2) as [number, number];
    const before = sim.state.tickets.get(source)?.status;
    const error = await zendesk.waitForJob(await startMerge(zendesk, target, [source]), FAST_WAIT).catch((e) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).job).toMatchObject({ status: "failed", message: "Boom" });
    expect(sim.state.tickets.get(source)?.status).toBe(before);
  });

  it("a job that does not finish within timeoutMs: JobTimeoutError with the last status seen", async () => {
    const sim = await startSim({ seed: { tickets: 60 }, jobs: { pollsToComplete: 1_000_000 } });
    const zendesk = ticketsClient(sim);
    const job = await startCreate(zendesk, ["Never done"]);
    const error = await zendesk.waitForJob(job, { ...FAST_WAIT, timeoutMs: 150 }).catch((e) => e);
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect(error).toMatchObject({ jobId: job.id, timeoutMs: 150, job: { status: "working" } });
    expect(sim.state.tickets.size).toBe(60);
  });
});

describe("waitForJobs", () => {
  it("follows many jobs through show_many (100 ids a request) and returns their final statuses in input order", async () => {
    const sim = await startSim({ seed: { tickets: 10 }, jobs: { maxConcurrent: 200 } });
    const zendesk = ticketsClient(sim);
    const jobs: JobStatus[] = [];
    for (const n of range(1, 130)) jobs.push(await startCreate(zendesk, [`Job ${n}`]));
    const ids = jobs.map((job) => must(job.id));

    const final = await zendesk.waitForJobs(ids, FAST_WAIT);

    expect(final.map((job) => job.id)).toEqual(ids);
    expect(final.every((job) => job.status === "completed")).toBe(true);
    expect(sim.state.tickets.size).toBe(10 + 130);
    const polls = sim.requests.find("GET", "/api/v2/job_statuses/show_many");
    expect(polls.length).toBeGreaterThan(0);
    expect(Math.max(...polls.map((p) => p.query.ids?.split(",").length ?? 0))).toBe(100);
    expect(
      sim.requests.entries.some(
        (e) => /^\/api\/v2\/job_statuses\/[^/]+$/.test(e.path) && !e.path.endsWith("show_many"),
      ),
    ).toBe(false);
  });

  it("one failed job among several: JobFailedError once all have finished, with every final status", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    const zendesk = ticketsClient(sim);
    const first = await startCreate(zendesk, ["A"]);
    sim.faults.add({ match: "POST /api/v2/tickets/create_many", times: 1, job: { outcome: "killed" } });
    const second = await startCreate(zendesk, ["B"]);
    const third = await startCreate(zendesk, ["C"]);

    const error = await zendesk.waitForJobs([first, second, third], FAST_WAIT).catch((e) => e);

    expect(isJobFailedError(error)).toBe(true);
    expect(isJobTimeoutError(error)).toBe(false);
    const failed = error as JobFailedError;
    expect(failed.job.id).toBe(second.id);
    expect(failed.jobs?.map((job) => job.status)).toEqual(["completed", "killed", "completed"]);
    expect([...sim.state.tickets.all()].map((row) => row.subject).slice(10)).toEqual(["A", "C"]);
  });

  it("a JobTimeoutError names the job still open", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    const zendesk = ticketsClient(sim);
    const quick = await startCreate(zendesk, ["quick"]);
    sim.faults.add({ match: "POST /api/v2/tickets/create_many", times: 1, job: { notFoundPolls: 1_000_000 } });
    const lost = await startCreate(zendesk, ["lost"]);
    const error = await zendesk
      .waitForJobs([quick, lost], { ...FAST_WAIT, timeoutMs: 500, notFoundGraceMs: 10_000 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect((error as JobTimeoutError).jobId).toBe(lost.id);
    expect((error as JobTimeoutError).jobs?.map((job) => job?.status)).toEqual(["completed", "queued"]);
  });
});
