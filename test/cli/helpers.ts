// Shared by the CLI tests: a captured CommandIo, and seeding an emulator over HTTP the way a user's portal got
// its labels (the HubSpot endpoints, not the control API), so the export reads what HubSpot would list.
import { CommandIo } from "../../cli/commands/io";
import { EmulatorHttp } from "../helpers/emulator-http";
import { defined } from "../helpers/items";

export interface CapturedIo extends CommandIo {
  stdout: string[];
  stderr: string[];
}

export function captureIo(env: NodeJS.ProcessEnv = {}): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, env, out: (s) => void stdout.push(s), err: (s) => void stderr.push(s) };
}

interface LabelResult {
  typeId: number;
  label: string | null;
  category: string;
}

export class PortalSeeder {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  private async post<T>(path: string, body: unknown): Promise<T> {
    const r = await new EmulatorHttp(this.url, this.token).post<T>(path, body);
    if (r.status >= 300) throw new Error(`POST ${path}: ${r.status} ${r.text}`);
    return r.body;
  }

  /** Creates a label; returns the forward typeId and, for paired or cross-object single labels, the other half's. */
  async label(
    from: string,
    to: string,
    name: string,
    label: string,
    inverseLabel?: string,
  ): Promise<{ typeId: number; otherTypeId?: number }> {
    const body = inverseLabel === undefined ? { name, label } : { name, label, inverseLabel };
    const r = await this.post<{ results: LabelResult[] }>(`/crm/v4/associations/${from}/${to}/labels`, body);
    const [typeId, otherTypeId] = r.results.map((x) => x.typeId).sort((a, b) => a - b);
    return { typeId: defined(typeId, `the typeId of the label ${name} created`), otherTypeId };
  }

  async limits(
    from: string,
    to: string,
    inputs: { typeId: number; maxToObjectIds: number; category?: string }[],
  ): Promise<void> {
    const body = {
      inputs: inputs.map((i) => ({
        category: i.category ?? "USER_DEFINED",
        typeId: i.typeId,
        maxToObjectIds: i.maxToObjectIds,
      })),
    };
    const r = await this.post<{ numErrors?: number; errors?: unknown[] }>(
      `/crm/v4/associations/definitions/configurations/${from}/${to}/batch/create`,
      body,
    );
    if (r.numErrors) throw new Error(`limits ${from}->${to}: ${JSON.stringify(r.errors)}`);
  }
}
