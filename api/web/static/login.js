// Staff login: posts the form as JSON, the API sets the HttpOnly session cookie.
const form = document.getElementById("login-form");
const error = document.getElementById("login-error");

/** Only paths on this site: an open redirect to another site is never followed. */
function nextPage() {
  const next = new URLSearchParams(location.search).get("next") || "";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/console";
}

function showError(text, field) {
  error.textContent = text;
  error.hidden = false;
  for (const input of form.querySelectorAll("input")) input.removeAttribute("aria-invalid");
  if (field) {
    field.setAttribute("aria-invalid", "true");
    field.focus();
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username) return showError("Vul uw gebruikersnaam in.", form.username);
  if (!password) return showError("Vul uw wachtwoord in.", form.password);
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const response = await fetch("/api/v1/auth/login", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (response.ok) {
      location.assign(nextPage());
      return;
    }
    if (response.status === 429) showError("Te veel pogingen. Wacht even en probeer het opnieuw.");
    else showError("Gebruikersnaam of wachtwoord klopt niet.", form.password);
  } catch {
    showError("Inloggen lukt nu niet. Probeer het later opnieuw.");
  } finally {
    button.disabled = false;
  }
});
