// The quickstart: labels and limits declared as TypeScript resources.
// `index.ts` runs it as a Pulumi program; the end-to-end tests run the same function as an inline program
// with variations (edited text, renamed labels, other limits).
import { AssociationLabel, AssociationLimits } from "pulumi-hubspot-associations";

export interface QuickstartOptions {
  /** Display text of the paired contacts -> companies label. */
  managerLabel?: string;
  /** Its inverse text (companies -> contacts). */
  employeeLabel?: string;
  /** Internal name of the paired label: changing it replaces the label. */
  managerName?: string;
  /** Make the manager label single instead of paired (replaces it). */
  managerSingle?: boolean;
  /** Display text of the single contacts -> deals label. */
  referrerLabel?: string;
  /** Limit on the unlabeled contacts -> companies type. */
  unlabeledMax?: number;
  /** Limit on the manager label, contacts -> companies. */
  managerMax?: number;
  /** Limit on the employee label (the inverse), companies -> contacts. */
  employeeMax?: number;
}

export function quickstart(o: QuickstartOptions = {}) {
  const manager = new AssociationLabel("manager", {
    fromObjectType: "contacts",
    toObjectType: "companies",
    name: o.managerName ?? "manager",
    label: o.managerLabel ?? "Manager",
    inverseLabel: o.managerSingle ? undefined : (o.employeeLabel ?? "Employee"),
  });

  const referrer = new AssociationLabel("referrer", {
    fromObjectType: "contact",
    toObjectType: "deal",
    name: "referrer",
    label: o.referrerLabel ?? "Referrer",
  });

  const contactsToCompanies = new AssociationLimits("contacts-companies", {
    fromObjectType: "contacts",
    toObjectType: "companies",
    limits: [
      { unlabeled: true, maxToObjectIds: o.unlabeledMax ?? 10 },
      { typeId: manager.typeId, maxToObjectIds: o.managerMax ?? 1 },
    ],
  });

  const companiesToContacts = o.managerSingle
    ? undefined
    : new AssociationLimits("companies-contacts", {
        fromObjectType: "companies",
        toObjectType: "contacts",
        limits: [{ typeId: manager.inverseTypeId, maxToObjectIds: o.employeeMax ?? 5 }],
      });

  return {
    managerTypeId: manager.typeId,
    employeeTypeId: manager.inverseTypeId,
    referrerTypeId: referrer.typeId,
    contactsToCompaniesId: contactsToCompanies.id,
    companiesToContactsId: companiesToContacts?.id,
  };
}
