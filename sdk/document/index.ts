// The YAML document: its types (generated from schema.json), the loader and its problems.
export * from "./types.generated";
export {
  loadDocumentFile,
  loadDocumentText,
  validateDocumentObject,
  requireDocument,
  countDocument,
  LoadResult,
  DocumentCounts,
} from "./load";
export { DocumentError, DocumentProblem, formatProblem, formatPath } from "./problems";
export { schemaFilePath } from "./schema-file";
