/** The seeded custom object (`sim_device`), its fields and records. Small, so it is built eagerly. */
import type { CustomObjectFieldRow, CustomObjectRecordRow, RecordFieldValue } from "./models.js";
import { hash32, pick } from "./random.js";
import type { Store } from "./store.js";

export const SEEDED_OBJECT_KEY = "sim_device";

const MODELS = ["Falcon 2", "Heron S", "Lark Mini", "Osprey Pro"];

/** The two standard fields every custom object has. */
export function standardFields(store: Store, time: number): CustomObjectFieldRow[] {
  const base = { active: true, system: true, regexpForValidation: null, relationshipTargetType: null, tag: null };
  return [
    {
      ...base,
      id: store.nextFieldId(),
      key: "standard::name",
      type: "text",
      title: "Name",
      description: "The record's display name",
      position: 0,
      options: [],
      properties: {
        autoincrement_enabled: false,
        autoincrement_prefix: "",
        autoincrement_padding: 0,
        autoincrement_next_sequence: 1,
        is_unique: true,
      },
      createdAt: time,
      updatedAt: time,
    },
    {
      ...base,
      id: store.nextFieldId(),
      key: "standard::external_id",
      type: "text",
      title: "External id",
      description: "An id in another system",
      position: 1,
      options: [],
      createdAt: time,
      updatedAt: time,
    },
  ];
}

export function seedCustomObjects(store: Store): void {
  const count = store.seed.customObjectRecords;
  if (count === 0) return;
  const time = store.seed.startTime - 86_400;
  const custom = { active: true, system: false, regexpForValidation: null, relationshipTargetType: null, tag: null };
  const fields: CustomObjectFieldRow[] = [
    ...standardFields(store, time),
    {
      ...custom,
      id: store.nextFieldId(),
      key: "serial_number",
      type: "text",
      title: "Serial number",
      description: "",
      position: 2,
      options: [],
      createdAt: time,
      updatedAt: time,
    },
    {
      ...custom,
      id: store.nextFieldId(),
      key: "model",
      type: "dropdown",
      title: "Model",
      description: "",
      position: 3,
      options: MODELS.map((name, index) => ({
        id: 4_200_000 + index,
        name,
        rawName: name,
        value: name.toLowerCase().replace(/\s+/g, "_"),
        position: index,
      })),
      createdAt: time,
      updatedAt: time,
    },
    {
      ...custom,
      id: store.nextFieldId(),
      key: "seats",
      type: "integer",
      title: "Seats",
      description: "",
      position: 4,
      options: [],
      createdAt: time,
      updatedAt: time,
    },
    {
      ...custom,
      id: store.nextFieldId(),
      key: "under_warranty",
      type: "checkbox",
      title: "Under warranty",
      description: "",
      position: 5,
      options: [],
      createdAt: time,
      updatedAt: time,
    },
  ];
  const records = new Map<string, CustomObjectRecordRow>();
  for (let n = 1; n <= count; n++) {
    const h = hash32(store.seed.random, n, 401);
    const model = pick(MODELS, h);
    const recordTime = store.seed.startTime + n * store.seed.interval;
    const values: Record<string, RecordFieldValue> = {
      serial_number: `SN-${(100_000 + n).toString(36).toUpperCase()}`,
      model: model.toLowerCase().replace(/\s+/g, "_"),
      seats: 1 + (h % 20),
      under_warranty: h % 2 === 0,
    };
    const id = store.nextRecordId(recordTime);
    records.set(id, {
      id,
      objectKey: SEEDED_OBJECT_KEY,
      name: `${model} #${n}`,
      externalId: `device-${n}`,
      fields: values,
      createdByUserId: 1,
      updatedByUserId: 1,
      createdAt: recordTime,
      updatedAt: recordTime,
    });
  }
  store.customObjects.set(SEEDED_OBJECT_KEY, {
    object: {
      key: SEEDED_OBJECT_KEY,
      title: "Device",
      titlePluralized: "Devices",
      description: "Hardware a customer has bought",
      includeInListView: true,
      allowsPhotos: false,
      createdByUserId: 1,
      updatedByUserId: 1,
      createdAt: time,
      updatedAt: time,
    },
    fields,
    records,
    triggers: new Map(),
  });
}
