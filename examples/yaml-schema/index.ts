import { yamlSchema } from "./program";

export = yamlSchema();
