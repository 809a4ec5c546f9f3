// What `offre serve` says of the content, at the foot of a preview page and of the
// editor: served at /.offre-status.js (its title in the team's language). Each second
// it asks /.offre-status. After a good rebuild a preview page reloads itself (the
// script tag says data-reload); the editor does not, it would lose what is being typed.
// After a bad one, the problems are shown as text, never as markup; the preview still
// shows the last good site.
(function () {
  var reload = document.currentScript.hasAttribute('data-reload');
  var title = __TITLE__;
  var version = null;
  var box = null;
  function show(problems) {
    if (!problems.length) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement('div');
      box.className = 'offre-preview-status';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:100000;background:#fff4e5;'
        + 'color:#1a1a1a;border-top:4px solid #b35900;padding:.75rem 1rem;'
        + 'font:15px/1.5 system-ui,sans-serif;max-height:40vh;overflow:auto';
      document.body.appendChild(box);
    }
    var heading = document.createElement('strong');
    heading.style.display = 'block';
    heading.textContent = title;
    var list = document.createElement('ul');
    list.style.margin = '.25rem 0 0';
    problems.forEach(function (problem) {
      var item = document.createElement('li');
      item.textContent = problem;
      list.appendChild(item);
    });
    box.replaceChildren(heading, list);
  }
  function poll() {
    fetch('/.offre-status', { cache: 'no-store' })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (reload && version !== null && status.version !== version) { location.reload(); return; }
        version = status.version;
        show(status.problems);
      })
      .catch(function () {});
  }
  poll();
  setInterval(poll, 1000);
})();
