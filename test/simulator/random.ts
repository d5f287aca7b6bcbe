/** Small, fast, seedable randomness: everything the simulator invents comes from here, so a seed reproduces it. */

/** mulberry32: a 32-bit generator, good enough for test data and fault dice. Returns floats in [0, 1). */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stateless 32-bit hash of (seed, n, salt): the same inputs always give the same number. */
export function hash32(seed: number, n: number, salt = 0): number {
  let h = (seed ^ Math.imul(n, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Picks one element of a non-empty list from a hash. */
export function pick<T>(list: readonly T[], h: number): T {
  return list[h % list.length] as T;
}

/** 32 lowercase hex digits, like Zendesk's job status ids, from an rng. */
export function hexId(rng: () => number): string {
  let out = "";
  for (let i = 0; i < 4; i++) {
    out += Math.floor(rng() * 4294967296)
      .toString(16)
      .padStart(8, "0");
  }
  return out;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A 26-character ULID-like id (Crockford base32), as custom object records carry: time-ordered, then by counter. */
export function ulidLike(timeMs: number, counter: number, seed: number): string {
  let time = "";
  let t = Math.max(0, Math.floor(timeMs));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rest = "";
  let c = counter;
  for (let i = 0; i < 8; i++) {
    rest = CROCKFORD[c % 32] + rest;
    c = Math.floor(c / 32);
  }
  let h = hash32(seed, counter, 7);
  for (let i = 0; i < 8; i++) {
    rest += CROCKFORD[h % 32];
    h = Math.floor(h / 32) || hash32(seed, counter, i);
  }
  return time + rest;
}

/** A UUID-shaped id (`8-4-4-4-12` lowercase hex), as Zendesk's routing attributes carry: the same inputs, the same id. */
export function uuidLike(seed: number, n: number, salt = 0): string {
  const hex = [0, 1, 2, 3]
    .map((i) =>
      hash32(seed, n, salt * 4 + i)
        .toString(16)
        .padStart(8, "0"),
    )
    .join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
