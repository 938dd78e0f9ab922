// The emulator's own copy of HubSpot's object-type table (reference §7.1). Deliberately not shared with
// provider/: a test of the provider against the emulator must fail when either copy is wrong.
import { CustomObjectRecord } from "./types";

export interface ObjectType {
  objectTypeId: string;
  /** Plural API name, e.g. "contacts". */
  name: string;
  /** Lower-case singular, used in HubSpot messages such as "No company is associated with deal 1.". */
  singular: string;
  /** Upper-case name used in INVALID_ASSOCIATION_TYPE messages ("... between CONTACT and DEAL"). */
  upper: string;
  /** Extra names accepted in paths (HubSpot documents singular names for five objects only). */
  aliases: string[];
  custom: boolean;
}

const STANDARD: Array<[string, string, string, boolean]> = [
  // [id, plural, singular, singular accepted in paths]
  ["0-1", "contacts", "contact", true],
  ["0-2", "companies", "company", true],
  ["0-3", "deals", "deal", true],
  ["0-5", "tickets", "ticket", true],
  ["0-7", "products", "product", false],
  ["0-8", "line_items", "line_item", false],
  ["0-14", "quotes", "quote", false],
  ["0-18", "communications", "communication", false],
  ["0-19", "feedback_submissions", "feedback_submission", false],
  ["0-27", "tasks", "task", false],
  ["0-46", "notes", "note", true],
  ["0-47", "meetings", "meeting", false],
  ["0-48", "calls", "call", false],
  ["0-49", "emails", "email", false],
  ["0-53", "invoices", "invoice", false],
  ["0-54", "marketing_events", "marketing_event", false],
  ["0-69", "subscriptions", "subscription", false],
  ["0-74", "goals", "goal", false],
  ["0-84", "discounts", "discount", false],
  ["0-85", "fees", "fee", false],
  ["0-86", "taxes", "tax", false],
  ["0-101", "payments", "payment", false],
  ["0-115", "users", "user", false],
  ["0-116", "postal_mail", "postal_mail", false],
  ["0-123", "orders", "order", false],
  ["0-136", "leads", "lead", false],
  ["0-142", "carts", "cart", false],
  ["0-162", "services", "service", false],
  ["0-410", "courses", "course", false],
  ["0-420", "listings", "listing", false],
  ["0-421", "appointments", "appointment", false],
  ["0-970", "projects", "project", false],
];

export const STANDARD_OBJECT_TYPES: readonly ObjectType[] = STANDARD.map(([id, name, singular, singularInPath]) => ({
  objectTypeId: id,
  name,
  singular,
  upper: singular.toUpperCase(),
  aliases: singularInPath ? [singular] : [],
  custom: false,
}));

export const CUSTOM_OBJECT_ID = /^2-[1-9][0-9]*$/;

export function customObjectType(spec: CustomObjectRecord, portalId: number): ObjectType {
  return {
    objectTypeId: spec.objectTypeId,
    name: spec.name,
    singular: spec.singular ?? spec.name,
    upper: spec.objectTypeId,
    // `p_<name>` and the fully qualified name are how HubSpot addresses custom objects by name (CL-BASENAME); the plain
    // name is rejected. Lower case: names are matched case-insensitively.
    aliases: [`p_${spec.name}`.toLowerCase(), fullyQualifiedName(spec.name, portalId).toLowerCase()],
    custom: true,
  };
}

export function fullyQualifiedName(name: string, portalId: number): string {
  return `p${portalId}_${name}`;
}

/** Name/id lookup over the standard table plus the portal's custom objects. */
export class ObjectTypeRegistry {
  private readonly byKey = new Map<string, ObjectType>();
  private readonly byId = new Map<string, ObjectType>();
  private readonly bySingular = new Map<string, ObjectType>();

  constructor(customObjects: CustomObjectRecord[], portalId: number) {
    for (const t of STANDARD_OBJECT_TYPES) this.add(t);
    for (const c of customObjects) this.add(customObjectType(c, portalId));
  }

  private add(t: ObjectType): void {
    this.byId.set(t.objectTypeId, t);
    this.byKey.set(t.objectTypeId, t);
    // Custom objects are addressed by id or p_<name>; their plain name is not a path name on HubSpot.
    if (!t.custom) {
      this.byKey.set(t.name, t);
      this.bySingular.set(t.singular, t);
    }
    for (const a of t.aliases) this.byKey.set(a, t);
  }

  /** Case-insensitive for names (HubSpot's v3 docs used "Contacts"); ids are exact. */
  resolve(raw: string): ObjectType | undefined {
    return this.byKey.get(raw) ?? this.byKey.get(raw.toLowerCase());
  }

  /** An `associatedObjects` entry of a schema: a path name or id, or a standard object's singular in any case ("CONTACT"). */
  resolveAssociatedObject(raw: string): ObjectType | undefined {
    return this.resolve(raw) ?? this.bySingular.get(raw.toLowerCase());
  }

  byObjectTypeId(id: string): ObjectType | undefined {
    return this.byId.get(id);
  }

  all(): ObjectType[] {
    return [...this.byId.values()];
  }
}
