// The contract between the HubSpot client (provider/hubspot) and the CRUD logic (provider/*).
// Wire shapes follow shared/reference/hubspot-associations-v4.md §2; names here are ours.

export type AssociationCategory = "HUBSPOT_DEFINED" | "USER_DEFINED" | "INTEGRATOR_DEFINED" | "WORK";

/** One association type as `GET .../labels` and `POST .../labels` return it. */
export interface AssociationTypeInfo {
  category: AssociationCategory;
  typeId: number;
  /** `null` for the unlabeled default type. */
  label: string | null;
  /** Present only when HubSpot sends them (2026 API versions). */
  fromObjectTypeId?: string;
  toObjectTypeId?: string;
}

/** One custom limit as `GET .../definitions/configurations/...` returns it. */
export interface LimitConfiguration {
  category: AssociationCategory;
  typeId: number;
  /** The configured maximum; HubSpot never calls this `maxToObjectIds` on the way out. */
  userEnforcedMaxToObjectIds?: number;
  label?: string | null;
}

export interface LimitInput {
  category: AssociationCategory;
  typeId: number;
  maxToObjectIds: number;
}

export interface LimitKey {
  category: AssociationCategory;
  typeId: number;
}

/** A HubSpot batch envelope's per-item error. */
export interface BatchItemError {
  status: string;
  category: string;
  subCategory?: string;
  message: string;
  context?: Record<string, string[]>;
}

export interface BatchResult<T> {
  status: "PENDING" | "PROCESSING" | "CANCELED" | "COMPLETE";
  results: T[];
  numErrors: number;
  errors: BatchItemError[];
  /** 201/200 vs 207. */
  httpStatus: number;
}

export interface AccountDetails {
  portalId: number;
  timeZone?: string;
  accountType?: string;
  uiDomain?: string;
}

/**
 * One custom object as `GET /crm/v3/schemas` describes it (the fields the provider resolves names with; the
 * rest of HubSpot's ObjectSchema is ignored). Assignable to model/custom-objects.ts's CustomObjectSchema.
 */
export interface CustomObjectSchemaInfo {
  /** `2-<n>`: what association paths and our resource ids use. Differs between portals. */
  objectTypeId: string;
  /** The plain name (`cars`): the same in a sandbox and in production. */
  name: string;
  /** `p<portalId>_<name>`. */
  fullyQualifiedName?: string;
  labels?: { singular?: string; plural?: string };
  /** Always false in what `listCustomObjectSchemas` returns (archived schemas are left out). */
  archived: boolean;
}

export interface CreateLabelRequest {
  name: string;
  label: string;
  inverseLabel?: string;
}

export interface UpdateLabelRequest {
  associationTypeId: number;
  label: string;
  inverseLabel?: string;
}

/**
 * The client's retry and time policy, for callers that retry a whole decision rather than one request: after a
 * write whose outcome is unknown (`OutcomeUnknownError`), re-read, re-decide and maybe re-send. Using it keeps
 * one attempt count, one jitter rule and one clock for the whole process:
 *
 *   for (let attempt = 1; ; attempt++) {
 *     try { return await planAndWrite(); }
 *     catch (e) { if (isOutcomeUnknown(e) && (await api.retry.beforeReplan(attempt + 1))) continue; throw e; }
 *   }
 */
export interface RetryTiming {
  /** Plans in total, the first included (policy `maxReplanAttempts`, default 5). */
  readonly replanAttempts: number;
  /**
   * The delay before plan `attempt` (an integer from 1; 1 gives 0): full jitter over the client's backoff, drawn
   * from the client's random source. Each call draws again.
   */
  replanDelayMs(attempt: number): number;
  /**
   * Call before plan `attempt`. Resolves `false` at once when `attempt` exceeds `replanAttempts` (give up);
   * otherwise waits `replanDelayMs(attempt)` on the client's clock and resolves `true`.
   */
  beforeReplan(attempt: number): Promise<boolean>;
  /** Waits on the client's clock (a ManualClock in tests), for any other pause a caller needs. */
  sleep(delayMs: number): Promise<void>;
}

/** Typed surface of the HubSpot API used by the provider. Object types may be names or ids. */
export interface HubSpotApi {
  listLabels(fromObjectType: string, toObjectType: string): Promise<AssociationTypeInfo[]>;
  /**
   * POST .../labels. Not idempotent: when the outcome is unknown (network error or 5xx after sending), it throws
   * `OutcomeUnknownError` and never re-sends by itself; the caller reads the pair's labels before trying again.
   */
  createLabel(fromObjectType: string, toObjectType: string, req: CreateLabelRequest): Promise<AssociationTypeInfo[]>;
  updateLabel(fromObjectType: string, toObjectType: string, req: UpdateLabelRequest): Promise<void>;
  /** DELETE .../labels/{typeId}; a 404 surfaces as HubSpotApiError with status 404. */
  deleteLabel(fromObjectType: string, toObjectType: string, typeId: number): Promise<void>;

  listAllLimits(): Promise<LimitConfiguration[]>;
  listLimits(fromObjectType: string, toObjectType: string): Promise<LimitConfiguration[]>;
  /** batch/create: a 207 or CANCELED envelope is returned, not thrown; callers inspect `errors`. */
  createLimits(
    fromObjectType: string,
    toObjectType: string,
    inputs: LimitInput[],
  ): Promise<BatchResult<LimitConfiguration>>;
  updateLimits(
    fromObjectType: string,
    toObjectType: string,
    inputs: LimitInput[],
  ): Promise<BatchResult<LimitConfiguration>>;
  purgeLimits(fromObjectType: string, toObjectType: string, inputs: LimitKey[]): Promise<void>;

  getAccountDetails(): Promise<AccountDetails>;

  /** `GET /crm/v3/schemas`: the portal's custom objects, archived ones left out. Idempotent, retried as any GET. */
  listCustomObjectSchemas(): Promise<CustomObjectSchemaInfo[]>;

  /** The retry and time policy for the caller's own re-plan loops (see RetryTiming). */
  readonly retry: RetryTiming;
}
