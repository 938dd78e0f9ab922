// Route templates with named parameters. The template string doubles as the request-log key and the
// fault-injection route, so it must read exactly as the path pattern (e.g. ".../{fromObjectType}/...").

export type Params = Record<string, string>;

export interface Route<H> {
  method: string;
  template: string;
  handler: H;
  segments: string[];
  literals: number;
}

export type MatchResult<H> =
  | { kind: "match"; route: Route<H>; params: Params }
  | { kind: "method-not-allowed"; template: string; allowed: string[] }
  | { kind: "not-found" };

function split(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, template: string, handler: H): void {
    const segments = split(template);
    this.routes.push({
      method,
      template,
      handler,
      segments,
      literals: segments.filter((s) => !s.startsWith("{")).length,
    });
  }

  private matchPath(route: Route<H>, parts: string[]): Params | undefined {
    if (route.segments.length !== parts.length) return undefined;
    const params: Params = {};
    for (const [i, seg] of route.segments.entries()) {
      const part = parts[i]!; // as many parts as segments (checked above)
      if (seg.startsWith("{")) {
        let value: string;
        try {
          value = decodeURIComponent(part);
        } catch {
          return undefined;
        }
        params[seg.slice(1, -1)] = value;
      } else if (seg !== part) {
        return undefined;
      }
    }
    return params;
  }

  match(method: string, pathname: string): MatchResult<H> {
    const parts = split(pathname);
    let best: { route: Route<H>; params: Params } | undefined;
    const other: Route<H>[] = [];
    for (const r of this.routes) {
      const params = this.matchPath(r, parts);
      if (!params) continue;
      if (r.method !== method) {
        other.push(r);
        continue;
      }
      // The most literal template wins: ".../definitions/configurations/{from}/{to}" beats ".../{from}/{to}/labels/{id}".
      if (!best || r.literals > best.route.literals) best = { route: r, params };
    }
    if (best) return { kind: "match", ...best };
    if (other.length > 0) {
      // The first of the most literal templates names the route, as for a match.
      const top = other.reduce((a, b) => (b.literals > a.literals ? b : a));
      const candidates = other.filter((r) => r.literals === top.literals);
      return {
        kind: "method-not-allowed",
        template: top.template,
        allowed: [...new Set(candidates.map((r) => r.method))],
      };
    }
    return { kind: "not-found" };
  }
}
