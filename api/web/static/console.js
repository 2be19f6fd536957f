// KCC console: phone intake on a caller's behalf, live record, and taking over web chats.
import { api, announce, el, friendlyError, requireStaff, rows } from "./staff.js";
import { childVoiceEditor } from "./childvoice.js";
import { loadCatalogue, memberName, renderRecord } from "./record.js";

const POLL_MS = 3000;
const $ = (id) => document.getElementById(id);
const SENDER_LABELS = { bot: "Assistent", staff: "Medewerker", user: "Ouder", parent: "Ouder" };
// On a multi-select screen these answers stand alone: choosing one sends it at once.
const EXCLUSIVE = new Set(["none", "declined"]);
const CHOICES_LABEL = "Antwoord van de beller kiezen";

// The open conversation: phone intake (we hold its token) or a web chat we took over.
let talk = null;
let catalogue = null;
let shownEntries = -1;
let currentRecord = null;
let childVoice = null;

function conversationPath(id, suffix = "") {
  return `/conversations/${encodeURIComponent(id)}${suffix}`;
}

/** Phone intake calls go with the conversation token; takeover calls with the staff session. */
function talkRequest(suffix, options = {}) {
  const headers = talk.token ? { Authorization: `Bearer ${talk.token}` } : {};
  return api(conversationPath(talk.id, suffix), { ...options, headers });
}

async function refreshQueue() {
  try {
    const data = await api("/handovers");
    const items = rows(data);
    $("queue").replaceChildren(
      ...items.map((item) => {
        const since = new Date(item.waiting_since).toLocaleTimeString("nl-NL", { timeStyle: "short" });
        const text = `Webchat (${item.language || "nl"}), wacht sinds ${since}${item.acute ? " – ACUUT" : ""}`;
        const mine = item.taken_over_by_me;
        return el(
          "li",
          { class: item.acute ? "queue-item is-acute" : "queue-item" },
          el("span", {}, el("strong", { text }), item.last_message ? el("span", { class: "hint", text: ` “${item.last_message}”` }) : null),
          el(
            "button",
            { type: "button", class: "utrecht-button utrecht-button--primary-action", onclick: () => (mine ? openTakenOver(item.id) : takeOver(item.id)) },
            mine ? "Openen" : "Overnemen",
          ),
        );
      }),
    );
    $("queue-empty").hidden = items.length > 0;
  } catch {
    $("queue-empty").hidden = false;
  }
}

function openTalk(next) {
  talk = next;
  shownEntries = -1;
  $("talk").hidden = false;
  $("start-form").hidden = true;
  $("talk-log").replaceChildren();
  showChoices(null);
  const takeover = talk.mode === "takeover";
  $("release").hidden = !takeover;
  $("talk-label").textContent = takeover ? "Uw bericht aan de ouder" : "Wat zegt de beller?";
  $("talk-mode").textContent = takeover
    ? "U hebt deze webchat overgenomen. De ouder ziet uw berichten als 'Medewerker'."
    : "Telefoongesprek: typ wat de beller zegt. De assistent stelt de vragen.";
  $("talk-input").focus();
}

function closeTalk() {
  talk = null;
  currentRecord = null;
  $("talk").hidden = true;
  $("start-form").hidden = false;
  $("record").replaceChildren();
  $("record-empty").hidden = false;
  $("edit").hidden = true;
}

function addLine(sender, text) {
  const phone = talk && talk.mode === "phone";
  const label = talk && talk.mode === "takeover" && sender === "staff" ? "U (medewerker)"
    : phone && sender === "user" ? "Beller" : SENDER_LABELS[sender] || "Ouder";
  const who = ["bot", "staff"].includes(sender) ? sender : "user";
  $("talk-log").append(el("li", { class: `line from-${who}` }, el("span", { class: "sender", text: label }), el("p", { text })));
  $("talk-log").lastElementChild.scrollIntoView({ block: "nearest" });
}

/** The options of a question as {value, title}: from its metadata, else from its buttons. */
function optionsOf(message) {
  const fromMeta = (message.meta?.options || []).map((o) => ({ value: o.value, title: o.label || o.title }));
  const fromButtons = (message.buttons || []).map((b) => ({ value: /"option": ?"([a-z0-9_]+)"/.exec(b.payload || "")?.[1], title: b.title }));
  return (fromMeta.length ? fromMeta : fromButtons).filter((o) => /^[a-z0-9_]+$/.test(o.value || "") && o.title);
}

