// A local OpenID Connect provider for the browser tests (the `oidc-provider`
// package): Zoneline's OIDC sign-in is tested end to end against it. Its
// development login page accepts any login name; the account's email is
// `<login>@sso.example.com`.
import Provider from "oidc-provider";
import { E2E_PORT, OIDC_CLIENT, OIDC_PORT } from "./servers";

const issuer = `http://127.0.0.1:${OIDC_PORT}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: OIDC_CLIENT.id,
      client_secret: OIDC_CLIENT.secret,
      redirect_uris: [`http://127.0.0.1:${E2E_PORT}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: `${id}@sso.example.com`, email_verified: true, name: `${id} (SSO)` }),
  }),
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ["e2e-only-cookie-key"] },
});
provider.proxy = false;
provider.listen(OIDC_PORT, "127.0.0.1", () => console.log(`OIDC provider at ${issuer}`));
