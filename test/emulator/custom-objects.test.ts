// Contract: custom object schemas (hubspot-open-questions.md Q6, DESIGN.md): POST/GET /crm/v3/schemas with HubSpot's
// ObjectSchema shape, ids that differ between emulator instances, and the new object on every association path.
import { expect } from "chai";
import { sleep } from "../helpers/async";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runEmulatorCommand } from "../../cli/commands/emulator";
import { startEmulator } from "../../emulator";
import {
  BatchEnvelope,
  ConfigResult,
  CrmObject,
  EmulatorHttp,
  ErrorBody,
  LabelsResponse,
  useEmulator,
} from "../helpers/emulator-http";
import { defined, firstOf } from "../helpers/items";

interface ObjectSchema {
  id: string;
  objectTypeId: string;
  fullyQualifiedName: string;
  name: string;
  labels: { singular: string; plural: string };
  primaryDisplayProperty?: string;
  requiredProperties: string[];
  properties: Array<{ name: string; label: string; type: string; fieldType: string; archived: boolean }>;
  associations: Array<{
    id: string;
    fromObjectTypeId: string;
    toObjectTypeId: string;
    name: string;
    createdAt: string;
    updatedAt: string;
  }>;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  metaType: string;
}

const CARS = {
  name: "cars",
  labels: { singular: "Car", plural: "Cars" },
  primaryDisplayProperty: "model",
  requiredProperties: ["model"],
  properties: [
    { name: "model", label: "Model", type: "string", fieldType: "text" },
    { name: "year", label: "Year", type: "number", fieldType: "number" },
  ],
  associatedObjects: ["CONTACT", "companies"],
};

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("emulator contract: custom object schemas", () => {
  const { api } = useEmulator({
    tokens: [
      "pat-na1-all",
      { token: "pat-na1-schema-read", scopes: ["crm.schemas.custom.read"] },
      { token: "pat-na1-objects", scopes: ["crm.objects.contacts.read", "crm.objects.contacts.write"] },
    ],
  });

  async function createCars(): Promise<ObjectSchema> {
    const r = await api().post<ObjectSchema>("/crm/v3/schemas", CARS);
    expect(r.status, r.text).to.equal(201);
    return r.body;
  }

  it("POST /crm/v3/schemas → 201 with HubSpot's ObjectSchema", async () => {
    const s = await createCars();
    expect(s.id).to.match(/^[0-9]+$/);
    expect(s.objectTypeId).to.equal(`2-${s.id}`);
    expect(s.fullyQualifiedName).to.equal("p12345678_cars");
    expect(s).to.include({
      name: "cars",
      primaryDisplayProperty: "model",
      archived: false,
      metaType: "PORTAL_SPECIFIC",
    });
    expect(s.labels).to.deep.equal({ singular: "Car", plural: "Cars" });
    expect(s.requiredProperties).to.deep.equal(["model"]);
    expect(s.properties.map((p) => [p.name, p.label, p.type, p.fieldType, p.archived])).to.deep.equal([
      ["model", "Model", "string", "text", false],
      ["year", "Year", "number", "number", false],
    ]);
    expect(s.createdAt).to.match(ISO);
    expect(s.updatedAt).to.match(ISO);
    expect(s.associations.map((a) => a.toObjectTypeId).sort()).to.deep.equal(["0-1", "0-2"]);
    for (const a of s.associations) {
      expect(a.fromObjectTypeId).to.equal(s.objectTypeId);
      expect(a.id).to.match(/^[0-9]+$/);
      expect(a.name).to.match(/^cars_to_(contact|company)$/);
    }
  });

  it("GET /crm/v3/schemas → {results} without paging; GET by objectTypeId, fully qualified name or p_<name>", async () => {
    const s = await createCars();
    const all = await api().get<{ results: ObjectSchema[] }>("/crm/v3/schemas");
    expect(all.status).to.equal(200);
    expect(all.body).to.have.all.keys("results");
    expect(all.body.results).to.deep.equal([s]);
    for (const ref of [s.objectTypeId, s.fullyQualifiedName, "p_cars", "P_Cars", "P12345678_CARS"]) {
      const one = await api().get<ObjectSchema>(`/crm/v3/schemas/${ref}`);
      expect(one.status, ref).to.equal(200);
      expect(one.body, ref).to.deep.equal(s);
    }
    for (const ref of ["cars", "2-1", "p_boats", "contacts", "0-1"]) {
      const r = await api().get<ErrorBody>(`/crm/v3/schemas/${ref}`);
      expect(r.status, ref).to.equal(404);
      expect(r.body.category).to.equal("OBJECT_NOT_FOUND");
    }
    expect((await api().get<{ results: unknown[] }>("/crm/v3/schemas?archived=true")).body.results).to.deep.equal([]);
  });

  it("the new object is valid on every association path by objectTypeId, p_<name> and fully qualified name; its plain name is not", async () => {
    const s = await createCars();
    for (const ref of [s.objectTypeId, "p_cars", s.fullyQualifiedName]) {
      const labels = await api().get<LabelsResponse>(`/crm/v4/associations/${ref}/contacts/labels`);
      expect(labels.status, ref).to.equal(200);
      expect(labels.body.results).to.have.length(1);
      expect(labels.body.results[0]?.label).to.equal(null);
      expect(String(labels.body.results[0]?.typeId)).to.equal(
        s.associations.find((a) => a.toObjectTypeId === "0-1")!.id,
      );
    }
    const made = await api().post<LabelsResponse>("/crm/v4/associations/p_cars/contacts/labels", {
      name: "driver",
      label: "Driver",
      inverseLabel: "Driven car",
    });
    expect(made.status).to.equal(200);
    const driver = made.body.results.find((x) => x.label === "Driver")!.typeId;
    const limits = await api().post<BatchEnvelope<ConfigResult>>(
      `/crm/associations/v4/definitions/configurations/${s.fullyQualifiedName}/contacts/batch/create`,
      { inputs: [{ category: "USER_DEFINED", typeId: driver, maxToObjectIds: 1 }] },
    );
    expect(limits.status).to.equal(201);
    const car = await api().post<CrmObject>("/crm/v3/objects/p_cars", { properties: { model: "T" } });
    expect(car.status).to.equal(201);
    const contact = await api().record("contacts");
    expect(
      (
        await api().put(`/crm/v4/objects/${s.objectTypeId}/${car.body.id}/associations/contacts/${contact}`, [
          { associationCategory: "USER_DEFINED", associationTypeId: driver },
        ])
      ).status,
    ).to.equal(201);
    const back = await api().get<{ results: Array<{ toObjectId: number }> }>(
      `/crm/v4/objects/contacts/${contact}/associations/p_cars`,
    );
    expect(back.body.results.map((x) => x.toObjectId)).to.deep.equal([Number(car.body.id)]);
    for (const p of ["/crm/v4/associations/cars/contacts/labels", "/crm/v3/objects/cars"]) {
      const r = p.includes("objects")
        ? await api().post<ErrorBody>(p, { properties: {} })
        : await api().get<ErrorBody>(p);
      expect(r.status, p).to.equal(400);
      expect(r.body.message).to.equal("Unable to infer object type from: cars");
    }
    // pairs the schema did not associate refuse labels
    expect(
      (await api().post<ErrorBody>("/crm/v4/associations/p_cars/deals/labels", { name: "x", label: "X" })).status,
    ).to.equal(400);
  });

  it("names are unique per portal, case-insensitively → 409 CONFLICT", async () => {
    await createCars();
    const again = await api().post<ErrorBody>("/crm/v3/schemas", { ...CARS, name: "CARS" });
    expect(again.status).to.equal(409);
    expect(again.body.category).to.equal("CONFLICT");
    expect(again.body.message).to.match(/already exists/);
    expect((await api().get<{ results: unknown[] }>("/crm/v3/schemas")).body.results).to.have.length(1);
  });

  it("a bad create body → 400 VALIDATION_ERROR naming the field; nothing is created", async () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...CARS, name: undefined }, /^name: is required/],
      [{ ...CARS, name: "1cars" }, /^name: '1cars' must start with a letter/],
      [{ ...CARS, labels: undefined }, /^labels: is required/],
      [{ ...CARS, labels: { singular: "Car" } }, /^labels\.plural: is required/],
      [{ ...CARS, properties: undefined }, /^properties: is required/],
      [
        { ...CARS, properties: [{ name: "model", label: "Model", type: "text", fieldType: "text" }] },
        /^properties\[0\]\.type: must be one of/,
      ],
      [
        { ...CARS, requiredProperties: ["colour"] },
        /^requiredProperties\[0\]: 'colour' is not one of the schema's properties/,
      ],
      [{ ...CARS, primaryDisplayProperty: "colour" }, /^primaryDisplayProperty: 'colour' is not/],
      [{ ...CARS, associatedObjects: undefined }, /^associatedObjects: is required/],
      [
        { ...CARS, associatedObjects: ["widgets"] },
        /^associatedObjects\[0\]: Unable to infer object type from: widgets/,
      ],
    ];
    for (const [body, message] of bad) {
      const r = await api().post<ErrorBody>("/crm/v3/schemas", body);
      expect(r.status, JSON.stringify(body)).to.equal(400);
      expect(r.body.category).to.equal("VALIDATION_ERROR");
      expect(r.body.message).to.match(message);
    }
    expect((await api().get<{ results: unknown[] }>("/crm/v3/schemas")).body.results).to.deep.equal([]);
  });

  it("scopes: reading needs crm.schemas.custom.read, writing crm.schemas.custom.write", async () => {
    expect((await api().call("GET", "/crm/v3/schemas", undefined, "pat-na1-schema-read")).status).to.equal(200);
    const write = await api().call<ErrorBody>("POST", "/crm/v3/schemas", CARS, "pat-na1-schema-read");
    expect(write.status).to.equal(403);
    expect(write.body.errors?.[0]?.context?.requiredScopes).to.deep.equal(["crm.schemas.custom.write"]);
    const read = await api().call<ErrorBody>("GET", "/crm/v3/schemas", undefined, "pat-na1-objects");
    expect(read.status).to.equal(403);
    expect(read.body.errors?.[0]?.context?.requiredScopes).to.deep.equal(["crm.schemas.custom.read"]);
  });
});

