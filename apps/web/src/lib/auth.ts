import { authenticate, findOrCreateOidcUser } from "@assay/services";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";

type OidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

/** Single sign-on is offered only when all three OIDC variables are set. */
export function oidcConfig() {
  const issuer = process.env.OIDC_ISSUER;
  const clientId = process.env.OIDC_CLIENT_ID;
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer: issuer.replace(/\/$/, ""), clientId, clientSecret, name: process.env.OIDC_DISPLAY_NAME ?? "Single sign-on" };
}

function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const config = oidcConfig();
  if (!config) return null;
  return {
    id: "oidc",
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.preferred_username ?? "" }),
  };
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 3600 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials) => authenticate(credentials),
    }),
    ...(oidcProvider() ? [oidcProvider()!] : []),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      const oidc = profile as OidcProfile | undefined;
      return Boolean(oidc?.sub && oidc.email);
    },
    async jwt({ token, user, account, profile }) {
      if (account?.provider === "oidc" && profile) {
        const oidc = profile as OidcProfile;
        const local = await findOrCreateOidcUser(oidcConfig()!.issuer, oidc.sub, oidc.email ?? "", oidc.name ?? "");
        token.uid = local.id;
        token.name = local.name;
        token.email = local.email;
      } else if (user) {
        token.uid = user.id;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};
