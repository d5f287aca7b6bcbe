/**
 * The tickets channel operations added beside Create Ticket from Tweet and Open Ticket in Agent's Browser, against
 * the simulator over real HTTP: the monitored X handles listed whole and read by id (an unknown id is a 404), and
 * a user's profile opened in an agent's browser, which answers with no body.
 */
import { isNotFoundError, type MonitoredTwitterHandle, unwrap } from "@zenfetch/tickets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { closeSimulators, startSim, ticketsClient } from "./helpers.js";

let sim: RunningSimulator;
let zendesk: ReturnType<typeof ticketsClient>;
beforeAll(async () => {
  sim = await startSim();
  zendesk = ticketsClient(sim);
});
afterAll(closeSimulators);

const requests = (method: string, prefix: string) =>
  sim.requests.entries.filter((entry) => entry.method === method && entry.path.startsWith(prefix)).length;

describe("monitored X handles", () => {
  it("lists every handle in one request, and each one reads back by its id", async () => {
    const before = requests("GET", "/api/v2/channels/twitter/monitored_twitter_handles");
    const handles: MonitoredTwitterHandle[] = [];
    for await (const handle of zendesk.paginate("/api/v2/channels/twitter/monitored_twitter_handles")) {
      handles.push(handle);
    }
    expect(handles.length).toBeGreaterThan(0);
    expect(requests("GET", "/api/v2/channels/twitter/monitored_twitter_handles") - before).toBe(1);

    for (const handle of handles) {
      const { monitored_twitter_handle: shown } = unwrap(
        await zendesk.GET("/api/v2/channels/twitter/monitored_twitter_handles/{monitored_twitter_handle_id}", {
          params: { path: { monitored_twitter_handle_id: handle.id } },
        }),
      );
      expect(shown).toMatchObject({
        id: handle.id,
        screen_name: handle.screen_name,
        twitter_user_id: handle.twitter_user_id,
      });
    }
  });

  it("answers an unknown handle with a 404 the client reports as not found", async () => {
    const result = await zendesk.GET(
      "/api/v2/channels/twitter/monitored_twitter_handles/{monitored_twitter_handle_id}",
      { params: { path: { monitored_twitter_handle_id: 987_654_321 } } },
    );
    let caught: unknown;
    try {
      unwrap(result);
    } catch (error) {
      caught = error;
    }
    expect(isNotFoundError(caught), String(caught)).toBe(true);
  });
});

describe("OpenUsersProfileInAgentBrowser", () => {
  it("sends the agent and user ids in the path and succeeds with no body", async () => {
    const before = requests("POST", "/api/v2/channels/voice/agents/");
    const result = await zendesk.POST("/api/v2/channels/voice/agents/{agent_id}/users/{user_id}/display", {
      params: { path: { agent_id: 2, user_id: 5 } },
    });
    expect(result.error).toBeUndefined();
    expect(result.response.status).toBe(200);
    expect(requests("POST", "/api/v2/channels/voice/agents/") - before).toBe(1);
    expect(sim.requests.entries.at(-1)?.path).toBe("/api/v2/channels/voice/agents/2/users/5/display");
  });
});