const choicePayload = (values) => `/choose{"option": "${values.join(",")}"}`;

function choose(body, shown) {
  sendForCaller(body, shown).catch((error) => announce(friendlyError(error), { error: true }));
}

/** Answer buttons for the newest question; a multi-select screen gets toggles and "Verder". */
function showChoices(message) {
  const box = $("talk-choices");
  box.setAttribute("aria-label", CHOICES_LABEL);
  box.removeAttribute("aria-describedby");
  if (message?.meta?.multiple && optionsOf(message).length) {
    showMultipleChoices(optionsOf(message));
    return;
  }
  box.replaceChildren(
    ...(message?.buttons || []).map((b) =>
      el("button", { type: "button", class: "utrecht-button utrecht-button--secondary-action", onclick: () => choose({ payload: b.payload }, b.title) }, b.title),
    ),
  );
}

function showMultipleChoices(options) {
  const box = $("talk-choices");
  const pressed = () => [...box.querySelectorAll('[aria-pressed="true"]')];
  const goOn = el("button", { type: "button", class: "utrecht-button utrecht-button--primary-action", disabled: true }, "Verder");
  goOn.addEventListener("click", () =>
    choose({ payload: choicePayload(pressed().map((b) => b.dataset.value)) }, pressed().map((b) => b.textContent).join(", ")),
  );
  const toggle = (event) => {
    const button = event.currentTarget;
    button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true"));
    goOn.disabled = pressed().length === 0;
  };
  const button = (o, attrs) => el("button", { type: "button", class: "utrecht-button utrecht-button--secondary-action", ...attrs }, o.title);
  box.setAttribute("aria-label", `${CHOICES_LABEL} (meer dan één mag)`);
  box.setAttribute("aria-describedby", "talk-choices-hint");
  box.replaceChildren(
    el("p", { class: "hint", id: "talk-choices-hint", text: "Kies alles wat de beller noemt en klik op Verder. Of typ wat de beller zegt." }),
    el("div", { class: "toggles" }, options.filter((o) => !EXCLUSIVE.has(o.value)).map((o) =>
      button(o, { class: "toggle utrecht-button utrecht-button--secondary-action", "aria-pressed": "false", "data-value": o.value, onclick: toggle }),
    )),
    goOn,
    el("div", { class: "alone" }, options.filter((o) => EXCLUSIVE.has(o.value)).map((o) =>
      button(o, { onclick: () => choose({ payload: choicePayload([o.value]) }, o.title) }),
    )),
  );
}

/** Reload transcript and record; the record panel is the live picture of the intake. */
async function refreshTalk() {
  if (!talk) return;
  const id = talk.id;
  const data = await talkRequest("");
  if (!talk || talk.id !== id) return;
  const transcript = data.transcript || [];
  if (transcript.length !== shownEntries) {
    $("talk-log").replaceChildren();
    for (const entry of transcript) addLine(entry.sender, entry.text);
    shownEntries = transcript.length;
  }
  talk.recordId = data.record_id || (data.record && data.record.id) || talk.recordId;
  if (data.record) showRecord(data.record);
}

function showRecord(record) {
  currentRecord = record;
  $("record-empty").hidden = true;
  $("record").replaceChildren(...renderRecord(record, catalogue));
  fillEditChoices(record);
  childVoice.update(record);
  $("edit").hidden = false;
}

async function startPhoneIntake(event) {
  event.preventDefault();
  try {
    const data = await api("/conversations", { method: "POST", body: { channel: "kcc", language: $("start-language").value } });
    openTalk({ mode: "phone", id: data.id, token: data.token });
    for (const m of data.messages || []) addLine("bot", m.text);
    showChoices((data.messages || []).at(-1));
    announce("Telefoongesprek gestart.");
    await refreshTalk();
  } catch (error) {
    announce(friendlyError(error), { error: true });
  }
}

async function sendForCaller(body, shown) {
  addLine("user", shown);
  showChoices(null);
  const data = await talkRequest("/messages", { method: "POST", body });
  for (const m of data.messages || []) addLine("bot", m.text);
  showChoices((data.messages || []).at(-1));
  await refreshTalk();
}

