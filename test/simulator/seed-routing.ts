/**
 * The seeded skill-based routing data. Small, so it is built eagerly, and a pure function of the seed:
 * - 5 attributes (skill types): 5 creates, a rename of Tier in the second it was created, and Legacy deleted;
 * - 13 attribute values (skills): 13 creates, German renamed, Legacy's one value deleted with it;
 * - instance values: a language and a product for each agent (the last agent's product later taken back), and one or
 *   two skills for each of `routingTickets` seeded tickets spread evenly over the ticket ids (every fifth ticket's
 *   first skill taken back a few minutes later).
 * Times are spread over the seeded timeline (from `startTime` to the last seeded update), and several changes share
 * a second: the first two attributes, skills created together, the agents' skills, a ticket's two skills, Tier's
 * create and rename.
 */
import { hash32, pick } from "./random.js";
import { agentCount, seededTime } from "./seed.js";
import type { Store } from "./store.js";

/** Skill types and their skills, each with the share of the seeded timeline at which it is created. */
const ATTRIBUTES: readonly { name: string; at: number; values: readonly (readonly [string, number])[] }[] = [
  {
    name: "Language",
    at: 0,
    values: [
      ["English", 0.01],
      ["German", 0.01],
      ["French", 0.02],
      ["Japanese", 0.3],
    ],
  },
  {
    name: "Product",
    at: 0,
    values: [
      ["Billing", 0.01],
      ["Mobile app", 0.02],
      ["API", 0.02],
    ],
  },
  { name: "Legacy", at: 0.05, values: [["Old skill", 0.05]] },
  {
    name: "Region",
    at: 0.1,
    values: [
      ["EMEA", 0.1],
      ["Americas", 0.1],
      ["APAC", 0.1],
    ],
  },
  {
    name: "Tier",
    at: 0.25,
    values: [
      ["Gold", 0.25],
      ["Silver", 0.25],
    ],
  },
];

export function seedRouting(store: Store): void {
  const { seed, routing } = store;
  const start = seed.startTime;
  const end = seededTime(seed, Math.max(1, seed.tickets, seed.users, seed.organizations));
  const at = (share: number) => start + Math.floor((end - start) * share);

  // Attributes and their values.
  const attributeIds = new Map<string, string>();
  const values = new Map<string, { id: string; attribute: string; time: number }>();
  for (const attribute of ATTRIBUTES) {
    const created = routing.createAttribute(attribute.name, at(attribute.at));
    attributeIds.set(attribute.name, created.id);
    for (const [name, share] of attribute.values) {
      const value = routing.createAttributeValue(created.id, name, at(share));
      values.set(name, { id: value.id, attribute: attribute.name, time: value.time });
    }
  }
  const valueId = (name: string) => values.get(name)?.id as string;
  const attributeId = (name: string) => attributeIds.get(name) as string;
  // Tier is renamed in the second it was created: a create and an update sharing an id and a second.
  routing.changeAttribute(attributeId("Tier"), { type: "update", name: "Support tier" }, at(0.25));
  routing.changeAttributeValue(valueId("German"), { type: "update", name: "Deutsch" }, at(0.6));
  routing.changeAttributeValue(valueId("Old skill"), { type: "delete" }, at(0.9));
  routing.changeAttribute(attributeId("Legacy"), { type: "delete" }, at(0.9));

  const skills = [...values.entries()].filter(([, value]) => value.attribute !== "Legacy");
  const ofAttribute = (attribute: string) => skills.filter(([, value]) => value.attribute === attribute);
  const languages = ofAttribute("Language");
  const products = ofAttribute("Product");
  const regions = ofAttribute("Region");
  const nonRegions = skills.filter(([, value]) => value.attribute !== "Region");
  const removalDelay = Math.max(60, 3 * seed.interval);

  // Agents: a language and a product each, all in one second; the last agent loses the product later.
  const agents = agentCount(seed);
  const agentTime = at(0.35);
  for (let agent = 1; agent <= agents; agent++) {
    const h = hash32(seed.random, agent, 401);
    routing.associate(pick(languages, h)[1].id, "agent", agent, agentTime);
    const product = routing.associate(pick(products, h >>> 8)[1].id, "agent", agent, agentTime);
    if (agent === agents) routing.unassociate(product.id, at(0.8));
  }

  // Tickets spread over the ticket ids: a skill (not a region) when the ticket was last updated, or when the skill was
  // created if that is later; every third also a region in the same second; every fifth loses its first skill a few
  // minutes later.
  const count = Math.min(seed.routingTickets, seed.tickets);
  for (let k = 0; k < count; k++) {
    const ticketId = Math.floor(((k + 1) * seed.tickets) / count);
    const h = hash32(seed.random, ticketId, 402);
    const [, skill] = pick(nonRegions, h);
    const time = Math.max(seededTime(seed, ticketId), skill.time);
    const first = routing.associate(skill.id, "ticket", ticketId, time);
    if (k % 3 === 0) {
      const [, region] = pick(regions, h >>> 8);
      routing.associate(region.id, "ticket", ticketId, Math.max(time, region.time));
    }
    if (k % 5 === 2) routing.unassociate(first.id, time + removalDelay);
  }
}
