/* A request form's page (generator/site/templates/form.md.j2): check the answers, name
   each error beside its question, then prepare the e-mail to the team with every answer
   and open the person's mail program. The same text is shown to copy or print, for a
   browser with no mail program. Nothing is sent anywhere by this script: the only way
   out is the person's own mail program. Every text is read and written as text. */
(function () {
  "use strict";
  var form = document.getElementById("offre-form");
  if (!form) { return; }
  var words = form.dataset;
  var fields = Array.prototype.slice.call(form.querySelectorAll(".offre-field"));
  var summary = document.getElementById("offre-form-errors");
  var ready = document.getElementById("offre-form-ready");
  var output = document.getElementById("offre-form-text");
  var status = document.getElementById("offre-form-status");
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

  function inputs(field) {
    return Array.prototype.slice.call(field.querySelectorAll("input, textarea"));
  }

  function answer(field) {
    if (field.dataset.kind === "choice" || field.dataset.kind === "choices") {
      return inputs(field).filter(function (box) { return box.checked; })
        .map(function (box) { return box.value; }).join(", ");
    }
    return inputs(field)[0].value.trim();
  }

  function problem(field, value) {
    if (!value) { return field.dataset.required ? words.errorRequired : ""; }
    if (field.dataset.kind === "email" && !EMAIL.test(value)) { return words.errorEmail; }
    if (field.dataset.kind === "phone" && value.replace(/\D/g, "").replace(/^1/, "").length < 10) {
      return words.errorPhone;
    }
    return "";
  }

  function show(field, message) {
    var error = field.querySelector(".offre-field__error");
    error.textContent = message;
    error.hidden = !message;
    field.classList.toggle("offre-field--invalid", Boolean(message));
    inputs(field).forEach(function (input) {
      if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    });
  }

  /* "Votre nom : ", but "Pour qui ? " for a question: a label ending in "?" or ":" takes no colon. */
  function named(label) {
    return /[?:]$/.test(label) ? label + " " : label + words.separator;
  }

  function text() {
    var lines = [words.subject, ""];
    fields.forEach(function (field) {
      lines.push(named(field.dataset.label) + (answer(field) || words.noAnswer).replace(/\r?\n/g, "\r\n"));
    });
    return lines.join("\r\n");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var list = summary.querySelector("ul");
    list.textContent = "";
    var first = null;
    fields.forEach(function (field) {
      var message = problem(field, answer(field));
      show(field, message);
      if (message) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        var target = inputs(field)[0];
        link.href = "#" + target.id;
        link.textContent = named(field.dataset.label) + message;
        link.addEventListener("click", function (click) { click.preventDefault(); target.focus(); });
        item.appendChild(link);
        list.appendChild(item);
        first = first || field;
      }
    });
    summary.hidden = !first;
    if (first) { summary.focus(); return; }
    var body = text();
    var address = "mailto:" + words.sendTo + "?subject=" + encodeURIComponent(words.subject) +
      "&body=" + encodeURIComponent(body);
    output.textContent = body;
    document.getElementById("offre-form-mail").href = address;
    ready.hidden = false;
    ready.querySelector("h2").setAttribute("tabindex", "-1");
    ready.querySelector("h2").focus();
    window.location.href = address;
  });

  document.getElementById("offre-form-copy").addEventListener("click", function () {
    var done = function () { status.textContent = words.copied; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(output.textContent).then(done, function () { select(); });
    } else { select(); }
  });

  function select() {
    var range = document.createRange();
    range.selectNodeContents(output);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.getElementById("offre-form-print").addEventListener("click", function () {
    document.body.classList.add("offre-printing-request");
    window.print();
    document.body.classList.remove("offre-printing-request");
  });
}());
