import { expect } from "chai";
import {
  DEFAULT_BASE_URL,
  MISSING_TOKEN_MESSAGE,
  RawSettings,
  requireAccessToken,
  resolveSettings,
  settingsFromConfig,
} from "../../provider/config";

const env = {
  HUBSPOT_ACCESS_TOKEN: "env-token",
  HUBSPOT_BASE_URL: "http://env.example/",
  HUBSPOT_PORTAL_ID: "42",
  HUBSPOT_MAX_REQUESTS_PER_10S: "50",
};

function fromConfig(values: Record<string, string | undefined>): RawSettings {
  return settingsFromConfig({ get: (k: string) => values[k] });
}

describe("unit: provider settings", () => {
  it("defaults without config or env; a missing token is one clear error only when needed", () => {
    const s = resolveSettings({ env: {} });
    expect(s).to.deep.equal({
      accessToken: undefined,
      baseUrl: DEFAULT_BASE_URL,
      portalId: undefined,
      maxRequestsPer10s: 100,
    });
    expect(() => requireAccessToken(s)).to.throw(MISSING_TOKEN_MESSAGE);
    expect(MISSING_TOKEN_MESSAGE).to.include("pulumi config set --secret hubspot:accessToken");
    expect(MISSING_TOKEN_MESSAGE).to.include("HUBSPOT_ACCESS_TOKEN");
  });

  it("reads the environment when there is no stack config (trailing slash trimmed)", () => {
    expect(resolveSettings({ env })).to.deep.equal({
      accessToken: "env-token",
      baseUrl: "http://env.example",
      portalId: "42",
      maxRequestsPer10s: 50,
    });
  });

  it("stack config wins over the environment, key by key", () => {
    const config = fromConfig({
      "hubspot:accessToken": "config-token",
      "hubspot:baseUrl": "http://config.example",
      "hubspot:maxRequestsPer10s": "190",
    });
    expect(resolveSettings({ config, env })).to.deep.equal({
      accessToken: "config-token",
      baseUrl: "http://config.example",
      portalId: "42",
      maxRequestsPer10s: 190,
    });
  });

  it("empty config values fall back to the environment", () => {
    const config = fromConfig({ "hubspot:accessToken": "", "hubspot:baseUrl": "  " });
    expect(resolveSettings({ config, env }).accessToken).to.equal("env-token");
    expect(resolveSettings({ config, env }).baseUrl).to.equal("http://env.example");
  });

  it("explicit options (lookups and the CLI) win over both", () => {
    const config = fromConfig({ "hubspot:accessToken": "config-token" });
    expect(
      resolveSettings({ explicit: { accessToken: "explicit", maxRequestsPer10s: 7 }, config, env }),
    ).to.deep.include({ accessToken: "explicit", maxRequestsPer10s: 7 });
  });

  it("refuses a budget that is not a positive integer", () => {
    for (const bad of ["0", "-1", "1.5", "many"]) {
      expect(() => resolveSettings({ env: { HUBSPOT_MAX_REQUESTS_PER_10S: bad } }), bad).to.throw(/positive integer/);
    }
  });
});
