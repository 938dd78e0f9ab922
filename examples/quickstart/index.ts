import { quickstart } from "./program";

// Stack outputs: the type ids HubSpot assigned.
export = quickstart();
