/** The users routes (hand-written where behaviour matters; the generic layer serves the rest of the bundle). */
import type { Router } from "../router.js";

export function registerUserRoutes(_router: Router): void {}
