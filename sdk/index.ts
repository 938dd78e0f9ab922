// What Pulumi programs import: `import { AssociationLabel, AssociationLimits } from "pulumi-hubspot-associations"`.
export { AssociationLabel, AssociationLabelArgs } from "./association-label";
export {
  AssociationLimits,
  AssociationLimitsArgs,
  AssociationLimitEntry,
  ResolvedAssociationLimit,
} from "./association-limits";
export {
  getAssociationLabels,
  getAssociationLimits,
  AssociationLabelInfo,
  AssociationLimitInfo,
  LookupOptions,
} from "./lookups";
export { HubSpotProviderShim } from "./provider-shim";
export { AssociationSchema, AssociationSchemaArgs } from "./association-schema";
export {
  AssociationSchemaDocument,
  AssociationPair,
  AssociationLabelEntry,
  HubSpotDefinedLimit,
  loadDocumentFile,
  loadDocumentText,
  validateDocumentObject,
  DocumentError,
  DocumentProblem,
} from "./document";
