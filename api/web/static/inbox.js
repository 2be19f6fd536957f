// Team inbox: flagged intake records, most urgent first; detail with own words; acknowledge; export.
import { api, announce, el, formatDate, friendlyError, requireStaff, rows } from "./staff.js";
import { childVoiceEditor } from "./childvoice.js";
import { FLAG_LABELS, FLAG_ORDER, loadCatalogue, renderRecord } from "./record.js";

const $ = (id) => document.getElementById(id);
const SAFETY_RANK = { acute: 0, concern: 1, none: 2 };
const SAFETY_LABELS = { acute: "Acuut", concern: "Zorgsignaal", none: "Geen signalen" };
const STATUS_LABELS = { draft: "Nog niet bevestigd", confirmed: "Nieuw", assigned: "Toegewezen", received: "Ontvangen" };
let catalogue = null;
let childVoice = null;

function flagRank(flags) {
  return Math.min(...flags.map((code) => FLAG_ORDER.indexOf(code)).filter((i) => i >= 0), FLAG_ORDER.length);
}

/** Acute first, then safety concerns, then the most serious flag, then whoever waits longest. */
export function urgencyOrder(a, b) {
  return (
    (SAFETY_RANK[a.safety_level] ?? 2) - (SAFETY_RANK[b.safety_level] ?? 2) ||
    flagRank(a.flags || []) - flagRank(b.flags || []) ||
    String(a.created_at).localeCompare(String(b.created_at))
  );
}

function membersText(summary) {
  if (!summary) return "";
  if (typeof summary === "string") return summary;
  if (Array.isArray(summary)) return summary.map((m) => (typeof m === "string" ? m : m.label || m.role)).join(", ");
  return Object.entries(summary).map(([k, v]) => `${v} ${k}`).join(", ");
}

function flagBadges(flags) {
  return el(
    "ul",
    { class: "badges" },
    [...flags].sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b)).map((code) =>
      el("li", { class: `badge flag-${code}`, text: FLAG_LABELS[code] || code }),
    ),
  );
}

async function showList() {
  $("detail-view").hidden = true;
  $("list-view").hidden = false;
  const params = new URLSearchParams();
  if ($("filter-flag").value) params.set("flag", $("filter-flag").value);
  if ($("filter-status").value) params.set("status", $("filter-status").value);
  try {
    const data = await api(`/records${params.size ? `?${params}` : ""}`);
    const records = rows(data).sort(urgencyOrder);
    $("records").replaceChildren(
      ...records.map((r) =>
        el(
          "tr",
          { class: `row-${r.safety_level || "none"}` },
          el("td", {}, el("a", { class: "utrecht-link", href: `#record=${encodeURIComponent(r.id)}`, text: r.reference || r.id })),
          el("td", {}, flagBadges(r.flags || [])),
          el("td", { text: SAFETY_LABELS[r.safety_level] || r.safety_level || "" }),
          el("td", { text: membersText(r.members || r.members_summary) }),
          el("td", { text: formatDate(r.created_at) }),
          el("td", { text: STATUS_LABELS[r.status] || r.status }),
        ),
      ),
    );
    $("records-empty").hidden = records.length > 0;
  } catch (error) {
    announce(friendlyError(error), { error: true });
  }
}

/** Save a child's voice on the shown record (PATCH with the version read: no lost update). */
async function saveChildVoice(changesFor) {
  const id = $("acknowledge").dataset.id;
  try {
    const stored = await api(`/records/${encodeURIComponent(id)}`);
    const saved = await api(`/records/${encodeURIComponent(id)}`, {
      method: "PATCH",
      body: { version: stored.version, changes: changesFor(stored.record) },
    });
    const active = document.activeElement; // re-rendering moves the form: keep the focus
    await showDetail(id, { focus: false });
    if (active && active.isConnected) active.focus();
    announce(`Opgeslagen (versie ${saved.version}).`);
  } catch (error) {
    announce(friendlyError(error), { error: true });
  }
}

async function showDetail(id, { focus = true } = {}) {
  $("list-view").hidden = true;
  $("detail-view").hidden = false;
  try {
    const data = await api(`/records/${encodeURIComponent(id)}`);
    const record = data.record || data.current || {};
    $("detail-title").textContent = `Intake ${data.reference || record.reference || ""}`.trim();
    const parts = renderRecord(record, catalogue);
    const wordsTitles = new Set(["In eigen woorden", "Niet besproken", "Samenvatting"]);
    const isWords = (node) => wordsTitles.has(node.querySelector("h3").textContent);
    $("detail-words").replaceChildren(...parts.filter(isWords));
    childVoice.update(record);
    $("detail-data").replaceChildren(...parts.filter((node) => !isWords(node)), childVoice.node);
    const base = `/api/v1/records/${encodeURIComponent(id)}/export`;
    $("export-json").href = `${base}.json`;
    $("export-csv").href = `${base}.csv`;
    const done = Boolean(data.acknowledged_at) || data.status === "received";
    $("acknowledge").disabled = done;
    $("acknowledge").textContent = done ? "Ontvangst bevestigd" : "Ontvangst bevestigen";
    $("acknowledge").dataset.id = id;
    if (focus) $("detail-title").focus();
  } catch (error) {
    announce(friendlyError(error), { error: true });
  }
}

async function acknowledge() {
  const id = $("acknowledge").dataset.id;
  try {
    await api(`/records/${encodeURIComponent(id)}/acknowledge`, { method: "POST" });
    announce("Ontvangst bevestigd. Het gezin en het KCC zien dat het team de intake heeft.");
    $("acknowledge").disabled = true;
    $("acknowledge").textContent = "Ontvangst bevestigd";
  } catch (error) {
    announce(friendlyError(error), { error: true });
  }
}

function route() {
  const match = location.hash.match(/^#record=(.+)$/);
  if (match) showDetail(decodeURIComponent(match[1]));
  else showList();
}

async function main() {
  await requireStaff("team");
  catalogue = await loadCatalogue();
  childVoice = childVoiceEditor(saveChildVoice);
  $("filter-flag").append(...FLAG_ORDER.map((code) => el("option", { value: code, text: FLAG_LABELS[code] })));
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    showList();
  });
  $("back").addEventListener("click", (event) => {
    event.preventDefault();
    history.pushState(null, "", location.pathname);
    showList();
  });
  $("acknowledge").addEventListener("click", acknowledge);
  window.addEventListener("hashchange", route);
  route();
}

main().catch(() => {});
