// The ports of the two servers playwright.config.ts starts: the demo world, and an empty one.
export const E2E_PORT = Number(process.env.ZONELINE_E2E_PORT ?? 3210);
// far from E2E_PORT, which engineers on one machine number side by side
export const EMPTY_WORLD_PORT = Number(process.env.ZONELINE_E2E_EMPTY_PORT ?? E2E_PORT + 1000);
// a local OIDC provider (e2e/oidc-provider.ts) that the demo-world server is configured to use
export const OIDC_PORT = Number(process.env.ZONELINE_E2E_OIDC_PORT ?? E2E_PORT + 2000);
export const OIDC_CLIENT = { id: "zoneline-e2e", secret: "zoneline-e2e-secret-not-for-production", name: "Test SSO" };
