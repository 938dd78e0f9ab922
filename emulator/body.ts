// Reads a request body with a size cap.
import * as http from "node:http";

export async function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers["content-length"] ?? "0") > maxBytes;
    req.on("data", (c: Buffer) => {
      if (over) return; // keep draining so the client can read our 413
      size += c.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
      } else chunks.push(c);
    });
    req.on("end", () => resolve(over ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
