// Administration (admins): users and their roles, partnerships and their schools, and the
// status of the imported data. Plugins are in admin.ts.
import type { AppContext, Page } from "../context";
import { h } from "../dom";
import { formatDateTime } from "../format";
import { applyErrors, onSubmit, select, submitButton, text, textField, type FormError } from "../forms";
import {
  AddPartnershipMemberDocument,
  AddSchoolRoleDocument,
  AdminPartnershipsDocument,
  AdminUsersDocument,
  CreatePartnershipDocument,
  CreateUserDocument,
  DataStatusDocument,
  RemovePartnershipMemberDocument,
  RemoveSchoolRoleDocument,
  SetGlobalRoleDocument,
  SetModeratorOnDutyDocument,
  type AdminPartnershipFieldsFragment,
  type AdminUserFieldsFragment,
  type GlobalRole,
  type PartnershipKind,
  type SchoolRoleKind,
} from "../gql/graphql";
import { details, heading, para, summaryList, table, tag } from "./common";

export const GLOBAL_ROLE_LABELS: Record<GlobalRole, string> = { ADMIN: "Administrator", MODERATOR: "Moderator", SCHOOL_USER: "School user" };
export const SCHOOL_ROLE_LABELS: Record<SchoolRoleKind, string> = { HEADTEACHER: "Headteacher", SENIOR_LEADER: "Senior leader", DSL: "DSL", GOVERNOR: "Governor" };
const KIND_LABELS: Record<PartnershipKind, string> = { TRIO: "Trio", CLUSTER: "Cluster", HUB: "Hub" };
const VISIBILITY_LABELS = { SCHOOL: "The school", GOVERNORS: "The school and its governors", PUBLIC: "Anyone signed in" } as const;

export function adminNav(current: "users" | "partnerships" | "data" | "plugins"): HTMLElement {
  const items = [
    { key: "users", text: "Users", href: "#/admin/users" },
    { key: "partnerships", text: "Partnerships", href: "#/admin/partnerships" },
    { key: "data", text: "Data imports", href: "#/admin/data" },
    { key: "plugins", text: "Plugins", href: "#/admin/plugins" },
  ] as const;
  return h(
    "nav",
    { class: "review-nav", "aria-label": "Administration" },
    h(
      "ul",
      { class: "review-nav__list" },
      ...items.map((i) =>
        h(
          "li",
          { class: `review-nav__item${i.key === current ? " review-nav__item--current" : ""}` },
          h("a", { class: "govuk-link govuk-link--no-visited-state review-nav__link", href: i.href, "aria-current": i.key === current ? "page" : undefined }, i.text),
        ),
      ),
    ),
  );
}

function adminsOnly(title: string): Page {
  return { title, element: h("div", {}, heading(title), para("Only administrators can see this page.")) };
}

/** Numbers typed as a URN: 1 to 9 digits, else an error on that field. */
export function parseUrn(value: string, field = "urn"): { urn: number } | { error: FormError } {
  const v = value.trim();
  if (!/^\d{1,9}$/.test(v)) return { error: { code: "VALIDATION", field, message: "Enter the school's URN, for example 100000" } };
  return { urn: Number(v) };
}

function idPart(id: string): string {
  return id.replace(/[^\w-]/g, "");
}

// --- users ---

export async function adminUsersPage(ctx: AppContext): Promise<Page> {
  if (ctx.me.globalRole !== "ADMIN") return adminsOnly("Users");
  const search = new URLSearchParams(window.location.hash.split("?")[1] ?? "").get("search") ?? "";
  const data = (await ctx.session.run(AdminUsersDocument, { search: search || null })).users;
  const searchForm = h(
    "form",
    { novalidate: true, class: "user-search", role: "search" },
    textField({ name: "search", label: "Search by name or e-mail address", value: search, idPrefix: "users-" }),
    submitButton("Search", "govuk-button--secondary"),
  );
  searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const term = text(new FormData(searchForm), "search").trim();
    ctx.navigate(term ? `#/admin/users?search=${encodeURIComponent(term)}` : "#/admin/users");
  });
  const element = h(
    "div",
    {},
    adminNav("users"),
    heading("Users", "Administration"),
    searchForm,
    para(`${data.totalCount} ${data.totalCount === 1 ? "user" : "users"}${search ? ` match “${search}”` : ""}${data.pageInfo.hasNextPage ? "; the first 50 are shown, so narrow the search" : ""}.`),
    ...data.nodes.map((u) => userCard(ctx, u)),
    createUserForm(ctx),
  );
  return { title: "Users", element };
}

