import { adoptExisting } from "./program";

export = adoptExisting();
