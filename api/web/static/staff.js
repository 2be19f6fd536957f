// Shared by the staff pages: API calls with the session cookie, safe DOM building, login check.

export class ApiError extends Error {
  constructor(status, detail) {
    super(`HTTP ${status}`);
    this.status = status;
    this.detail = detail;
  }
}

/** Call the JSON API with the staff session cookie; a 401 sends the visitor to the login page. */
export async function api(path, { method = "GET", body, headers = {} } = {}) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json", ...headers } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/api/v1${path}`, init);
  if (response.status === 401 && !headers.Authorization) {
    toLogin();
    throw new ApiError(401);
  }
  const data = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, data.detail);
  return data;
}

export function toLogin() {
  const next = encodeURIComponent(location.pathname + location.search + location.hash);
  location.assign(`/login?next=${next}`);
}

/** Build an element. Children are nodes or strings; strings are always inserted as text. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** Who is logged in; without the role the page shows a plain message and stops. */
export async function requireStaff(role) {
  const me = await api("/auth/me");
  const roles = me.roles || (me.role ? [me.role] : []);
  const who = document.getElementById("who");
  if (who) who.textContent = me.display_name || me.username || "";
  if (role && !roles.includes(role) && !roles.includes("admin")) {
    const main = document.querySelector("main");
    main.replaceChildren(
      el("h1", { class: "utrecht-heading-1", text: "Geen toegang" }),
      el("p", { class: "utrecht-paragraph", text: `Deze pagina is voor medewerkers met de rol '${role}'.` }),
    );
    throw new ApiError(403);
  }
  return me;
}

/** Show a status line in an aria-live region, so screen readers hear it too. */
export function announce(text, { error = false } = {}) {
  const region = document.getElementById("status");
  region.textContent = text;
  region.classList.toggle("is-error", error);
}

export function friendlyError(error) {
  if (error.status === 409) return "Iemand anders heeft dit intussen gewijzigd. De nieuwste versie is geladen.";
  if (error.status === 403) return "U hebt geen toegang tot deze gegevens.";
  if (error.status === 404) return "Niet gevonden.";
  if (error.status === 422) return "De invoer klopt niet. Controleer de velden.";
  return "Er ging iets mis. Probeer het opnieuw.";
}

/** The rows of a list answer: a bare list or a page ({"data": [...]}). */
export function rows(data) {
  return Array.isArray(data) ? data : data.data || data.items || [];
}

export function formatDate(value) {
  if (!value) return "";
  return new Date(value).toLocaleString("nl-NL", { dateStyle: "medium", timeStyle: "short" });
}
