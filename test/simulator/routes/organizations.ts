/** The organizations routes (hand-written where behaviour matters; the generic layer serves the rest of the bundle). */
import type { Router } from "../router.js";

export function registerOrganizationRoutes(_router: Router): void {}
