/*
 * Family intake chat widget. Embed on any site with one tag:
 *   <script src="https://host/widget.js" defer></script>
 * Optional attributes: data-municipality, data-phone, data-language (nl|en), data-open.
 * The widget builds its own DOM inside a shadow root (styles cannot leak either way), renders
 * every text with textContent, and uses no inline code, so it works under a strict CSP.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = new URL(script.src, document.baseURI).origin;
  var API = BASE + "/api/v1/conversations";
  var STORE = "gezinsintake.conversation";
  var cfg = {
    municipality: script.dataset.municipality || "Gemeente Voorbeeld",
    phone: script.dataset.phone || "14 020",
    language: script.dataset.language === "en" ? "en" : "nl",
    open: script.dataset.open === "true",
  };

  var TEXT = {
    nl: {
      launcher: "Hulp voor uw gezin? Chat met ons",
      title: "Chat: hulp voor uw gezin",
      close: "Chat sluiten",
      otherLanguage: "English",
      otherLanguageCode: "en",
      intro:
        "Hier vertelt u in uw eigen woorden wat er speelt in uw gezin. Wij zoeken samen met u de juiste hulp.",
      start: "Start het gesprek",
      log: "Berichten",
      conversation: "Gesprek",
      you: "U",
      bot: "Assistent",
      staff: "Medewerker",
      notice: "Goed om te weten",
      understood: "Ik begrijp het, verder",
      input: "Uw bericht",
      send: "Verstuur",
      hint: "Enter is versturen. Shift en Enter is een nieuwe regel.",
      typing: "De assistent typt",
      step: "Stap {step} van {total}",
      choices: "Kies een antwoord",
      choicesMultiple: "Kies een of meer antwoorden",
      multipleHint: "Kies alles wat past. U kunt meer dan één kiezen. Klik daarna op Verder.",
      continue: "Verder",
      person: "Praat met een medewerker",
      personAsked: "U hebt gevraagd om een medewerker. Iemand komt zo bij u in dit gesprek.",
      acuteTitle: "Direct hulp nodig?",
      acute112: "Levensgevaar of geweld nu: bel 112",
      acute113: "Denkt u aan zelfdoding? Bel 113 of gratis 0800-0113",
      acuteVT: "Zorgen over geweld thuis of kindermishandeling? Bel Veilig Thuis: 0800-2000 (gratis)",
      error:
        "Sorry, er ging iets mis. Probeer het straks opnieuw. Of bel ons op {phone}. Wij helpen u graag.",
      expired: "Uw vorige gesprek is niet meer beschikbaar. U kunt een nieuw gesprek starten.",
    },
    en: {
      launcher: "Help for your family? Chat with us",
      title: "Chat: help for your family",
      close: "Close chat",
      otherLanguage: "Nederlands",
      otherLanguageCode: "nl",
      intro:
        "Here you can tell us in your own words what is going on in your family. Together we look for the right help.",
      start: "Start the conversation",
      log: "Messages",
      conversation: "Conversation",
      you: "You",
      bot: "Assistant",
      staff: "Employee",
      notice: "Good to know",
      understood: "I understand, continue",
      input: "Your message",
      send: "Send",
      hint: "Enter sends. Shift and Enter is a new line.",
      typing: "The assistant is typing",
      step: "Step {step} of {total}",
      choices: "Choose an answer",
      choicesMultiple: "Choose one or more answers",
      multipleHint: "Choose everything that fits. You can choose more than one. Then click Continue.",
      continue: "Continue",
      person: "Talk to an employee",
      personAsked: "You asked for an employee. Someone will join this conversation soon.",
      acuteTitle: "Need help right now?",
      acute112: "Danger to life or violence now: call 112",
      acute113: "Thinking about suicide? Call 113 or free 0800-0113",
      acuteVT: "Worried about violence at home or child abuse? Call Veilig Thuis: 0800-2000 (free)",
      error: "Sorry, something went wrong. Please try again later. Or call us on {phone}.",
      expired: "Your previous conversation is no longer available. You can start a new one.",
    },
  };

  var state = loadState();
  var lang = state.language || cfg.language;
  var busy = false;
  var events = null;
  var seen = {}; // seq numbers already shown: replies can arrive by fetch and by the event stream
  var lastSeq = 0;
  var ui = {};
  // On a multi-select screen these answers stand alone: choosing one sends it at once.
  var EXCLUSIVE = ["none", "declined"];

  function t(key, values) {
    var text = TEXT[lang][key];
    Object.keys(values || {}).forEach(function (name) {
      text = text.replace("{" + name + "}", values[name]);
    });
    return text;
  }

  function loadState() {
    try {
      return JSON.parse(sessionStorage.getItem(STORE)) || {};
    } catch (e) {
      return {};
    }
  }

  function saveState() {
    try {
      sessionStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) {
      /* private mode without storage: the conversation just does not survive a reload */
    }
  }

  /* Build an element; children are elements or strings (always inserted as text). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child) node.append(child);
    });
    return node;
  }

  function stylesheet(href) {
    return el("link", { rel: "stylesheet", href: BASE + href });
  }

  function build() {
    var host = el("div", { id: "gezinsintake-widget" });
    var root = host.attachShadow({ mode: "open" });
    root.append(
      stylesheet("/static/vendor/utrecht-tokens/theme.css"),
      stylesheet("/static/vendor/utrecht-components/index.css"),
      stylesheet("/static/widget.css")
    );
    ui.launcher = el("button", {
      type: "button",
      class: "launcher utrecht-button utrecht-button--primary-action",
      "aria-expanded": "false",
      "aria-controls": "gi-panel",
      onclick: openPanel,
    });
    ui.title = el("h2", { class: "title utrecht-heading-2", id: "gi-title" });
    ui.langButton = el("button", {
      type: "button",
      class: "utrecht-button utrecht-button--subtle",
      onclick: switchLanguage,
    });
    ui.closeButton = el("button", {
      type: "button",
      class: "close utrecht-button utrecht-button--subtle",
      onclick: closePanel,
    });
    ui.acute = el("section", { class: "acute", hidden: true, "aria-labelledby": "gi-acute" });
    ui.progress = el("div", { class: "progress", hidden: true });
    ui.intro = el("div", { class: "intro" });
    ui.log = el("ol", { class: "log" });
    ui.logRegion = el("div", { role: "log", "aria-live": "polite", id: "gi-log" }, [ui.log]);
    // The history scrolls: focusable, so it can be scrolled with the keyboard too.
    ui.body = el("div", { class: "body", role: "region", tabindex: "0" }, [
      ui.intro,
      ui.logRegion,
      ui.typing,
    ]);
    ui.typing = el("p", { class: "typing", hidden: true });
    ui.choices = el("div", { class: "choices", role: "group", hidden: true });
    ui.input = el("textarea", {
      id: "gi-input",
      class: "utrecht-textarea",
      rows: "2",
      "aria-describedby": "gi-hint",
      onkeydown: onKeyDown,
    });
    ui.inputLabel = el("label", { for: "gi-input", class: "visually-hidden" });
    ui.hint = el("p", { id: "gi-hint", class: "visually-hidden" });
    ui.send = el("button", { type: "submit", class: "utrecht-button utrecht-button--primary-action" });
    ui.form = el("form", { class: "composer", hidden: true, onsubmit: onSubmit }, [
      ui.inputLabel,
      ui.input,
      ui.hint,
      ui.send,
    ]);
    ui.person = el("button", {
      type: "button",
      class: "person utrecht-button utrecht-button--secondary-action",
      onclick: askForPerson,
    });
    ui.panel = el(
      "section",
      {
        id: "gi-panel",
        class: "panel utrecht-theme",
        hidden: true,
        "aria-labelledby": "gi-title",
        lang: lang,
        onkeydown: function (event) {
          if (event.key === "Escape") closePanel();
        },
      },
      [
        el("header", { class: "bar" }, [ui.title, ui.langButton, ui.closeButton]),
        ui.acute,
        ui.progress,
        ui.body,
        el("footer", { class: "foot" }, [ui.choices, ui.form, ui.person]),
      ]
    );
    root.append(ui.launcher, ui.panel);
    document.body.append(host);
    renderTexts();
  }

  /* (Re)write every fixed text in the current language. */
  function renderTexts() {
    ui.panel.setAttribute("lang", lang);
    ui.launcher.textContent = t("launcher");
    ui.title.textContent = t("title");
    ui.langButton.textContent = t("otherLanguage");
    ui.langButton.setAttribute("lang", t("otherLanguageCode"));
    ui.langButton.hidden = Boolean(state.id);
    ui.closeButton.textContent = "×";
    ui.closeButton.setAttribute("aria-label", t("close"));
    ui.logRegion.setAttribute("aria-label", t("log"));
    ui.body.setAttribute("aria-label", t("conversation"));
    ui.typing.textContent = t("typing");
    ui.choices.setAttribute("aria-label", t("choices"));
    ui.inputLabel.textContent = t("input");
    ui.hint.textContent = t("hint");
    ui.send.textContent = t("send");
    ui.person.textContent = t("person");
    ui.intro.replaceChildren(
      el("p", { class: "utrecht-paragraph", text: t("intro") }),
      el("button", {
        type: "button",
        class: "start utrecht-button utrecht-button--primary-action",
        text: t("start"),
        onclick: startConversation,
      })
    );
    if (!ui.acute.hidden) renderAcute(false);
  }

  function openPanel() {
    ui.panel.hidden = false;
    ui.launcher.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "true");
    state.open = true;
    saveState();
    var target = state.id ? ui.input : ui.intro.querySelector("button");
    target.focus();
  }

  function closePanel() {
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    saveState();
    ui.launcher.focus();
  }

  function switchLanguage() {
    lang = lang === "nl" ? "en" : "nl";
    state.language = lang;
    saveState();
    renderTexts();
    ui.langButton.focus();
  }

  function request(method, path, body) {
    var headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (state.token) headers.Authorization = "Bearer " + state.token;
    return fetch(API + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
    }).then(function (response) {
      if (!response.ok) {
        var error = new Error("HTTP " + response.status);
        error.status = response.status;
        throw error;
      }
      return response.status === 204 ? {} : response.json();
    });
  }

  function setBusy(value) {
    busy = value;
    ui.typing.hidden = !value;
    ui.send.disabled = value;
    ui.choices.querySelectorAll("button").forEach(function (b) {
      b.disabled = value;
    });
    updateContinue();
  }

  function showError() {
    appendMessage({ text: t("error", { phone: cfg.phone }), meta: { sender: "bot", kind: "error" } });
  }

  function startConversation() {
    if (busy) return;
    setBusy(true);
    request("POST", "", { channel: "web", language: lang })
      .then(function (data) {
        state.id = data.id;
        state.token = data.token;
        state.language = lang;
        saveState();
        showConversation();
        renderMessages(data.messages || []);
        listen();
      })
      .catch(showError)
      .finally(function () {
        setBusy(false);
        if (state.id) ui.input.focus();
      });
  }

  function showConversation() {
    ui.intro.hidden = true;
    ui.form.hidden = false;
    ui.langButton.hidden = true;
  }

  function send(body, shownText) {
    if (busy || !state.id) return;
    appendMessage({ text: shownText, meta: { sender: "user" } });
    clearChoices();
    setBusy(true);
    request("POST", "/" + encodeURIComponent(state.id) + "/messages", body)
      .then(function (data) {
        renderMessages(data.messages || []);
      })
      .catch(showError)
      .finally(function () {
        setBusy(false);
        ui.input.focus();
      });
  }

  function onSubmit(event) {
    event.preventDefault();
    var text = ui.input.value.trim();
    if (!text || busy) return;
    ui.input.value = "";
    send({ text: text }, text);
  }

  function onKeyDown(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ui.form.requestSubmit();
    }
  }

  function askForPerson() {
    if (!state.id) {
      startConversation();
      return;
    }
    setBusy(true);
    request("POST", "/" + encodeURIComponent(state.id) + "/handover", {})
      .then(function (data) {
        var messages = data.messages || [];
        if (!messages.length) messages = [{ text: t("personAsked"), meta: { kind: "handover" } }];
        renderMessages(messages);
      })
      .catch(showError)
      .finally(function () {
        setBusy(false);
        ui.input.focus();
      });
  }

  function renderMessages(messages) {
    messages.forEach(function (message) {
      appendMessage(message);
    });
    var last = messages[messages.length - 1];
    if (last) showChoices(last);
  }

  function senderOf(message) {
    return (message.meta && message.meta.sender) || message.sender || "bot";
  }

  /* False when this server message (by its seq) is already on screen. */
  function isNew(message) {
    if (typeof message.seq !== "number") return true;
    if (seen[message.seq]) return false;
    seen[message.seq] = true;
    lastSeq = Math.max(lastSeq, message.seq);
    return true;
  }

  function appendMessage(message) {
    if (!isNew(message)) return;
    var meta = message.meta || {};
    var sender = senderOf(message);
    var who = sender === "staff" ? "staff" : sender === "bot" ? "bot" : "user";
    var kind = meta.kind || "info";
    var label = who === "user" ? t("you") : who === "staff" ? t("staff") : t("bot");
    var item = el("li", { class: "message from-" + who + " kind-" + kind }, [
      el("span", { class: "sender", text: kind === "notice" ? t("notice") : label }),
      el("p", { class: "text", text: message.text || "" }),
    ]);
    ui.log.append(item);
    item.scrollIntoView({ block: "end" });
    if (meta.acute || kind === "acute_help") showAcute();
    if (meta.progress) showProgress(meta.progress);
  }

  function clearChoices() {
    ui.choices.replaceChildren();
    ui.choices.hidden = true;
    ui.choices.setAttribute("aria-label", t("choices"));
    ui.choices.removeAttribute("aria-describedby");
    ui.continueButton = null;
  }

  /* The options of a question as {value, title}: from its metadata, else from its buttons. */
  function optionsOf(message) {
    var meta = message.meta || {};
    var options = (meta.options || []).map(function (o) {
      return { value: o.value, title: o.label || o.title };
    });
    if (!options.length) {
      options = (message.buttons || []).map(function (b) {
        var chosen = /^\/choose\{"option": ?"([a-z0-9_]+)"\}$/.exec(b.payload || "");
        return { value: chosen && chosen[1], title: b.title };
      });
    }
    return options.filter(function (o) {
      return /^[a-z0-9_]+$/.test(o.value || "") && o.title;
    });
  }

  function choicePayload(values) {
    return '/choose{"option": "' + values.join(",") + '"}';
  }

  /* "Verder" sends the options pressed so far; it waits until at least one is pressed. */
  function updateContinue() {
    if (!ui.continueButton) return;
    ui.continueButton.disabled = busy || !ui.choices.querySelector('[aria-pressed="true"]');
  }

  function togglePressed(event) {
    var button = event.currentTarget;
    var pressed = button.getAttribute("aria-pressed") === "true";
    button.setAttribute("aria-pressed", pressed ? "false" : "true");
    updateContinue();
  }

  function sendPressed() {
    var pressed = Array.prototype.slice.call(ui.choices.querySelectorAll('[aria-pressed="true"]'));
    if (!pressed.length) return;
    var values = pressed.map(function (b) {
      return b.dataset.value;
    });
    var titles = pressed.map(function (b) {
      return b.textContent;
    });
    send({ payload: choicePayload(values) }, titles.join(", "));
  }

  /* A screen where several answers may be chosen (meta.multiple): toggle buttons and "Verder";
     "none" and "declined" send at once. Typing an answer instead stays possible. */
  function showMultipleChoices(options) {
    ui.choices.setAttribute("aria-label", t("choicesMultiple"));
    ui.choices.setAttribute("aria-describedby", "gi-multiple-hint");
    var toggles = options.filter(function (o) {
      return EXCLUSIVE.indexOf(o.value) < 0;
    });
    var alone = options.filter(function (o) {
      return EXCLUSIVE.indexOf(o.value) >= 0;
    });
    ui.continueButton = el("button", {
      type: "button",
      class: "continue utrecht-button utrecht-button--primary-action",
      text: t("continue"),
      onclick: sendPressed,
    });
    ui.choices.append(
      el("p", { id: "gi-multiple-hint", class: "choices-hint", text: t("multipleHint") }),
      el(
        "div",
        { class: "toggles" },
        toggles.map(function (o) {
          return el("button", {
            type: "button",
            class: "toggle utrecht-button utrecht-button--secondary-action",
            "aria-pressed": "false",
            "data-value": o.value,
            text: o.title,
            onclick: togglePressed,
          });
        })
      ),
      ui.continueButton,
      el(
        "div",
        { class: "alone" },
        alone.map(function (o) {
          return el("button", {
            type: "button",
            class: "utrecht-button utrecht-button--secondary-action",
            text: o.title,
            onclick: function () {
              send({ payload: choicePayload([o.value]) }, o.title);
            },
          });
        })
      )
    );
    ui.choices.hidden = false;
    updateContinue();
    // the choices take room from the history: keep the question itself in view
    if (ui.log.lastElementChild) ui.log.lastElementChild.scrollIntoView({ block: "end" });
  }

  /* Answer buttons belong to the newest bot message only; a notice always gets its button. */
  function showChoices(message) {
    clearChoices();
    var meta = message.meta || {};
    var options = meta.multiple ? optionsOf(message) : [];
    if (options.length) {
      showMultipleChoices(options);
      return;
    }
    var buttons = (message.buttons || []).map(function (b) {
      return { title: b.title, body: { payload: b.payload } };
    });
    if (!buttons.length && Array.isArray(meta.options)) {
      buttons = meta.options.map(function (option) {
        var title = typeof option === "string" ? option : option.title || option.label;
        var body = option.payload ? { payload: option.payload } : { text: title };
        return { title: title, body: body };
      });
    }
    if (!buttons.length && meta.kind === "notice") {
      buttons = [{ title: t("understood"), body: { text: t("understood") } }];
    }
    buttons.forEach(function (choice) {
      ui.choices.append(
        el("button", {
          type: "button",
          class: "utrecht-button utrecht-button--secondary-action",
          text: choice.title,
          onclick: function () {
            send(choice.body, choice.title);
          },
        })
      );
    });
    ui.choices.hidden = !buttons.length;
  }

  function showProgress(progress) {
    var bar = el("progress", { max: String(progress.total), value: String(progress.step) });
    bar.setAttribute("aria-hidden", "true");
    ui.progress.replaceChildren(
      el("span", { text: t("step", { step: progress.step, total: progress.total }) }),
      bar
    );
    ui.progress.hidden = false;
  }

  /* Once shown, the crisis numbers stay visible, also after a reload. */
  function showAcute() {
    var first = !state.acute;
    state.acute = true;
    saveState();
    renderAcute(first);
  }

  function renderAcute(announce) {
    function call(number, text) {
      return el("li", {}, [
        el("a", { class: "utrecht-link", href: "tel:" + number.replace(/\D/g, ""), text: text }),
      ]);
    }
    ui.acute.replaceChildren(
      el("h3", { id: "gi-acute", class: "utrecht-heading-3", text: t("acuteTitle") }),
      el("ul", {}, [
        call("112", t("acute112")),
        call("113", t("acute113")),
        call("0800-2000", t("acuteVT")),
      ])
    );
    if (announce) ui.acute.setAttribute("role", "alert");
    ui.acute.hidden = false;
  }

  /* Messages typed by a KCC employee who took over the chat arrive as server-sent events. */
  function listen() {
    if (events || !state.id || !window.EventSource) return;
    var url =
      API +
      "/" +
      encodeURIComponent(state.id) +
      "/events?token=" +
      encodeURIComponent(state.token) +
      "&after=" +
      lastSeq;
    events = new EventSource(url);
    events.onmessage = function (event) {
      try {
        var message = JSON.parse(event.data);
        message.meta = message.meta || {};
        message.meta.sender = message.meta.sender || "staff";
        if (message.meta.sender === "user") isNew(message); // shown already, when it was typed
        else renderMessages([message]); // appendMessage skips what a fetch already showed
      } catch (e) {
        /* ignore keep-alive or malformed events */
      }
    };
  }

  function restore() {
    showConversation();
    setBusy(true);
    request("GET", "/" + encodeURIComponent(state.id))
      .then(function (data) {
        var transcript = data.transcript || [];
        transcript.forEach(function (entry) {
          var meta = Object.assign({}, entry.meta || {}, { sender: entry.sender });
          appendMessage({ seq: entry.seq, text: entry.text, meta: meta });
        });
        var last = transcript[transcript.length - 1];
        if (last && last.sender !== "user" && last.sender !== "parent") {
          showChoices({ buttons: last.buttons || [], meta: last.meta || {} });
        }
        listen();
      })
      .catch(function (error) {
        if (error.status === 401 || error.status === 403 || error.status === 404) {
          state = { language: lang, open: state.open };
          saveState();
          ui.form.hidden = true;
          ui.intro.hidden = false;
          ui.langButton.hidden = false;
          appendMessage({ text: t("expired"), meta: { sender: "bot" } });
        } else {
          showError();
        }
      })
      .finally(function () {
        setBusy(false);
      });
  }

  function init() {
    build();
    if (state.acute) renderAcute(false);
    if (state.id) restore();
    if (state.open || cfg.open) openPanel();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
