// Staff record a child's own voice (issue: the child's view was never asked or recorded):
// was the child heard directly, does it know of this request, and what does it say or wish.
import { el } from "./staff.js";
import { memberName } from "./record.js";

const KNOWS = [
  ["", "Onbekend"],
  ["true", "Ja"],
  ["false", "Nee"],
];
const SAID_BY = [
  ["self", "Het kind zelf"],
  ["parent", "Een ouder"],
  ["other", "Iemand anders"],
];

function select(id, choices) {
  return el("select", { class: "utrecht-select utrecht-select--html-select", id }, choices.map(([value, text]) => el("option", { value }, text)));
}

/**
 * The PATCH changes (dotted paths) giving this child these values, computed on the record as
 * stored now, so a member list changed by someone else cannot shift the position.
 * Nothing known and nothing said is "not asked": child_view null.
 */
export function childVoiceChanges(record, childId, { heard, knows, view, saidBy }) {
  const index = (record.members || []).findIndex((m) => m.id === childId);
  if (index < 0) throw new Error(`member ${childId} is not in the record`);
  const words = view.trim();
  const childView = knows === null && !words ? null : { knows_about_request: knows, view: words || null, said_by: saidBy };
  return { [`members.${index}.heard_directly`]: heard, [`members.${index}.child_view`]: childView };
}

/**
 * A form for one child at a time. `save(changesFor)` stores the edit; `changesFor(record)` gives
 * the changes for the record as freshly read. `update(record)` is called on every refresh and
 * only refills the fields when another record or child is shown, so typing is never undone.
 */
export function childVoiceEditor(save) {
  const child = el("select", { class: "utrecht-select utrecht-select--html-select", id: "cv-child" });
  const heard = el("input", { type: "checkbox", class: "utrecht-checkbox", id: "cv-heard" });
  const knows = select("cv-knows", KNOWS);
  const view = el("textarea", { class: "utrecht-textarea", id: "cv-view", rows: "3", maxlength: "2000" });
  const saidBy = select("cv-said-by", SAID_BY);
  let record = null;
  let shown = "";

  function fill() {
    const member = (record.members || []).find((m) => m.id === child.value);
    const current = (member && member.child_view) || {};
    heard.checked = Boolean(member && member.heard_directly);
    knows.value = typeof current.knows_about_request === "boolean" ? String(current.knows_about_request) : "";
    view.value = current.view || "";
    saidBy.value = current.said_by || (heard.checked ? "self" : "parent");
    shown = `${record.id}|${child.value}`;
  }

  function onSubmit(event) {
    event.preventDefault();
    const values = {
      heard: heard.checked,
      knows: knows.value === "" ? null : knows.value === "true",
      view: view.value,
      saidBy: saidBy.value,
    };
    const childId = child.value;
    save((fresh) => childVoiceChanges(fresh, childId, values));
  }

  child.addEventListener("change", fill);
  const node = el(
    "form",
    { class: "edit-form child-voice", "aria-labelledby": "cv-title", onsubmit: onSubmit },
    el("h3", { class: "utrecht-heading-3", id: "cv-title", text: "Stem van het kind" }),
    el("label", { class: "utrecht-form-label", for: "cv-child" }, "Kind"),
    child,
    el("p", { class: "check" }, heard, el("label", { class: "utrecht-form-label", for: "cv-heard" }, "Kind zelf gesproken")),
    el("label", { class: "utrecht-form-label", for: "cv-knows" }, "Weet het kind van deze aanvraag?"),
    knows,
    el("label", { class: "utrecht-form-label", for: "cv-view" }, "Wat zegt of wil het kind? (in de woorden van wie het vertelt)"),
    view,
    el("label", { class: "utrecht-form-label", for: "cv-said-by" }, "Wie vertelde dit?"),
    saidBy,
    el("button", { class: "utrecht-button utrecht-button--secondary-action", type: "submit" }, "Opslaan"),
  );

  function update(next) {
    record = next;
    const children = (record.members || []).filter((m) => m.role === "child");
    const chosen = child.value;
    child.replaceChildren(...children.map((m) => el("option", { value: m.id }, memberName(m))));
    node.hidden = children.length === 0;
    if (children.some((m) => m.id === chosen)) child.value = chosen;
    if (children.length && shown !== `${record.id}|${child.value}`) fill();
  }

  return { node, update };
}
