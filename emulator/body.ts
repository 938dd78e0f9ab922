// Reads a request body with a size cap. The cap is enforced while the body streams in: a declared Content-Length
// over the cap is refused before a byte is read, and a body that grows past it stops being read at that point (the
// server answers 413 and closes the connection), so a client cannot make the emulator buffer or drain gigabytes.
import * as http from "node:http";

export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | "too-large"> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve("too-large");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= maxBytes) {
        chunks.push(c);
        return;
      }
      settled = true;
      chunks.length = 0;
      req.off("data", onData);
      req.pause();
      resolve("too-large");
    };
    req.on("data", onData);
    req.on("end", () => {
      if (!settled) resolve(Buffer.concat(chunks));
    });
    req.on("error", (e) => {
      if (!settled) reject(e);
    });
  });
}
