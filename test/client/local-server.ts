// A real HTTP server on 127.0.0.1 for client tests that need answers the emulator never gives (an echoed
// Authorization header, malformed bodies, raw broken HTTP) or an endpoint it does not serve yet.
import { IncomingHttpHeaders, createServer } from "node:http";
import { AddressInfo } from "node:net";

export interface LocalRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type LocalAnswer =
  | {
      status: number;
      headers?: Record<string, string>;
      /** A string is sent as is (so tests can write JSON escapes by hand); anything else as JSON. */
      body?: unknown;
    }
  /** Bytes written straight to the socket, which is then closed: broken HTTP. */
  | { raw: string };

export interface LocalServer {
  url: string;
  requests: LocalRequest[];
  close(): Promise<void>;
}

export async function startLocalServer(handler: (request: LocalRequest) => LocalAnswer): Promise<LocalServer> {
  const requests: LocalRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: LocalRequest = {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      const answer = handler(request);
      if ("raw" in answer) {
        req.socket.end(answer.raw);
        return;
      }
      const text =
        answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { "content-type": "application/json;charset=utf-8", ...(answer.headers ?? {}) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