function userCard(ctx: AppContext, u: AdminUserFieldsFragment): HTMLElement {
  const self = u.id === ctx.me.id;
  return h(
    "div",
    { class: "govuk-summary-card admin-user" },
    h(
      "div",
      { class: "govuk-summary-card__title-wrapper" },
      h("h2", { class: "govuk-summary-card__title" }, u.displayName),
      h("span", {}, tag(GLOBAL_ROLE_LABELS[u.globalRole], u.globalRole === "SCHOOL_USER" ? "grey" : "blue"), " ", u.onDuty ? tag("On duty", "green") : null, " ", u.isActive ? null : tag("Inactive", "red")),
    ),
    h(
      "div",
      { class: "govuk-summary-card__content" },
      summaryList([
        { key: "E-mail", value: u.email },
        {
          key: "Roles at schools",
          value: u.schoolRoles.length
            ? h("ul", { class: "govuk-list" }, ...u.schoolRoles.map((r) => h("li", {}, `${SCHOOL_ROLE_LABELS[r.role]}, ${r.school?.name ?? ""} (${r.school?.urn ?? ""}) `, removeRoleButton(ctx, u, r.role, r.school?.urn ?? 0))))
            : "None",
        },
      ]),
      u.globalRole === "MODERATOR" ? onDutyForm(ctx, u) : null,
      details(
        `Change ${u.displayName}'s roles`,
        self ? para("You cannot change your own platform role.") : globalRoleForm(ctx, u),
        addRoleForm(ctx, u),
      ),
    ),
  );
}

function onDutyForm(ctx: AppContext, u: AdminUserFieldsFragment): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "on-duty-form" },
    h("div", { class: "error-summary-slot" }),
    submitButton(u.onDuty ? `Take ${u.displayName} off duty` : `Put ${u.displayName} on duty`, "govuk-button--secondary"),
  );
  onSubmit(form, async () => {
    const payload = (await ctx.session.run(SetModeratorOnDutyDocument, { input: { userId: u.id, onDuty: !u.onDuty } })).setModeratorOnDuty;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors);
      return;
    }
    ctx.flash(`${u.displayName} is ${u.onDuty ? "off" : "on"} duty.`);
    ctx.refresh();
  });
  return form;
}

function globalRoleForm(ctx: AppContext, u: AdminUserFieldsFragment): HTMLElement {
  const prefix = `role-${idPart(u.id)}-`;
  const form = h(
    "form",
    { novalidate: true, class: "global-role-form" },
    h("div", { class: "error-summary-slot" }),
    select({ name: "globalRole", label: "Platform role", value: u.globalRole, options: (Object.keys(GLOBAL_ROLE_LABELS) as GlobalRole[]).map((r) => ({ value: r, label: GLOBAL_ROLE_LABELS[r] })), idPrefix: prefix }),
    submitButton("Save the platform role", "govuk-button--secondary"),
  );
  onSubmit(form, async (fd) => {
    const payload = (await ctx.session.run(SetGlobalRoleDocument, { input: { userId: u.id, globalRole: text(fd, "globalRole") as GlobalRole } })).setGlobalRole;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, prefix);
      return;
    }
    ctx.flash(`${u.displayName}'s platform role is saved.`);
    ctx.refresh();
  });
  return form;
}

function addRoleForm(ctx: AppContext, u: AdminUserFieldsFragment): HTMLElement {
  const prefix = `school-role-${idPart(u.id)}-`;
  const form = h(
    "form",
    { novalidate: true, class: "add-school-role-form" },
    h("div", { class: "error-summary-slot" }),
    h("h3", { class: "govuk-heading-s" }, "Give a role at a school"),
    textField({ name: "urn", label: "School URN", widthClass: "govuk-input--width-10", inputmode: "numeric", idPrefix: prefix }),
    select({ name: "role", label: "Role", options: (Object.keys(SCHOOL_ROLE_LABELS) as SchoolRoleKind[]).map((r) => ({ value: r, label: SCHOOL_ROLE_LABELS[r] })), idPrefix: prefix }),
    submitButton("Give the role", "govuk-button--secondary"),
  );
  onSubmit(form, async (fd) => {
    const parsed = parseUrn(text(fd, "urn"));
    if ("error" in parsed) {
      applyErrors(form, [parsed.error], prefix);
      return;
    }
    const payload = (await ctx.session.run(AddSchoolRoleDocument, { input: { userId: u.id, urn: parsed.urn, role: text(fd, "role") as SchoolRoleKind } })).addSchoolRole;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, prefix);
      return;
    }
    ctx.flash(`${u.displayName} has the new role.`);
    ctx.refresh();
  });
  return form;
}

