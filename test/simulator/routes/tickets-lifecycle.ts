/** Hand-written routes (the generic layer serves the rest of the bundle). */
import type { Router } from "../router.js";

export function registerTicketLifecycleRoutes(_router: Router): void {}
