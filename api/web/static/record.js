// Renders an intake record (bot/record.py) for staff: flags, own words, members × domains grid.
import { el } from "./staff.js";

export const FLAG_LABELS = {
  acute: "Acuut",
  safety_assessment: "Veiligheid beoordelen",
  joint_assessment: "Samen beoordelen (jeugd en gezinsregie)",
  gezinsregie: "Gezinsregie",
  complex: "Complex",
  coordination_wish: "Wil één regisseur",
};
export const FLAG_ORDER = Object.keys(FLAG_LABELS);

const ROLE_LABELS = { parent: "ouder/verzorger", partner: "partner", child: "kind", other: "ander" };
const STATUS_LABELS = {
  indicated: "besproken",
  not_discussed: "niet besproken",
  declined: "wil het niet zeggen",
  not_applicable: "n.v.t.",
};
const SOURCE_LABELS = { self: "zelf verteld", parent: "verteld door ouder", other: "verteld door ander" };
const SAFETY_LABELS = { none: "geen signalen", concern: "zorgsignaal", acute: "acuut" };

let cataloguePromise;

/** Domain labels and applicability, served by the web router from bot/catalogue.yml. */
export function loadCatalogue() {
  cataloguePromise ||= fetch("/static/catalogue.json").then((r) => r.json());
  return cataloguePromise;
}

export function memberName(member) {
  const parts = [member.label || ROLE_LABELS[member.role] || member.role];
  if (member.name) parts.unshift(member.name);
  if (member.age !== null && member.age !== undefined) parts.push(`${member.age} jaar`);
  return parts.join(", ");
}

function bandOf(member) {
  return member.age_band || (member.role === "child" ? "child" : "adult");
}

function applies(domain, member) {
  if (!member) return domain.household;
  return !domain.household && domain.applies_to.includes(bandOf(member));
}

function domainLabel(domain, member) {
  const band = member && bandOf(member);
  return (domain.label_child && (band === "child" || band === "youth") ? domain.label_child : domain.label).nl;
}

/** Rows of the grid: who (null = the whole household) × domain, with the entry if any. */
function cells(record, catalogue) {
  const who = [null, ...(record.members || [])];
  const entries = new Map((record.domains || []).map((d) => [`${d.member_id}|${d.domain}`, d]));
  return catalogue.domains.map((domain) => ({
    domain,
    cells: who.map((member) => ({
      member,
      applies: applies(domain, member),
      entry: entries.get(`${member ? member.id : null}|${domain.id}`),
    })),
  }));
}

export function notDiscussed(record, catalogue) {
  const open = [];
  for (const row of cells(record, catalogue)) {
    for (const cell of row.cells) {
      const status = cell.entry ? cell.entry.status : "not_discussed";
      if (cell.applies && status === "not_discussed") {
        open.push(`${domainLabel(row.domain, cell.member)} – ${cell.member ? memberName(cell.member) : "gezin"}`);
      }
    }
  }
  return open;
}

function section(title, ...content) {
  return el("section", { class: "record-section" }, el("h3", { class: "utrecht-heading-3", text: title }), ...content);
}

function dataList(pairs) {
  return el(
    "dl",
    { class: "facts" },
    pairs.filter(([, value]) => value !== null && value !== undefined && value !== "").flatMap(([term, value]) => [
      el("dt", { text: term }),
      el("dd", { text: String(value) }),
    ]),
  );
}

export function renderFlags(record) {
  const flags = [...(record.flags || [])].sort((a, b) => FLAG_ORDER.indexOf(a.code) - FLAG_ORDER.indexOf(b.code));
  if (!flags.length) return section("Signalen", el("p", { class: "utrecht-paragraph", text: "Geen signalen." }));
  return section(
    "Signalen",
    el(
      "ul",
      { class: "flag-list" },
      flags.map((flag) =>
        el(
          "li",
          { class: `flag flag-${flag.code}` },
          el("strong", { text: FLAG_LABELS[flag.code] || flag.code }),
          el("ul", {}, (flag.reasons || []).map((reason) => el("li", { text: reason.text }))),
        ),
      ),
    ),
  );
}

function renderSafety(record) {
  const safety = record.safety || {};
  return section(
    "Veiligheid",
    dataList([
      ["Niveau", SAFETY_LABELS[safety.level] || safety.level],
      ["Veiligheidsvragen gesteld", safety.questions_asked ? "ja" : "nee"],
    ]),
    el(
      "ul",
      {},
      (safety.signals || []).map((s) =>
        el("li", { text: `${s.code} (${s.level === "acute" ? "acuut" : "zorg"})${s.excerpt ? `: “${s.excerpt}”` : ""}` }),
      ),
    ),
  );
}

/** Everything the person said in their own words, kept apart from our interpretation. */
export function renderOwnWords(record, catalogue) {
  const quotes = [];
  if (record.request_own_words) quotes.push(["Hulpvraag", record.request_own_words]);
  const members = new Map((record.members || []).map((m) => [m.id, m]));
  const domains = new Map(catalogue.domains.map((d) => [d.id, d]));
  for (const entry of record.domains || []) {
    if (!entry.own_words) continue;
    const member = members.get(entry.member_id);
    const domain = domains.get(entry.domain);
    quotes.push([`${domain ? domainLabel(domain, member) : entry.domain} – ${member ? memberName(member) : "gezin"}`, entry.own_words]);
  }
  if (record.coordination && record.coordination.own_words) quotes.push(["Regie", record.coordination.own_words]);
  if (record.desired_outcome) quotes.push(["Wat moet er anders worden", record.desired_outcome]);
  return section(
    "In eigen woorden",
    quotes.length
      ? quotes.map(([about, words]) =>
          el("figure", { class: "quote" }, el("blockquote", { class: "utrecht-blockquote", text: words }), el("figcaption", { text: about })),
        )
      : el("p", { class: "utrecht-paragraph", text: "Nog niets verteld." }),
  );
}

