// AssociationLabel diff: stored outputs against new inputs, without an API call (a custom object's name is resolved
// from the schemas read `check` already made).

import { containsUnknown, isUnknown } from "../../model";
import { objectTypeReplaces, SessionSource } from "../object-types";
import { PropertyBag, withoutProvider } from "../values";
import { StoredLabel } from "./state";

export interface LabelDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

const isPresent = (v: unknown): boolean => v !== undefined && v !== null;

export async function diffLabel(session: SessionSource, stored: StoredLabel, news: PropertyBag): Promise<LabelDiff> {
  const replaces = await objectTypeReplaces(session, news, stored.fromId, stored.toId);
  let changes = false;

  if (isUnknown(news.name) || news.name !== stored.name) replaces.push("name");

  // Single <-> paired is a different HubSpot object (paired labels are created with both halves at once).
  // An unknown inverseLabel is most likely a string (paired): replace only when the stored label is single.
  const newPaired = isUnknown(news.inverseLabel) || isPresent(news.inverseLabel);
  if (newPaired !== stored.paired) replaces.push("inverseLabel");
  else if (newPaired && (isUnknown(news.inverseLabel) || news.inverseLabel !== stored.inverseLabel)) changes = true;

  const adopt = news.adoptTypeId;
  if (isUnknown(adopt) || (isPresent(adopt) && adopt !== stored.typeId)) replaces.push("adoptTypeId");

  if (isUnknown(news.label) || news.label !== stored.label) changes = true;
  if (containsUnknown(withoutProvider(news))) changes = true;
  if (replaces.length > 0) changes = true;

  const samePair = !replaces.includes("fromObjectType") && !replaces.includes("toObjectType");
  return {
    changes,
    replaces,
    // A replacement that keeps its pair and name would be refused by HubSpot while the old label exists (names are
    // unique on a pair); deleting first also fails early, before any new label exists, when records use the label.
    deleteBeforeReplace: replaces.length > 0 && samePair && !replaces.includes("adoptTypeId"),
  };
}
