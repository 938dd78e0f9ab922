// What an endpoint module needs from the client: send one logical request (limiter, retries and error
// typing included) and read its answer.

import { RequestDescription } from "./errors";
import { ResponseReader } from "./parse";
import { HttpMethod } from "./policy";
import { RouteParams, expandRoute } from "./routes";
import { HttpRequest, HttpResponse } from "./transport";

export type HttpCaller = (request: HttpRequest) => Promise<HttpResponse>;

export interface CallSpec {
  method: HttpMethod;
  route: string;
  params?: RouteParams;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/** Sends the call and returns a reader over the 2xx answer. */
export async function call(http: HttpCaller, spec: CallSpec): Promise<ResponseReader> {
  const request: HttpRequest = {
    method: spec.method,
    route: spec.route,
    path: expandRoute(spec.route, spec.params, spec.query),
  };
  if (spec.body !== undefined) request.body = spec.body;
  const response = await http(request);
  const description: RequestDescription = { method: spec.method, route: spec.route };
  return new ResponseReader(response, description);
}