function cellText(cell, catalogue) {
  if (!cell.applies) return "–";
  const entry = cell.entry;
  if (!entry || entry.status === "not_discussed") return "niet besproken";
  if (entry.status !== "indicated") return STATUS_LABELS[entry.status];
  const scale = entry.indication ? `${entry.indication} ${catalogue.scale[entry.indication].nl}` : "besproken";
  return entry.concern ? `${scale} · zorg` : scale;
}

export function renderGrid(record, catalogue) {
  const members = record.members || [];
  const head = el(
    "tr",
    {},
    el("th", { scope: "col", text: "Leefgebied" }),
    el("th", { scope: "col", text: "Gezin" }),
    members.map((m) => el("th", { scope: "col", text: memberName(m) })),
  );
  const rows = cells(record, catalogue).map((row) =>
    el(
      "tr",
      {},
      el("th", { scope: "row", text: row.domain.label.nl }),
      row.cells.map((cell) => {
        const status = cell.entry ? cell.entry.status : "not_discussed";
        const cls = !cell.applies ? "na" : cell.entry && cell.entry.concern ? "concern" : status;
        const source = cell.entry && cell.entry.source ? SOURCE_LABELS[cell.entry.source] : null;
        return el("td", { class: `cell cell-${cls}`, title: source }, cellText(cell, catalogue));
      }),
    ),
  );
  return section(
    "Leefgebieden per gezinslid",
    el(
      "div",
      { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "Tabel leefgebieden" },
      el(
        "table",
        { class: "utrecht-table grid" },
        el("caption", { class: "visually-hidden", text: "Indicatie per leefgebied (zelf ingeschat, geen ZRM-score)" }),
        el("thead", { class: "utrecht-table__header" }, head),
        el("tbody", { class: "utrecht-table__body" }, rows),
      ),
    ),
    el("p", { class: "hint", text: "Cijfers zijn een eigen inschatting van het gezin (1 = acuut, 5 = lukt helemaal), geen ZRM-score." }),
  );
}

const KNOWS_LABELS = { true: "ja", false: "nee" };
const SAID_BY_LABELS = { self: "het kind zelf", parent: "een ouder", other: "iemand anders" };

/** The child's own voice, or that it was not asked: a team must see what is missing. */
function childView(member) {
  const view = member.child_view;
  if (!view) return el("p", { class: "hint", text: "Mening van het kind niet gevraagd." });
  return dataList([
    ["Weet van de aanvraag", KNOWS_LABELS[view.knows_about_request] || "onbekend"],
    ["Wat het kind zegt of wil", view.view ? `“${view.view}”` : null],
    ["Verteld door", SAID_BY_LABELS[view.said_by] || view.said_by],
  ]);
}

function renderMembers(record) {
  return section(
    "Gezinsleden",
    el(
      "ul",
      { class: "members" },
      (record.members || []).map((m) => {
        const notes = [ROLE_LABELS[m.role]];
        if (m.is_respondent) notes.push("vertelt zelf");
        if (m.role === "child") notes.push(m.heard_directly ? "kind zelf gesproken" : "kind niet gesproken");
        const line = `${memberName(m)} (${notes.join(", ")})`;
        return el("li", { class: "member", "data-member": m.id }, line, m.role === "child" ? childView(m) : null);
      }),
    ),
  );
}

function renderRest(record) {
  const c = record.coordination || {};
  const contact = record.contact || {};
  const wants = c.wants_single_coordinator;
  return [
    section(
      "Betrokken hulp",
      el("ul", {}, (record.involved_services || []).map((s) => el("li", { text: s.description ? `${s.kind}: ${s.description}` : s.kind }))),
      dataList([
        ["Regie nu bij", c.current_coordinator],
        ["Wil één regisseur", wants === true ? "ja" : wants === false ? "nee" : null],
      ]),
    ),
    section(
      "Contact",
      dataList([
        ["Voorkeur", contact.preference],
        ["Gegevens", contact.details],
        ["Beste moment", contact.best_time],
        ["Samenvatting bevestigd", record.summary_confirmed ? "ja" : "nee"],
      ]),
    ),
  ];
}

/** The whole record, in reading order for a team member. */
export function renderRecord(record, catalogue) {
  const open = notDiscussed(record, catalogue);
  return [
    renderFlags(record),
    renderSafety(record),
    renderOwnWords(record, catalogue),
    record.request_summary ? section("Samenvatting", el("p", { class: "utrecht-paragraph", text: record.request_summary })) : null,
    renderMembers(record),
    renderGrid(record, catalogue),
    section(
      "Niet besproken",
      open.length ? el("ul", { class: "not-discussed" }, open.map((text) => el("li", { text }))) : el("p", { text: "Alles is besproken." }),
    ),
    ...renderRest(record),
  ].filter(Boolean);
}
