// Counters of what the client sent, for benchmarks and tests ("how many requests did that take?").

export interface RouteStats {
  /** Logical calls made through the client (one per method call). */
  calls: number;
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests that were retries of an earlier attempt. */
  retries: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Calls that ended with an error thrown to the caller. */
  failures: number;
}

export interface ClientStats extends RouteStats {
  /** Keyed by `"<METHOD> <route template>"`, e.g. `"GET /crm/v4/associations/{fromObjectType}/{toObjectType}/labels"`. */
  byRoute: Record<string, RouteStats>;
}

const emptyRouteStats = (): RouteStats => ({ calls: 0, requests: 0, retries: 0, rateLimited: 0, failures: 0 });

export class StatsRecorder {
  private totals: RouteStats = emptyRouteStats();
  private routes = new Map<string, RouteStats>();

  call(key: string): void {
    this.bump(key, "calls");
  }

  request(key: string, isRetry: boolean): void {
    this.bump(key, "requests");
    if (isRetry) this.bump(key, "retries");
  }

  rateLimited(key: string): void {
    this.bump(key, "rateLimited");
  }

  failure(key: string): void {
    this.bump(key, "failures");
  }

  snapshot(): ClientStats {
    const byRoute: Record<string, RouteStats> = {};
    for (const [key, value] of [...this.routes.entries()].sort(([a], [b]) => a.localeCompare(b)))
      byRoute[key] = { ...value };
    return { ...this.totals, byRoute };
  }

  reset(): void {
    this.totals = emptyRouteStats();
    this.routes.clear();
  }

  private bump(key: string, field: keyof RouteStats): void {
    let route = this.routes.get(key);
    if (route === undefined) {
      route = emptyRouteStats();
      this.routes.set(key, route);
    }
    route[field]++;
    this.totals[field]++;
  }
}
