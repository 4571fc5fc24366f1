import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** Logins created by scripts/seed-demo.ts (also printed by `pnpm demo`). */
export const DEMO_PASSWORD = "assay-demo-password";
export const DEMO_USERS = {
  admin: "admin@example.com",
  scientist: "scientist@example.com",
  productOwner: "pm@example.com",
  approver: "approver@example.com",
  auditor: "auditor@example.com",
  /** Member of a second organisation only; used to probe tenant isolation. */
  outsider: "outsider@example.net",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

/** Signs an API request context in through next-auth's credentials callback. */
export async function apiSignIn(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user?.email).toBe(email);
}

export async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(path);
  expect(res.status(), `${path} → ${res.status()}`).toBe(200);
  return (await res.json()) as T;
}
