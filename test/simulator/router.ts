/** A small method + path router. Paths are written as in the OpenAPI specs: `/api/v2/tickets/{ticket_id}`. */
import type { Handler, RouteDefinition, RouteLimit } from "./types.js";

interface CompiledRoute extends RouteDefinition {
  segments: string[];
}

export interface RouteMatch {
  route: RouteDefinition;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(method: string, pattern: string, handler: Handler, limit?: RouteLimit): this {
    this.routes.push({ method, pattern, handler, limit, segments: pattern.split("/").slice(1) });
    // Literal segments win over parameters at the first place two routes differ: /tickets/count before /tickets/{id}.
    this.routes.sort((a, b) => specificity(a.segments, b.segments));
    return this;
  }

  /** Whether a route serves this method and pattern (parameter names aside). */
  has(method: string, pattern: string): boolean {
    const shape = patternShape(pattern);
    return this.routes.some((route) => route.method === method && patternShape(route.pattern) === shape);
  }

  /** Every route served, as `METHOD /path/{param}`. */
  list(): { method: string; pattern: string }[] {
    return this.routes.map(({ method, pattern }) => ({ method, pattern }));
  }

  /** The route for a request (`match` is undefined when no route serves the method and path). */
  match(method: string, path: string): { match?: RouteMatch } {
    const parts = path.split("/").slice(1);
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const params = matchSegments(route.segments, parts);
      if (params) return { match: { route, params } };
    }
    return {};
  }
}

function patternShape(pattern: string): string {
  return pattern.replace(/\{[^}]+\}/g, "{}");
}

function isParam(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

function specificity(a: string[], b: string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const pa = isParam(a[i] as string);
    const pb = isParam(b[i] as string);
    if (pa !== pb) return pa ? 1 : -1;
  }
  return 0;
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const part = parts[i] as string;
    if (isParam(segment)) {
      if (part === "") return undefined;
      try {
        params[segment.slice(1, -1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (segment !== part) {
      return undefined;
    }
  }
  return params;
}
