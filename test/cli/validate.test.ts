// `hubspot-associations validate`: offline, FILE:LINE:COL lines and exit 1 on problems, a one-line ok otherwise.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runValidateCommand } from "../../cli/commands/validate";
import { captureIo } from "./helpers";

describe("validate command", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it("a good file: exit 0 and counts, with no token in the environment", async () => {
    const example = path.resolve(__dirname, "..", "..", "..", "examples", "yaml-schema", "hubspot-associations.yaml");
    const io = captureIo({});
    expect(await runValidateCommand([example], io)).to.equal(0);
    expect(io.stdout.join("")).to.equal(`${example}: ok (4 pairs, 4 labels, 6 limits)\n`);
    expect(io.stderr).to.deep.equal([]);
  });

  it("a bad file: every problem as FILE:LINE:COL: message, exit 1", async () => {
    const file = write(
      "bad.yaml",
      "version: 1\nassociations:\n  - from: contacts\n    to: companeis\n    maxToObjectIds: 0\n",
    );
    const io = captureIo({});
    expect(await runValidateCommand([file], io)).to.equal(1);
    const lines = io.stderr.join("").trimEnd().split("\n");
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:4:9: associations\\[0\\]\\.to: unknown object type "companeis"`,
      ),
    );
    expect(lines[1]).to.contain(":5:21: associations[0].maxToObjectIds: must be between 1 and 10000, got 0");
  });

  it("several files: all are checked, exit 1 when any fails", async () => {
    const good = write("good.yaml", "version: 1\nassociations: []\n");
    const bad = write("bad2.yaml", "version: 2\nassociations: []\n");
    const io = captureIo({});
    expect(await runValidateCommand([bad, good], io)).to.equal(1);
    expect(io.stdout.join("")).to.equal(`${good}: ok (0 pairs, 0 labels, 0 limits)\n`);
    expect(io.stderr.join("")).to.contain(`${bad}:1:10: version: unsupported version 2`);
  });

  it("a file that is not UTF-8 is refused at its first bad byte, exit 1", async () => {
    const file = path.join(dir, "latin1.yaml");
    fs.writeFileSync(
      file,
      Buffer.from(
        "version: 1\nassociations:\n  - from: contacts\n    to: companies\n    labels:\n      - name: gf\n        label: Geschäftsführer\n",
        "latin1",
      ),
    );
    const io = captureIo({});
    expect(await runValidateCommand([file], io)).to.equal(1);
    expect(io.stderr.join("")).to.equal(
      `${file}:7:21: byte 0xE4 is not valid UTF-8; save the file as UTF-8 (it looks like another encoding, such as Latin-1 or Windows-1252)\n`,
    );
    expect(io.stdout).to.deep.equal([]);
  });

  it("every file given is reported, each with its problems, whatever kind they are", async () => {
    const bomb = ["version: 1", "x0: &x0 [lol]"];
    for (let i = 1; i <= 9; i++)
      bomb.push(`x${i}: &x${i} [${Array.from({ length: 10 }, () => `*x${i - 1}`).join(", ")}]`);
    const a = write("bomb.yaml", bomb.join("\n") + "\nassociations: []\n");
    const b = write("unknown-anchor.yaml", "version: 1\nassociations:\n  - from: contacts\n    to: *company\n");
    const c = write(
      "fine.yaml",
      "version: 1\nassociations:\n  - { from: contacts, to: companies, maxToObjectIds: &n 3 }\n  - { from: companies, to: contacts, maxToObjectIds: *n }\n",
    );
    const io = captureIo({});
    expect(await runValidateCommand([a, b, c], io)).to.equal(1);
    const err = io.stderr.join("").trimEnd().split("\n");
    expect(err).to.have.length(2);
    expect(err[0]).to.match(new RegExp(`^${a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:8:\\d+: expanding the aliases`));
    expect(err[1]).to.equal(`${b}:4:9: unknown anchor "*company": an alias needs an anchor &company before it`);
    expect(io.stdout.join("")).to.equal(`${c}: ok (2 pairs, 0 labels, 2 limits)\n`);
  });

  it("a missing file is a user error", async () => {
    const io = captureIo({});
    expect(await runValidateCommand([path.join(dir, "nope.yaml")], io)).to.equal(1);
    expect(io.stderr.join("")).to.contain("nope.yaml: no such file");
  });

  it("usage: no FILE or an unknown option exits 2; --help exits 0", async () => {
    const none = captureIo({});
    expect(await runValidateCommand([], none)).to.equal(2);
    expect(none.stderr.join("")).to.contain("Usage: hubspot-associations validate");
    expect(await runValidateCommand(["--strict", "x.yaml"], captureIo({}))).to.equal(2);
    const help = captureIo({});
    expect(await runValidateCommand(["--help"], help)).to.equal(0);
    expect(help.stdout.join("")).to.contain("FILE:LINE:COL");
  });
});
