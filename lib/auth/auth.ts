// Auth.js (next-auth v5) in one place: email + password sign-in (Credentials provider), sessions as
// signed, encrypted JWT cookies. Who a session belongs to is re-read from the database on every
// request (lib/auth/current-viewer.ts), so a suspension or role change applies at once.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { getDb } from "@/lib/db/client";
import { getWebEnv } from "@/lib/env";
import { clientAddress as addressOf } from "@/lib/http/client-address";
import { createLogger } from "@/lib/logger";
import { takeAttempt } from "@/lib/rate-limits";

/** Sign-in refusals; `code` reaches the form (never says which of email or password was wrong). */
export class SignInRefused extends CredentialsSignin {
  constructor(
    override readonly code: "invalid" | "suspended" | "rate-limited",
    /** For "rate-limited": how long until another attempt is allowed. */
    readonly retryAfterSeconds = 0,
  ) {
    super(code);
  }
}

const logger = createLogger("auth");

/** The address to rate-limit a sign-in or sign-up by (lib/http/client-address.ts). */
export function clientAddress(headers: Headers): string {
  return addressOf(headers.get("x-forwarded-for"));
}

declare module "next-auth" {
  interface Session {
    /** When this session signed in (seconds), to tell whether the member's sessions were ended since. */
    signedInAt?: number;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getWebEnv().AUTH_SECRET,
  // Narthex serves itself (next start, or behind the operator's proxy); Auth.js only uses the
  // host to build its own URLs, and sign-in goes through our server actions.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  // Secure (HTTPS-only) whenever the board is served over HTTPS, as Auth.js decides by default.
  cookies: { sessionToken: { name: SESSION_COOKIE } },
  pages: { signIn: "/sign-in" },
  logger: {
    error: (error) => {
      if (!(error instanceof CredentialsSignin)) logger.error({ err: error }, "auth error");
    },
    warn: (warning) => logger.warn({ warning }, "auth warning"),
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      // Also reachable by posting to /api/auth/callback/credentials directly: limits live here.
      authorize: async (credentials, request) => {
        const email = typeof credentials.email === "string" ? credentials.email.trim().toLowerCase() : "";
        const perEmail = await takeAttempt("signInPerEmail", email);
        const perAddress = await takeAttempt("signInPerAddress", clientAddress(request.headers));
        if (!perEmail.ok || !perAddress.ok) {
          throw new SignInRefused("rate-limited", Math.max(perEmail.ok ? 0 : perEmail.retryAfterSeconds, perAddress.ok ? 0 : perAddress.retryAfterSeconds));
        }
        const check = await verifyCredentials(getDb(), credentials);
        if (!check.ok) throw new SignInRefused(check.reason);
        return { id: check.member.id, name: check.member.displayName, email: check.member.email };
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      // Only at sign-in: Auth.js renews `iat` every time it re-issues the cookie, so it is ours.
      if (user?.id) Object.assign(token, { sub: user.id, signedInAt: Math.floor(Date.now() / 1000) });
      return token;
    },
    session: ({ session, token }) => {
      if (token.sub) session.user = { ...session.user, id: token.sub };
      if (typeof token.signedInAt === "number") session.signedInAt = token.signedInAt;
      return session;
    },
  },
}));
