// Public types of the emulator. Kept in one module so that index.ts, the CLI and tests import one place.

export type Category = "HUBSPOT_DEFINED" | "USER_DEFINED" | "INTEGRATOR_DEFINED";
export type RateLimitPolicy = "TEN_SECONDLY_ROLLING" | "SECONDLY" | "DAILY";
export type TokenKind = "private-app" | "oauth";

export interface TokenSpec {
  token: string;
  /** Absent = every scope (the development default). */
  scopes?: string[];
  /** Portal the token belongs to; defaults to the emulator's portalId. */
  portalId?: number;
  /** Private-app tokens get the daily rate-limit headers, OAuth tokens do not (as on HubSpot). */
  kind?: TokenKind;
}

/** A custom object the emulator starts with (option `customObjects`, flag `--custom-object`). */
export interface CustomObjectSpec {
  /** "2-123"; when absent the emulator allocates one (different in every emulator instance). */
  objectTypeId?: string;
  /** The schema's name, e.g. "pets"; unique per portal, case-insensitively. */
  name: string;
  /** labels.singular (default: the name). */
  singular?: string;
  /** labels.plural (default: the name). */
  plural?: string;
}

/** One property of a custom object schema, as created. */
export interface SchemaProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  description?: string;
  groupName?: string;
  options?: Array<{ label: string; value: string; displayOrder?: number; hidden?: boolean }>;
}

/** A custom object schema as the state keeps it. */
export interface CustomObjectRecord {
  objectTypeId: string;
  name: string;
  singular?: string;
  plural?: string;
  primaryDisplayProperty?: string;
  requiredProperties?: string[];
  properties?: SchemaProperty[];
  /**
   * Object type ids it has an unlabeled default association type with. Absent in older state documents: then the
   * standard four (contacts, companies, deals, tickets), every custom object and itself.
   */
  associatedObjects?: string[];
  createdAt?: string;
  updatedAt?: string;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  portalId?: number;
  tokens?: Array<string | TokenSpec>;
  /** Requests per rolling window per token; 0 disables. */
  rateLimitPer10s?: number;
  /** Requests per day per token; 0 disables. */
  dailyLimit?: number;
  /** Length of the rolling window in ms (default 10000). Tests shrink it so they need not sleep 10 s. */
  rateWindowMs?: number;
  maxLabelsPerPair?: number;
  maxLimitValue?: number;
  customObjects?: CustomObjectSpec[];
  /** Custom object schemas per portal (default 50); POST /crm/v3/schemas refuses more. */
  maxCustomObjects?: number;
  stateFile?: string;
  /** Request bodies above this size get a 413 (default 1 MiB), counted while the body streams in. */
  maxBodyBytes?: number;
  /** Records per object type (default 10 000). */
  maxRecordsPerObjectType?: number;
  /** Size of one record's properties as JSON (default 64 KiB). */
  maxPropertiesBytes?: number;
  /** Estimated size of all records and associations (default 64 MiB): what keeps the state file bounded. */
  maxStateBytes?: number;
  /** Page size cap for GET record associations and per-input batch read pages (default 500). */
  pageSize?: number;
  /** Association writes need both records to exist (created via POST /crm/v3/objects). Default true. */
  requireExistingRecords?: boolean;
  /** First user-defined association type id of a fresh portal (default 100). */
  firstTypeId?: number;
  /**
   * Whether deleting one half of a label with two typeIds (paired, or single between two object types) deletes the
   * other half too (default true). HubSpot's behaviour is unconfirmed (reference Q1): false lets a provider be
   * tested in the world where the other half stays.
   */
  pairedDeleteCascades?: boolean;
}

export interface FaultSpec {
  method?: string; // "*" = any
  route?: string; // route template, "*" = any
  count?: number; // default 1
  status?: number;
  body?: unknown;
  policy?: RateLimitPolicy;
  delayMs?: number;
  drop?: boolean;
  after?: boolean;
}

export interface ArmedFault extends FaultSpec {
  id: string;
  remaining: number;
}

export interface RequestLogEntry {
  seq: number;
  at: string;
  method: string;
  route: string;
  path: string;
  query?: string;
  status: number;
  ms: number;
  /** Short, non-reversible fingerprint of the bearer token (never the token). */
  tokenFingerprint?: string;
  fault?: string;
}

export interface RequestLogDump {
  total: number;
  counts: Record<string, number>;
  entries: RequestLogEntry[];
}

export interface RateLimitSettings {
  per10s?: number;
  daily?: number;
  resetDaily?: boolean;
}

// ---- persisted / dumped state ----

export type DefinitionKind = "default" | "system" | "paired" | "single";

export interface AssociationDefinition {
  typeId: number;
  category: Category;
  fromObjectTypeId: string;
  toObjectTypeId: string;
  label: string | null;
  /** Internal name of a USER_DEFINED label (shared by both halves). */
  name?: string;
  /**
   * The type the reverse edge carries (itself for symmetric same-object types); null where there is none: a
   * HubSpot-defined type whose reverse id is not documented, or the remaining half of a label whose other half was
   * deleted on its own.
   */
  inverseTypeId: number | null;
  kind: DefinitionKind;
}

export interface LimitRecord {
  typeId: number;
  category: Category;
  fromObjectTypeId: string;
  toObjectTypeId: string;
  maxToObjectIds: number;
}

export interface CrmRecord {
  objectTypeId: string;
  id: string;
  properties: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface AssociationEdge {
  fromObjectTypeId: string;
  fromId: string;
  toObjectTypeId: string;
  toId: string;
  typeIds: number[];
}

export interface EmulatorStateSnapshot {
  version: 1;
  portalId: number;
  nextTypeId: number;
  nextRecordId: number;
  /** The numeric part of the next custom object id (absent in older documents). */
  nextCustomObjectId?: number;
  customObjects: CustomObjectRecord[];
  /** Every definition that is not part of the static HubSpot-defined seed. */
  definitions: AssociationDefinition[];
  limits: LimitRecord[];
  records: CrmRecord[];
  /** Directed edges; both directions are stored. */
  associations: AssociationEdge[];
}

export interface RunningEmulator {
  url: string;
  token: string;
  portalId: number;
  close(): Promise<void>;
  requests(): RequestLogDump;
  clearRequests(): void;
  reset(): void;
  state(): EmulatorStateSnapshot;
  injectFault(spec: FaultSpec): string;
  faults(): ArmedFault[];
  clearFaults(): void;
  setRateLimit(settings: RateLimitSettings): void;
  /** Resolves once every change so far is on disk (a change made over HTTP already is when it is answered). */
  flush(): Promise<void>;
}
