// EmulatorOptions with every default filled in: the one place the defaults live.
import { CustomObjectSpec, EmulatorOptions, TokenSpec } from "./types";

export const DEFAULTS = {
  host: "127.0.0.1",
  portalId: 12345678,
  rateLimitPer10s: 100,
  dailyLimit: 250_000,
  rateWindowMs: 10_000,
  maxLabelsPerPair: 50,
  maxLimitValue: 10_000,
  maxBodyBytes: 1024 * 1024,
  maxRecordsPerObjectType: 10_000,
  maxCustomObjects: 50,
  maxPropertiesBytes: 64 * 1024,
  maxStateBytes: 64 * 1024 * 1024,
  pageSize: 500,
  firstTypeId: 100,
};

export interface ResolvedOptions {
  portalId: number;
  tokens: Array<string | TokenSpec> | undefined;
  rateLimitPer10s: number;
  dailyLimit: number;
  rateWindowMs: number;
  maxLabelsPerPair: number;
  maxLimitValue: number;
  customObjects: CustomObjectSpec[];
  stateFile: string | undefined;
  maxBodyBytes: number;
  maxRecordsPerObjectType: number;
  maxCustomObjects: number;
  maxPropertiesBytes: number;
  maxStateBytes: number;
  pageSize: number;
  requireExistingRecords: boolean;
  firstTypeId: number;
  pairedDeleteCascades: boolean;
}

export function resolveOptions(o: EmulatorOptions): ResolvedOptions {
  return {
    portalId: o.portalId ?? DEFAULTS.portalId,
    tokens: o.tokens,
    rateLimitPer10s: o.rateLimitPer10s ?? DEFAULTS.rateLimitPer10s,
    dailyLimit: o.dailyLimit ?? DEFAULTS.dailyLimit,
    rateWindowMs: o.rateWindowMs ?? DEFAULTS.rateWindowMs,
    maxLabelsPerPair: o.maxLabelsPerPair ?? DEFAULTS.maxLabelsPerPair,
    maxLimitValue: o.maxLimitValue ?? DEFAULTS.maxLimitValue,
    customObjects: o.customObjects ?? [],
    stateFile: o.stateFile,
    maxBodyBytes: o.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    maxRecordsPerObjectType: o.maxRecordsPerObjectType ?? DEFAULTS.maxRecordsPerObjectType,
    maxCustomObjects: o.maxCustomObjects ?? DEFAULTS.maxCustomObjects,
    maxPropertiesBytes: o.maxPropertiesBytes ?? DEFAULTS.maxPropertiesBytes,
    maxStateBytes: o.maxStateBytes ?? DEFAULTS.maxStateBytes,
    pageSize: o.pageSize ?? DEFAULTS.pageSize,
    requireExistingRecords: o.requireExistingRecords ?? true,
    firstTypeId: o.firstTypeId ?? DEFAULTS.firstTypeId,
    pairedDeleteCascades: o.pairedDeleteCascades ?? true,
  };
}
