// The token never leaks (state, CLI output, errors), and the portal guard refuses before any write.
import { expect } from "chai";
import { startEmulator } from "../../emulator";
import { quickstart } from "../../examples/quickstart/program";
import { createTestStack, TestStack } from "./harness";
import { clearLog, mutating, requestLog, userLabels } from "./emulator-ops";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const CONFIG_TOKEN = "pat-na1-11111111-aaaa-4bbb-8ccc-secretconfig01";
const ENV_TOKEN = "pat-na1-22222222-dddd-4eee-8fff-secretenviron02";
const WRONG_TOKEN = "pat-na1-33333333-0000-4000-8000-wrongtoken0003";

function assertNoToken(haystack: string, where: string): void {
  for (const token of [CONFIG_TOKEN, ENV_TOKEN, WRONG_TOKEN]) {
    expect(haystack.includes(token), `${where} contains a token`).to.equal(false);
    // also no long fragment of it (e.g. a truncated header dump)
    expect(haystack.includes(token.slice(8, 30)), `${where} contains part of a token`).to.equal(false);
  }
}

describe("e2e: secrets and the portal guard", function () {
  this.timeout(600_000);
  let emu: Emulator;
  const stacks: TestStack[] = [];

  before(async () => {
    emu = await startEmulator({ port: 0, tokens: [CONFIG_TOKEN, ENV_TOKEN] });
  });
  beforeEach(async () => {
    await fetch(`${emu.url}/__emulator/reset`, { method: "POST", headers: { authorization: `Bearer ${emu.token}` } });
  });
  after(async () => {
    for (const s of stacks) await s.dispose();
    await emu?.close();
  });

  for (const how of ["secret stack config", "environment variable"] as const) {
    it(`9. the token given as ${how} appears nowhere in state, output or errors`, async () => {
      const viaConfig = how === "secret stack config";
      const t = await createTestStack({
        projectName: viaConfig ? "secret-config" : "secret-env",
        program: async () => quickstart({ referrerLabel: viaConfig ? "Referrer (config)" : "Referrer (env)" }),
        config: {
          "hubspot:baseUrl": { value: emu.url },
          ...(viaConfig ? { "hubspot:accessToken": { value: CONFIG_TOKEN, secret: true } } : {}),
        },
        env: viaConfig ? {} : { HUBSPOT_ACCESS_TOKEN: ENV_TOKEN },
      });
      stacks.push(t);
      await t.preview({ diff: true });
      await t.up();
      await t.refresh();
      await t.preview({ expectNoChanges: true, diff: true });
      assertNoToken(await t.exportState(), "stack export");
      assertNoToken(t.rawState(), "the state backend's files");
      await t.destroy();
      assertNoToken(await t.exportState(), "stack export after destroy");
      assertNoToken(t.transcript.join("\n"), "CLI output");
    });
  }

  it("9. a 401 run fails with HubSpot's message and no token in any text", async () => {
    const t = await createTestStack({
      projectName: "secret-401",
      program: async () => quickstart(),
      config: {
        "hubspot:baseUrl": { value: emu.url },
        "hubspot:accessToken": { value: WRONG_TOKEN, secret: true },
      },
    });
    stacks.push(t);
    let failure = "";
    try {
      await t.up();
    } catch (e) {
      failure = String(e instanceof Error ? `${e.message}\n${e.stack}` : e);
    }
    expect(failure).to.not.equal("");
    const all = failure + "\n" + t.transcript.join("\n");
    expect(all).to.match(/INVALID_AUTHENTICATION|401/);
    assertNoToken(all, "401 run output");
    assertNoToken(await t.exportState(), "stack export after 401");
    assertNoToken(t.rawState(), "the state backend's files after 401");
  });

  it("10. hubspot:portalId set to another portal: the preview fails (one account read, nothing else), and up refuses before any write", async () => {
    await clearLog(emu);
    const t = await createTestStack({
      projectName: "portal-guard",
      program: async () => quickstart({ referrerLabel: "Guarded" }),
      config: {
        "hubspot:baseUrl": { value: emu.url },
        "hubspot:accessToken": { value: CONFIG_TOKEN, secret: true },
        "hubspot:portalId": { value: String(emu.portalId + 1) },
      },
    });
    stacks.push(t);
    // A pull request's preview goes red: the guard runs in check.
    let previewFailure = "";
    try {
      await t.preview();
    } catch (e) {
      previewFailure = String(e);
    }
    expect(previewFailure).to.match(
      new RegExp(`access token belongs to portal ${emu.portalId}, but hubspot:portalId .* says ${emu.portalId + 1}`),
    );
    expect((await requestLog(emu)).counts).to.deep.equal({ "GET /account-info/v3/details": 1 });
    let failure = "";
    try {
      await t.up();
    } catch (e) {
      failure = String(e);
    }
    expect(failure).to.include(String(emu.portalId + 1));
    expect(failure).to.include(String(emu.portalId));
    expect(mutating(await requestLog(emu))).to.deep.equal([]);
    expect((await userLabels(emu, "contacts", "deals")).map((l) => l.label)).to.not.include("Guarded");
  });
});
