// Account details: the portal id (the provider's "wrong portal" guard) and its time zone (daily-limit reset).

import { AccountDetails } from "./api";
import { HttpCaller, call } from "./http-caller";
import { parseAccountDetails } from "./parse";
import { ROUTES } from "./routes";

/** `GET /account-info/v3/details` (200). */
export async function getAccountDetails(http: HttpCaller): Promise<AccountDetails> {
  const reader = await call(http, { method: "GET", route: ROUTES.accountDetails });
  return parseAccountDetails(reader.object());
}
