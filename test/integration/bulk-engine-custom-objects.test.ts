/** Core's bulk engine suite (bulk-engine.shared.ts) through custom objects' `records(key).bulk("create", …)`. */
import { createCustomObjectsClient } from "@zenfetch/custom-objects";
import { describeBulkEngine } from "./bulk-engine.shared.js";
import { clientOptions, range } from "./helpers.js";

describeBulkEngine({
  name: 'custom objects records("sim_device").bulk("create")',
  seed: { customObjectRecords: 5 },
  route: { method: "POST", path: "/api/v2/custom_objects/sim_device/jobs" },
  items: (count, invalid) =>
    range(0, count - 1).map((i) => ({
      name: `Engine device ${i}`,
      custom_object_fields: {
        serial_number: `SN-E${i}`,
        // A model outside the field's options is refused by the job, item by item.
        model: invalid?.has(i) ? "toaster" : "falcon_2",
        seats: 1,
        under_warranty: false,
      },
    })),
  itemError: "RecordInvalid",
  stored: (sim) => sim.state.customObjects.get("sim_device")?.records.size ?? 0,
  run: (sim, items, options, client) =>
    createCustomObjectsClient(clientOptions(sim, client))
      .records("sim_device")
      .bulk("create", items as never, options),
});
