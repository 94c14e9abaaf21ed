// Auth.js endpoints (session, CSRF, sign-out, the credentials callback).
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
