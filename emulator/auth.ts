// Bearer-token authentication and scope policy (reference §8). HubSpot lists a large OR-set of object
// scopes for the association endpoints and no crm.schemas.* scope; the exact per-object/per-method
// enforcement is unconfirmed, so the emulator's policy is: GET needs any object read-or-write scope,
// a mutation needs any object write scope. Tokens configured without scopes have every scope.
import { createHash } from "node:crypto";
import { authenticationError, missingScopesError } from "./errors";
import { TokenKind, TokenSpec } from "./types";

export const DEV_TOKEN = "pat-na1-emulator-dev-token";

export interface Principal {
  token: string;
  fingerprint: string;
  scopes: ReadonlySet<string> | null; // null = every scope
  portalId: number;
  kind: TokenKind;
}

/** Object scope families that grant access to association endpoints (a subset of HubSpot's OR-set). */
const OBJECT_SCOPE_NAMES = [
  "contacts",
  "companies",
  "deals",
  "line_items",
  "quotes",
  "custom",
  "leads",
  "goals",
  "invoices",
  "orders",
  "carts",
  "users",
  "products",
  "subscriptions",
  "appointments",
  "courses",
  "listings",
  "services",
  "partner-clients",
];

/** Scopes that do not follow crm.objects.<x>.<read|write> but still grant access (both read and write). */
const LEGACY_SCOPES = ["tickets", "e-commerce", "contacts", "media_bridge.read"];

export function fingerprint(token: string): string {
  return "sha256:" + createHash("sha256").update(token).digest("hex").slice(0, 12);
}

export function acceptedScopes(write: boolean, objectNames?: string[]): string[] {
  const names = objectNames && objectNames.length > 0 ? objectNames : OBJECT_SCOPE_NAMES;
  const out: string[] = [];
  for (const n of names) {
    out.push(`crm.objects.${n}.write`);
    if (!write) out.push(`crm.objects.${n}.read`);
  }
  if (!objectNames) out.push(...LEGACY_SCOPES.filter((s) => !(write && s.endsWith(".read"))));
  return out;
}

export class TokenStore {
  private readonly tokens = new Map<string, Principal>();
  readonly first: string;

  constructor(specs: Array<string | TokenSpec> | undefined, defaultPortalId: number) {
    const [first = DEV_TOKEN, ...others] = specs ?? [];
    const list: TokenSpec[] = [first, ...others].map((s) => (typeof s === "string" ? { token: s } : s));
    for (const s of list) {
      if (!s.token) throw new Error("emulator: empty token in options.tokens");
      this.tokens.set(s.token, {
        token: s.token,
        fingerprint: fingerprint(s.token),
        scopes: s.scopes ? new Set(s.scopes) : null,
        portalId: s.portalId ?? defaultPortalId,
        kind: s.kind ?? (s.token.includes("oauth") ? "oauth" : "private-app"),
      });
    }
    this.first = typeof first === "string" ? first : first.token;
  }

  /** Throws the 401 HubSpot sends for a missing or unknown token. */
  authenticate(authorization: string | undefined): Principal {
    const token = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    const p = token !== undefined ? this.tokens.get(token) : undefined;
    if (!p) throw authenticationError();
    return p;
  }

  /** Throws 403 MISSING_SCOPES unless the principal holds one of `accepted`. */
  static authorize(p: Principal, accepted: string[]): void {
    if (p.scopes === null || accepted.length === 0) return;
    for (const s of accepted) if (p.scopes.has(s)) return;
    throw missingScopesError(accepted);
  }
}
