// A document must be UTF-8: a Latin-1 file is refused at its first bad byte instead of reaching HubSpot with
// U+FFFD in place of its letters. A UTF-8 byte order mark is fine.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatProblem, loadDocumentFile } from "../../sdk/document";
import { decodeUtf8, firstInvalidUtf8Byte } from "../../sdk/document/utf8";
import { Prng } from "../reliability/prng";

const DOC = (label: string): string =>
  [
    "version: 1",
    "associations:",
    "  - from: contacts",
    "    to: companies",
    "    labels:",
    "      - name: gf",
    `        label: ${label}`,
    "",
  ].join("\n");

describe("document files: UTF-8 only", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "doc-enc-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, bytes: Buffer): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it("a Latin-1 file is refused at the first bad byte, with its line and column", () => {
    const file = write("latin1.yaml", Buffer.from(DOC("Geschäftsführer"), "latin1"));
    const r = loadDocumentFile(file);
    expect(r.document).to.equal(undefined);
    expect(r.problems.map(formatProblem)).to.deep.equal([
      `${file}:7:21: byte 0xE4 is not valid UTF-8; save the file as UTF-8 (it looks like another encoding, such as Latin-1 or Windows-1252)`,
    ]);
  });

  it("the column counts the well-formed characters before the bad byte as YAML does", () => {
    // "Café " is 6 bytes but 5 characters; the bad byte is the 6th character of the value.
    const bytes = Buffer.concat([
      Buffer.from(DOC("Café X").replace("X\n", ""), "utf8"),
      Buffer.from([0xff]),
      Buffer.from("\n"),
    ]);
    const r = loadDocumentFile(write("mixed.yaml", bytes));
    expect(r.problems.map((p) => [p.line, p.col, p.message.slice(0, 32)])).to.deep.equal([
      [7, 21, "byte 0xFF is not valid UTF-8; sa"],
    ]);
  });

  it("a UTF-16 file is named as such", () => {
    const text = DOC("Manager");
    const r = loadDocumentFile(
      write("utf16.yaml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])),
    );
    expect(r.problems.map(formatProblem)[0]).to.match(
      /:1:1: byte 0xFF is not valid UTF-8; the file looks like UTF-16: save it as UTF-8$/,
    );
  });

  it("UTF-8 with a byte order mark loads, and positions after it are those of the text", () => {
    const good = loadDocumentFile(
      write("bom.yaml", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DOC("Geschäftsführer"), "utf8")])),
    );
    expect(good.problems).to.deep.equal([]);
    expect(good.document?.associations[0]?.labels?.[0]?.label).to.equal("Geschäftsführer");
    const bad = loadDocumentFile(
      write(
        "bom-bad.yaml",
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("version: 2\nassociations: []\n", "utf8")]),
      ),
    );
    expect(bad.problems.map((p) => [p.line, p.col])).to.deep.equal([[1, 10]]);
  });

  it("a bad byte on the first line of a file with a BOM is placed after the BOM", () => {
    const r = decodeUtf8(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x62]), Buffer.from([0xc0, 0xaf])]));
    expect(r).to.deep.include({ ok: false, position: { line: 1, col: 3 } });
  });
});

describe("firstInvalidUtf8Byte", () => {
  const at = (...bytes: number[]): number | undefined => firstInvalidUtf8Byte(Uint8Array.from(bytes));

  it("finds overlong forms, surrogates, code points above U+10FFFF, stray and truncated continuations", () => {
    expect(at(0x61, 0xc0, 0xaf)).to.equal(1); // overlong "/"
    expect(at(0xe0, 0x80, 0xaf)).to.equal(0); // overlong 3-byte
    expect(at(0xed, 0xa0, 0x80)).to.equal(0); // U+D800
    expect(at(0xf4, 0x90, 0x80, 0x80)).to.equal(0); // U+110000
    expect(at(0xf5, 0x80, 0x80, 0x80)).to.equal(0);
    expect(at(0x61, 0x80)).to.equal(1);
    expect(at(0x61, 0xe2, 0x82)).to.equal(1); // "€" cut short at the end
    expect(at(0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa4)).to.equal(undefined); // € 😀 ä
  });

  it("agrees with a fatal TextDecoder on random bytes (seeded)", () => {
    const seed = 20260921;
    const rng = new Prng(seed);
    const fatal = new TextDecoder("utf-8", { fatal: true });
    // Mostly well-formed text with a few random bytes, so that both outcomes and every lead byte occur.
    const pieces = ["a", "é", "€", "😀", "\n"].map((s) => [...Buffer.from(s, "utf8")]);
    for (let run = 0; run < 3000; run++) {
      const bytes: number[] = [];
      const n = rng.int(0, 12);
      for (let i = 0; i < n; i++) bytes.push(...(rng.next() < 0.85 ? rng.pick(pieces) : [rng.int(0x80, 0xff)]));
      const arr = Uint8Array.from(bytes);
      const bad = firstInvalidUtf8Byte(arr);
      let decodes = true;
      try {
        fatal.decode(arr);
      } catch {
        decodes = false;
      }
      expect(bad === undefined, `seed ${seed} run ${run}: ${Buffer.from(arr).toString("hex")}`).to.equal(decodes);
      if (bad !== undefined)
        expect(() => fatal.decode(arr.subarray(0, bad)), `prefix before ${bad} is well-formed`).to.not.throw();
    }
  });
});
