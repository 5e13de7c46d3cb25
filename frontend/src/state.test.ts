import { describe, expect, it } from "vitest";
import { pageTitle, viewStateFromLogin, viewStateFromMe } from "./state";

const ada = { email: "ada@example.org", displayName: "Ada", globalRole: "USER" };

describe("viewStateFromMe", () => {
  it("shows the signed-in view when me is present", () => {
    expect(viewStateFromMe({ data: { me: ada } })).toEqual({ kind: "signedIn", user: ada });
  });

  it("shows the sign-in form when unauthenticated or me is null", () => {
    const signIn = { kind: "signIn", email: "", errors: [] };
    expect(
      viewStateFromMe({
        data: null,
        errors: [{ message: "Not signed in", extensions: { code: "UNAUTHENTICATED" } }],
      }),
    ).toEqual(signIn);
    expect(viewStateFromMe({ data: { me: null } })).toEqual(signIn);
  });

  it("reports a problem for other errors", () => {
    const state = viewStateFromMe({ errors: [{ message: "boom", extensions: { code: "INTERNAL" } }] });
    expect(state.kind).toBe("problem");
  });
});

describe("viewStateFromLogin", () => {
  it("keeps the email and maps field errors", () => {
    const state = viewStateFromLogin(
      {
        data: {
          login: {
            user: null,
            errors: [
              { code: "REQUIRED", field: "password", message: "Enter your password" },
              { code: "INVALID_CREDENTIALS", field: null, message: "Email or password is wrong" },
              { code: "ODD", field: "somethingElse", message: "Odd" },
            ],
          },
        },
      },
      "ada@example.org",
    );
    expect(state).toEqual({
      kind: "signIn",
      email: "ada@example.org",
      errors: [
        { code: "REQUIRED", field: "password", message: "Enter your password" },
        { code: "INVALID_CREDENTIALS", field: null, message: "Email or password is wrong" },
        { code: "ODD", field: null, message: "Odd" },
      ],
    });
    expect(pageTitle(state)).toBe("Error: Sign in – peerqa");
  });

  it("signs in on success and falls back to a generic error otherwise", () => {
    const ok = viewStateFromLogin({ data: { login: { user: ada, errors: [] } } }, ada.email);
    expect(ok).toEqual({ kind: "signedIn", user: ada });
    expect(pageTitle(ok)).toBe("Home – peerqa");

    const broken = viewStateFromLogin({ errors: [{ message: "Bad request" }] }, ada.email);
    expect(broken.kind).toBe("signIn");
    expect(broken.kind === "signIn" && broken.errors).toHaveLength(1);
  });
});