function removeRoleButton(ctx: AppContext, u: AdminUserFieldsFragment, role: SchoolRoleKind, urn: number): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "inline-form" },
    h("div", { class: "error-summary-slot" }),
    h("button", { type: "submit", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0 small-button" }, "Remove", h("span", { class: "govuk-visually-hidden" }, ` ${SCHOOL_ROLE_LABELS[role]} role at ${urn}`)),
  );
  onSubmit(form, async () => {
    const payload = (await ctx.session.run(RemoveSchoolRoleDocument, { input: { userId: u.id, urn, role } })).removeSchoolRole;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors);
      return;
    }
    ctx.flash("Role removed.");
    ctx.refresh();
  });
  return form;
}

function createUserForm(ctx: AppContext): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "create-user-form" },
    h("div", { class: "error-summary-slot" }),
    h("h2", { class: "govuk-heading-m" }, "Create a user"),
    textField({ name: "displayName", label: "Name", idPrefix: "new-user-" }),
    textField({ name: "email", label: "E-mail address", type: "email", autocomplete: "off", idPrefix: "new-user-" }),
    textField({ name: "password", label: "Password", type: "password", autocomplete: "new-password", hint: "Give it to them in person or by phone; they should change it.", idPrefix: "new-user-" }),
    select({ name: "globalRole", label: "Platform role", value: "SCHOOL_USER", options: (Object.keys(GLOBAL_ROLE_LABELS) as GlobalRole[]).map((r) => ({ value: r, label: GLOBAL_ROLE_LABELS[r] })), idPrefix: "new-user-" }),
    submitButton("Create the user"),
  );
  onSubmit(form, async (fd) => {
    const payload = (
      await ctx.session.run(CreateUserDocument, {
        input: { displayName: text(fd, "displayName").trim(), email: text(fd, "email").trim(), password: text(fd, "password"), globalRole: text(fd, "globalRole") as GlobalRole },
      })
    ).createUser;
    if (payload.errors.length > 0 || !payload.user) {
      applyErrors(form, payload.errors, "new-user-");
      return;
    }
    ctx.flash(`${payload.user.displayName} can now sign in.`);
    ctx.navigate(`#/admin/users?search=${encodeURIComponent(payload.user.email)}`);
  });
  return form;
}

// --- partnerships ---

export async function adminPartnershipsPage(ctx: AppContext): Promise<Page> {
  if (ctx.me.globalRole !== "ADMIN") return adminsOnly("Partnerships");
  const data = (await ctx.session.run(AdminPartnershipsDocument, {})).partnerships;
  const element = h(
    "div",
    {},
    adminNav("partnerships"),
    heading("Partnerships", "Administration"),
    data.nodes.length === 0 ? para("There are no partnerships yet.") : null,
    ...data.nodes.map((p) => partnershipCard(ctx, p)),
    createPartnershipForm(ctx),
  );
  return { title: "Partnerships", element };
}

