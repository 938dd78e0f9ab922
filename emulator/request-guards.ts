// Checks that run on every request before anything else, so that a web page in the user's browser cannot use the
// emulator: the Host header must name the emulator itself (a DNS-rebinding page sends its own host name), and a
// request that carries an Origin must come from the emulator's own origin (browsers send Origin on cross-site
// requests). Control requests that change something must send their body as application/json (a cross-site form or
// text/plain POST cannot).
import * as os from "node:os";
import { forbiddenError, HubSpotError, unsupportedMediaTypeError } from "./errors";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];
const WILDCARD_ADDRESSES = new Set(["0.0.0.0", "::", "[::]"]);

/** How a host appears in a Host header: IPv6 literals in brackets, lower case. */
function hostForm(address: string): string {
  const a = address.toLowerCase();
  return a.includes(":") && !a.startsWith("[") ? `[${a}]` : a;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === "localhost" || h === "::1" || h === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The hosts the emulator answers to: its listen address, the loopback names, and (bound to every interface) the machine's addresses. */
export function allowedHostNames(listenHost: string): Set<string> {
  const names = new Set<string>([...LOOPBACK_NAMES, hostForm(listenHost)]);
  if (WILDCARD_ADDRESSES.has(listenHost)) {
    for (const list of Object.values(os.networkInterfaces()))
      for (const i of list ?? []) names.add(hostForm(i.address));
    names.add(os.hostname().toLowerCase());
  }
  return names;
}

export class RequestGuards {
  constructor(
    private readonly hostNames: ReadonlySet<string>,
    private readonly port: number,
  ) {}

  /** `host[:port]` naming this emulator. */
  private isOwnHost(value: string): boolean {
    const [, name, port] = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(value.toLowerCase()) ?? [];
    if (name === undefined) return false;
    return (port === undefined ? 80 : Number(port)) === this.port && this.hostNames.has(name);
  }

  /** 403 for a foreign Host header or a foreign Origin; undefined when the request may proceed. */
  check(host: string | undefined, origin: string | undefined): HubSpotError | undefined {
    if (host === undefined || !this.isOwnHost(host)) {
      return forbiddenError(
        `Host '${host ?? ""}' is not this emulator; use http://127.0.0.1:${this.port} or http://localhost:${this.port}`,
      );
    }
    if (origin !== undefined && !this.isOwnOrigin(origin))
      return forbiddenError(`Cross-origin requests are refused (Origin '${origin}')`);
    return undefined;
  }

  private isOwnOrigin(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    return url.protocol === "http:" && url.pathname === "/" && this.isOwnHost(url.host);
  }
}

/** A control request that changes something and has a body must declare it as JSON. */
export function checkControlContentType(
  method: string,
  headers: { "content-type"?: string; "content-length"?: string; "transfer-encoding"?: string },
): HubSpotError | undefined {
  if (method === "GET" || method === "HEAD") return undefined;
  const hasBody =
    (headers["content-length"] !== undefined && headers["content-length"] !== "0") ||
    headers["transfer-encoding"] !== undefined;
  if (!hasBody) return undefined;
  const [mediaType = ""] = (headers["content-type"] ?? "").split(";");
  return mediaType.trim().toLowerCase() === "application/json"
    ? undefined
    : unsupportedMediaTypeError(headers["content-type"]);
}
