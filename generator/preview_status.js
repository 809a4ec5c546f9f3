// What `offre serve` says of the content, at the foot of a preview page and of the
// editor: served at /.offre-status.js (its words in the team's language). Each second
// it asks /.offre-status. After a good rebuild a preview page reloads itself (the
// script tag says data-reload); the editor does not, it would lose what is being typed.
// After a bad one, the problems are shown (an alert, orange); the preview still shows
// the last good site. The last good build's warnings ("À vérifier": a translation
// behind, a link with no address) are shown apart (blue, a status, folded to one line
// until opened; opened or not is remembered across reloads): they never stop anything.
// The site is served before the brochures (PDF) are made: while they are, a line says
// so; when they are ready it says that for a few seconds (a status, read out politely).
// Everything is shown as text, never as markup, and redrawn only when it changed, so a
// screen reader is not told the same thing every second.
(function () {
  var reload = document.currentScript.hasAttribute('data-reload');
  var words = __WORDS__;
  var version = null;
  var bar = null;
  var shown = { problems: null, warnings: null, brochures: null };
  var parts = { problems: null, warnings: null, brochures: null };
  var brochures = null;  // what the last answer said of them: "making", "ready" or null
  var readyUntil = 0;  // "ready" is said until then
  var remembered = 'offre-preview-warnings-open';

  function container() {
    if (!bar) {
      bar = document.createElement('div');
      bar.className = 'offre-preview-bar';
      bar.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:100000;'
        + 'font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;max-height:45vh;overflow:auto';
      document.body.appendChild(bar);
    }
    return bar;
  }
  function list(lines) {
    var items = document.createElement('ul');
    items.style.margin = '.25rem 0 0';
    lines.forEach(function (line) {
      var item = document.createElement('li');
      item.style.overflowWrap = 'anywhere';  // a long path breaks rather than runs off a phone's screen
      item.style.whiteSpace = 'pre-line';  // a warning's second line (what to do) on its own line, as in the terminal
      item.textContent = line;
      items.appendChild(item);
    });
    return items;
  }
  function part(className, role, css) {
    var box = document.createElement('div');
    box.className = className;
    box.setAttribute('role', role);
    box.style.cssText = css;
    return box;
  }
  function problemsPart(problems) {
    var box = part('offre-preview-status', 'alert', 'background:#fff4e5;border-top:4px solid #b35900;padding:.75rem 1rem');
    var heading = document.createElement('strong');
    heading.style.display = 'block';
    heading.textContent = words.problems;
    box.append(heading, list(problems));
    return box;
  }
  function warningsPart(warnings) {
    var box = part('offre-preview-warnings', 'status', 'background:#eef4fb;border-top:4px solid #095797;padding:.4rem 1rem');
    var details = document.createElement('details');
    var summary = document.createElement('summary');
    summary.style.cssText = 'cursor:pointer;font-weight:600';
    summary.textContent = words.warnings.replace('{count}', String(warnings.length));
    var note = document.createElement('p');
    note.style.margin = '.25rem 0 0';
    note.textContent = words.warnings_note;
    details.append(summary, note, list(warnings));
    try { details.open = sessionStorage.getItem(remembered) === '1'; } catch (error) {}
    details.addEventListener('toggle', function () {
      try { sessionStorage.setItem(remembered, details.open ? '1' : '0'); } catch (error) {}
      if (reload && bar) document.body.style.paddingBottom = bar.offsetHeight + 'px';
    });
    box.appendChild(details);
    return box;
  }
  function brochuresPart(lines) {
    var box = part('offre-preview-brochures', 'status', 'background:#f1f1f1;border-top:4px solid #6b6b6b;padding:.4rem 1rem');
    box.textContent = lines[0];
    return box;
  }
  function brochureLines(now) {
    if (now === 'making') return [words.brochures_making];
    if (now === 'ready' && Date.now() < readyUntil) return [words.brochures_ready];
    return [];
  }
  function show(name, lines, make) {
    var key = JSON.stringify(lines);
    if (key === shown[name]) return;
    shown[name] = key;
    if (parts[name]) { parts[name].remove(); parts[name] = null; }
    if (lines.length) {
      parts[name] = make(lines);
      var holder = container();
      if (name === 'problems' || (name === 'brochures' && !parts.problems)) {
        holder.insertBefore(parts[name], holder.firstChild);
      }
      else holder.appendChild(parts[name]);
    }
    if (bar && !bar.firstChild) { bar.remove(); bar = null; }
    // On a preview page, room at the foot so the bar never hides the page's end.
    if (reload) document.body.style.paddingBottom = bar ? bar.offsetHeight + 'px' : '';
  }
  function poll() {
    fetch('/.offre-status', { cache: 'no-store' })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (reload && version !== null && status.version !== version) { location.reload(); return; }
        version = status.version;
        show('problems', status.problems || [], problemsPart);
        show('warnings', status.warnings || [], warningsPart);
        if (status.brochures === 'ready' && brochures === 'making') readyUntil = Date.now() + 6000;
        brochures = status.brochures;
        show('brochures', brochureLines(brochures), brochuresPart);
      })
      .catch(function () {});
  }
  poll();
  setInterval(poll, 1000);
})();