async function onSend(event) {
  event.preventDefault();
  const input = $("talk-input");
  const text = input.value.trim();
  if (!text || !talk) return;
  input.value = "";
  try {
    if (talk.mode === "takeover") {
      await api(conversationPath(talk.id, "/staff-messages"), { method: "POST", body: { text } });
      await refreshTalk();
    } else {
      await sendForCaller({ text }, text);
    }
  } catch (error) {
    input.value = text;
    announce(friendlyError(error), { error: true });
  }
  input.focus();
}

async function takeOver(id) {
  try {
    await api(conversationPath(id, "/takeover"), { method: "POST" });
    openTalk({ mode: "takeover", id });
    announce("U hebt de webchat overgenomen.");
    await refreshTalk();
    await refreshQueue();
  } catch (error) {
    announce(friendlyError(error), { error: true });
  }
}

async function openTakenOver(id) {
  openTalk({ mode: "takeover", id });
  await refreshTalk().catch((error) => announce(friendlyError(error), { error: true }));
}

async function release() {
  try {
    await api(conversationPath(talk.id, "/release"), { method: "POST" });
    announce("De webchat is teruggegeven aan de assistent.");
    closeTalk();
  } catch (error) {
    announce(friendlyError(error), { error: true });
  }
}

function option(value, text) {
  return el("option", { value }, text);
}

function fillEditChoices(record) {
  const member = $("edit-member");
  const chosen = member.value;
  member.replaceChildren(option("", "Hele gezin"), ...(record.members || []).map((m) => option(m.id, memberName(m))));
  member.value = chosen;
  if ($("edit-domain-id").options.length) return;
  $("edit-domain-id").replaceChildren(...catalogue.domains.map((d) => option(d.id, d.label.nl)));
  $("edit-indication").replaceChildren(
    option("not_discussed", "Niet besproken"),
    option("indicated", "Besproken, geen cijfer"),
    ...Object.entries(catalogue.scale).map(([n, label]) => option(n, `${n} – ${label.nl}`)),
    option("declined", "Wil het niet zeggen"),
    option("not_applicable", "Niet van toepassing"),
  );
}

/** PATCH with the version we read, so a change by someone else is never overwritten;
 * `changes` may be a function of the record as read (for paths by member position). */
async function saveChanges(changes) {
  if (!talk || !talk.recordId) return;
  try {
    const stored = await api(`/records/${encodeURIComponent(talk.recordId)}`);
    const saved = await api(`/records/${encodeURIComponent(talk.recordId)}`, {
      method: "PATCH",
      body: { version: stored.version, changes: typeof changes === "function" ? changes(stored.record) : changes },
    });
    announce(`Opgeslagen (versie ${saved.version ?? stored.version + 1}).`);
    await refreshTalk();
  } catch (error) {
    const text = error.status === 404 ? "Het dossier is nog niet opgeslagen. Pas het aan na de samenvatting." : friendlyError(error);
    announce(text, { error: true });
  }
}

function onEditText(event) {
  event.preventDefault();
  const value = $("edit-value").value.trim();
  saveChanges({ [$("edit-field").value]: value || null });
}

function onEditDomain(event) {
  event.preventDefault();
  const memberId = $("edit-member").value || null;
  const domain = $("edit-domain-id").value;
  const choice = $("edit-indication").value;
  const indication = /^[1-5]$/.test(choice) ? Number(choice) : null;
  const status = indication ? "indicated" : choice;
  const domains = (currentRecord.domains || []).filter((d) => !(d.member_id === memberId && d.domain === domain));
  const old = (currentRecord.domains || []).find((d) => d.member_id === memberId && d.domain === domain) || {};
  domains.push({ ...old, member_id: memberId, domain, indication, status, source: old.source || "other" });
  saveChanges({ domains });
}

async function main() {
  await requireStaff("kcc");
  catalogue = await loadCatalogue();
  childVoice = childVoiceEditor(saveChanges);
  $("edit-child").replaceChildren(childVoice.node);
  $("start-form").addEventListener("submit", startPhoneIntake);
  $("talk-form").addEventListener("submit", onSend);
  $("talk-input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("talk-form").requestSubmit();
    }
  });
  $("release").addEventListener("click", release);
  $("close-talk").addEventListener("click", closeTalk);
  $("edit-text").addEventListener("submit", onEditText);
  $("edit-domain").addEventListener("submit", onEditDomain);
  $("start").disabled = false; // only now would a start be handled (not a plain form submit)
  await refreshQueue();
  setInterval(refreshQueue, POLL_MS * 2);
  setInterval(() => refreshTalk().catch(() => {}), POLL_MS);
}

main().catch(() => {});
