// The router specialised to emulator handlers, with each route's scope policy.
import { acceptedScopes } from "../auth";
import { Answer, HandlerContext } from "../http-context";
import { Router } from "../router";

export type Handler = (ctx: HandlerContext) => Answer;

/**
 * "read": any object read-or-write scope; "write": any object write scope; "objects-*": scopes of the path's object
 * type; "schemas-*": HubSpot's custom object schema scopes; "none": any valid token.
 */
export type ScopePolicy =
  "read" | "write" | "objects-read" | "objects-write" | "schemas-read" | "schemas-write" | "none";

export interface RouteEntry {
  handler: Handler;
  scopes: ScopePolicy;
}

export class RouteTable extends Router<RouteEntry> {
  override add(method: string, template: string, handler: RouteEntry | Handler, scopes?: ScopePolicy): void {
    super.add(method, template, typeof handler === "function" ? { handler, scopes: scopes ?? "read" } : handler);
  }
}

/** The scopes of which a request to this route needs one (empty = any valid token). */
export function requiredScopes(entry: RouteEntry, ctx: HandlerContext): string[] {
  switch (entry.scopes) {
    case "none":
      return [];
    case "read":
      return acceptedScopes(false);
    case "write":
      return acceptedScopes(true);
    case "schemas-read":
      return ["crm.schemas.custom.read"];
    case "schemas-write":
      return ["crm.schemas.custom.write"];
    case "objects-read":
    case "objects-write": {
      const t = ctx.objectType("objectType");
      const list = acceptedScopes(entry.scopes === "objects-write", [t.custom ? "custom" : t.name]);
      if (t.objectTypeId === "0-5") list.push("tickets");
      return list;
    }
  }
}
