import { promote } from "./program";

export = promote();