function partnershipCard(ctx: AppContext, p: AdminPartnershipFieldsFragment): HTMLElement {
  const prefix = `member-${idPart(p.id)}-`;
  const add = h(
    "form",
    { novalidate: true, class: "add-member-form" },
    h("div", { class: "error-summary-slot" }),
    textField({ name: "urn", label: `Add a school to ${p.name} (URN)`, widthClass: "govuk-input--width-10", inputmode: "numeric", idPrefix: prefix }),
    submitButton("Add the school", "govuk-button--secondary"),
  );
  onSubmit(add, async (fd) => {
    const parsed = parseUrn(text(fd, "urn"));
    if ("error" in parsed) {
      applyErrors(add, [parsed.error], prefix);
      return;
    }
    const payload = (await ctx.session.run(AddPartnershipMemberDocument, { input: { partnershipId: p.id, urn: parsed.urn } })).addPartnershipMember;
    if (payload.errors.length > 0) {
      applyErrors(add, payload.errors, prefix);
      return;
    }
    ctx.flash(`School added to ${p.name}.`);
    ctx.refresh();
  });
  return h(
    "div",
    { class: "govuk-summary-card admin-partnership" },
    h("div", { class: "govuk-summary-card__title-wrapper" }, h("h2", { class: "govuk-summary-card__title" }, p.name), tag(KIND_LABELS[p.kind], "grey")),
    h(
      "div",
      { class: "govuk-summary-card__content" },
      summaryList([
        { key: "Published reports read by", value: VISIBILITY_LABELS[p.reportVisibility] },
        { key: "Reciprocal reviews", value: p.allowReciprocal ? "Allowed" : "Not in one cycle" },
        { key: "Past review is a conflict for", value: `${p.conflictYears} years` },
      ]),
      p.schools.length
        ? table(`Schools in ${p.name}`, [
            { header: "School", cell: (s) => s.name },
            { header: "URN", cell: (s) => String(s.urn), numeric: true },
            { header: "", cell: (s) => removeMemberButton(ctx, p, s.urn, s.name) },
          ], p.schools, "govuk-table__caption--s")
        : para("No schools yet."),
      add,
    ),
  );
}

function removeMemberButton(ctx: AppContext, p: AdminPartnershipFieldsFragment, urn: number, name: string): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "inline-form" },
    h("div", { class: "error-summary-slot" }),
    h("button", { type: "submit", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0 small-button" }, "Remove", h("span", { class: "govuk-visually-hidden" }, ` ${name} from ${p.name}`)),
  );
  onSubmit(form, async () => {
    const payload = (await ctx.session.run(RemovePartnershipMemberDocument, { input: { partnershipId: p.id, urn } })).removePartnershipMember;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors);
      return;
    }
    ctx.flash(`${name} is no longer in ${p.name}. Its reviews stay.`);
    ctx.refresh();
  });
  return form;
}

function createPartnershipForm(ctx: AppContext): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "create-partnership-form" },
    h("div", { class: "error-summary-slot" }),
    h("h2", { class: "govuk-heading-m" }, "Create a partnership"),
    textField({ name: "name", label: "Name", idPrefix: "new-partnership-" }),
    select({ name: "kind", label: "Kind", value: "CLUSTER", options: (Object.keys(KIND_LABELS) as PartnershipKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] })), idPrefix: "new-partnership-" }),
    submitButton("Create the partnership"),
  );
  onSubmit(form, async (fd) => {
    const payload = (await ctx.session.run(CreatePartnershipDocument, { input: { name: text(fd, "name").trim(), kind: text(fd, "kind") as PartnershipKind } })).createPartnership;
    if (payload.errors.length > 0 || !payload.partnership) {
      applyErrors(form, payload.errors, "new-partnership-");
      return;
    }
    ctx.flash(`${payload.partnership.name} is created. Add its schools below.`);
    ctx.refresh();
  });
  return form;
}

// --- data ---

export async function adminDataPage(ctx: AppContext): Promise<Page> {
  if (ctx.me.globalRole !== "ADMIN") return adminsOnly("Data imports");
  const data = (await ctx.session.run(DataStatusDocument, {})).dataStatus;
  const element = h(
    "div",
    {},
    adminNav("data"),
    heading("Data imports", "Administration"),
    summaryList([
      { key: "Schools in the register", value: data.schools.toLocaleString("en-GB") },
      { key: "Register last updated", value: data.registerUpdatedAt ? formatDateTime(data.registerUpdatedAt) : "Never" },
    ]),
    data.files.length === 0
      ? para("No figures have been imported yet. See the guide to loading data (docs/guide/admin-data.md).")
      : table("Imported figures files", [
          { header: "File", cell: (f) => f.sourceFile },
          { header: "Figures", cell: (f) => f.figures.toLocaleString("en-GB"), numeric: true },
          { header: "Schools", cell: (f) => f.schools.toLocaleString("en-GB"), numeric: true },
          { header: "Years", cell: (f) => f.years.map((y) => `${y}/${String((y + 1) % 100).padStart(2, "0")}`).join(", ") },
          { header: "Last loaded", cell: (f) => (f.lastLoadedAt ? formatDateTime(f.lastLoadedAt) : "") },
        ], data.files),
  );
  return { title: "Data imports", element };
}
