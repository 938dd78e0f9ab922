// Writes an Answer the way HubSpot does: a correlation id header on every answer, JSON bodies as
// application/json;charset=utf-8, the same correlationId inside error bodies, no body on a 204.
import * as http from "node:http";
import { HubSpotError } from "./errors";
import { Answer } from "./http-context";

const JSON_TYPE = "application/json;charset=utf-8";

export function errorAnswer(e: HubSpotError): Answer {
  return { status: e.status, body: e.body, headers: e.headers };
}

export function sendAnswer(
  res: http.ServerResponse,
  correlationId: string,
  answer: Answer,
  extra: Record<string, string> = {},
): void {
  const headers: Record<string, string> = {
    "x-hubspot-correlation-id": correlationId,
    ...extra,
    ...(answer.headers ?? {}),
  };
  let payload: string | undefined;
  if (answer.status !== 204 && answer.body !== undefined) {
    let body = answer.body;
    if (
      answer.status >= 400 &&
      typeof body === "object" &&
      body !== null &&
      !Array.isArray(body) &&
      !("correlationId" in body)
    ) {
      body = { ...(body as Record<string, unknown>), correlationId };
    }
    payload = JSON.stringify(body);
    headers["content-type"] = JSON_TYPE;
    headers["content-length"] = String(Buffer.byteLength(payload));
  } else if (answer.status !== 204) {
    headers["content-length"] = "0";
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}
