// The limits provider object as a module of its own. A program that has this package installed under node_modules has
// Pulumi's serializer capture it by reference, so `__provider` holds only a require of this file (about 250 bytes
// instead of the whole shim class, stored twice per resource). The path is part of every stack's state: never move
// or rename this file, and keep it in package.json's "exports".
import { HubSpotProviderShim } from "../provider-shim";

export = new HubSpotProviderShim("limits");