describe("emulator: custom object ids and seeding", function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-emu-co-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("two emulators started with the same options give the same object different ids", async () => {
    const a = await startEmulator({ customObjects: [{ name: "pets" }] });
    const b = await startEmulator({ customObjects: [{ name: "pets" }] });
    try {
      const seeded = [a, b].map((e) => firstOf(e.state().customObjects).objectTypeId);
      expect(seeded[0]).to.match(/^2-[1-9][0-9]*$/);
      expect(seeded[0]).to.not.equal(seeded[1]);
      const created = await Promise.all(
        [a, b].map(
          async (e) =>
            (await new EmulatorHttp(e.url, e.token).post<ObjectSchema>("/crm/v3/schemas", CARS)).body.objectTypeId,
        ),
      );
      expect(created[0]).to.not.equal(created[1]);
      // the seed keeps its id across a reset
      a.reset();
      expect(a.state().customObjects.map((c) => c.objectTypeId)).to.deep.equal([seeded[0]]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("the customObjects option: objectTypeId optional, singular and plural become the labels", async () => {
    const emu = await startEmulator({
      customObjects: [
        { objectTypeId: "2-123", name: "pets", singular: "pet" },
        { name: "boats", singular: "Boat", plural: "Boats" },
      ],
    });
    try {
      const api = new EmulatorHttp(emu.url, emu.token);
      const pets = await api.get<ObjectSchema>("/crm/v3/schemas/2-123");
      expect(pets.body).to.include({ name: "pets", fullyQualifiedName: "p12345678_pets" });
      const boats = await api.get<ObjectSchema>("/crm/v3/schemas/p_boats");
      expect(boats.body.labels).to.deep.equal({ singular: "Boat", plural: "Boats" });
      expect(boats.body.associations.map((x) => x.toObjectTypeId).sort()).to.deep.equal(
        ["0-1", "0-2", "0-3", "0-5", "2-123", boats.body.objectTypeId].sort(),
      );
      expect((await api.get<LabelsResponse>(`/crm/v4/associations/p_boats/2-123/labels`)).body.results).to.have.length(
        1,
      );
    } finally {
      await emu.close();
    }
  });

  it("schemas and seeded ids survive a restart from the state file", async () => {
    const file = path.join(dir, "state.json");
    const first = await startEmulator({ stateFile: file, customObjects: [{ name: "pets" }] });
    const api1 = new EmulatorHttp(first.url, first.token);
    const cars = (await api1.post<ObjectSchema>("/crm/v3/schemas", CARS)).body;
    const pets = first.state().customObjects.find((c) => c.name === "pets")!.objectTypeId;
    await first.close();
    const second = await startEmulator({ stateFile: file, customObjects: [{ name: "pets" }] });
    try {
      const api2 = new EmulatorHttp(second.url, second.token);
      expect((await api2.get<ObjectSchema>(`/crm/v3/schemas/${cars.objectTypeId}`)).body).to.deep.equal(cars);
      expect(
        second.state().customObjects.find((c) => c.name === "pets")!.objectTypeId,
        "the seed keeps the id it has in the file",
      ).to.equal(pets);
      const next = (await api2.post<ObjectSchema>("/crm/v3/schemas", { ...CARS, name: "vans" })).body;
      expect(next.objectTypeId).to.not.equal(cars.objectTypeId);
    } finally {
      await second.close();
    }
  });

  it("maxCustomObjects bounds the schemas (400)", async () => {
    const emu = await startEmulator({ maxCustomObjects: 1 });
    try {
      const api = new EmulatorHttp(emu.url, emu.token);
      expect((await api.post("/crm/v3/schemas", CARS)).status).to.equal(201);
      const r = await api.post<ErrorBody>("/crm/v3/schemas", { ...CARS, name: "vans" });
      expect(r.status).to.equal(400);
      expect(r.body.message).to.match(/at most 1 custom object schemas/);
    } finally {
      await emu.close();
    }
  });

  it("--custom-object NAME[:SINGULAR[:PLURAL]] seeds custom objects from the command line (repeatable)", async () => {
    const out: string[] = [];
    const err: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const done = runEmulatorCommand(["--custom-object", "pets:Pet:Pets", "--custom-object", "boats"], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      waitForStop: () => stopped,
    });
    for (let i = 0; i < 200 && !out.join("").includes("token:"); i++) await sleep(10);
    const url = defined(/listening on (\S+)/.exec(out.join(""))?.[1], "the URL the command printed");
    expect(out.join("")).to.match(/custom object: pets 2-\d+ \(p_pets, p12345678_pets\)/);
    const api = new EmulatorHttp(url, "pat-na1-emulator-dev-token");
    expect((await api.get<ObjectSchema>("/crm/v3/schemas/p_pets")).body.labels).to.deep.equal({
      singular: "Pet",
      plural: "Pets",
    });
    expect((await api.get<ObjectSchema>("/crm/v3/schemas/p_boats")).body.labels).to.deep.equal({
      singular: "boats",
      plural: "boats",
    });
    stop();
    expect(await done).to.equal(0);
    const bad: string[] = [];
    expect(
      await runEmulatorCommand(["--custom-object", "a:b:c:d"], { out: () => undefined, err: (s) => bad.push(s) }),
    ).to.equal(2);
    expect(
      await runEmulatorCommand(["--custom-object", "1pets"], { out: () => undefined, err: (s) => bad.push(s) }),
    ).to.equal(1);
    expect(bad.join(""))
      .to.match(/NAME\[:SINGULAR\[:PLURAL\]\]/)
      .and.match(/custom object name '1pets'/);
  });
});
