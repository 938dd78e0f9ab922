// The domain: HubSpot's object types, its HubSpot-defined association types, object pairs and the unknown value.
// No I/O and no Pulumi: the YAML loader, the CLI and the provider all build on it; it imports nothing of theirs.
export * from "./object-types";
export * from "./hubspot-defined-types";
export * from "./pairs";
export * from "./unknown";
export * from "./custom-objects";
export * from "./text-rules";
export * from "./reserved-names";
export * from "./spelling";
export * from "./error-message";
