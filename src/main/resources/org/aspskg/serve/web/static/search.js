// Term search with autocomplete (ARIA combobox): asks /api/search as the user types; arrow keys move
// through the suggestions, Enter opens one, Escape closes the list. Without JavaScript the form
// submits to /search. window.aspsAutocomplete is reused by the differential form.
(function () {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function autocomplete(input, list, options) {
    var opts = options || {};
    var active = -1, items = [], timer = null, seq = 0;

    function close() {
      list.hidden = true;
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
      items = [];
    }

    function highlight(i) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (o) { o.setAttribute("aria-selected", "false"); });
      active = i;
      if (i >= 0 && options[i]) {
        options[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      }
    }

    function render(docs) {
      list.textContent = "";
      items = docs;
      if (!docs.length) {
        var none = el("li", "group", "no term matches");
        none.setAttribute("role", "presentation");
        list.appendChild(none);
      }
      var lastFacet = null;
      docs.forEach(function (d, i) {
        if (opts.grouped && d.facet !== lastFacet) {
          var g = el("li", "group", d.facet);
          g.setAttribute("role", "presentation");
          list.appendChild(g);
          lastFacet = d.facet;
        }
        var li = el("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.index = i;
        li.appendChild(el("span", "label", d.label));
        if (d.curie) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", "curie", d.curie)); }
        if (!opts.grouped && d.facet) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", "facet", d.facet)); }
        if (d.matched_name && d.matched_name !== d.label) {
          li.appendChild(el("span", "matched", d.match_type + ": " + d.matched_name));
        }
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function pick(i) {
      var d = items[i];
      if (!d) return;
      close();
      (opts.onPick || function (doc) { window.location.href = doc.page; })(d, input);
    }

    function lookup() {
      var q = input.value.trim();
      if (!q) { close(); return; }
      var mine = ++seq;
      var url = "/api/search?rows=" + (opts.rows || 10) + "&q=" + encodeURIComponent(q);
      if (opts.facets) url += "&facet=" + encodeURIComponent(opts.facets.join(","));
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (j) { if (mine === seq && input.value.trim() === q) render(j.docs || []); })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 80);
    });
    input.addEventListener("keydown", function (ev) {
      var n = items.length;
      if (ev.key === "ArrowDown" && n) { ev.preventDefault(); highlight((active + 1) % n); }
      else if (ev.key === "ArrowUp" && n) { ev.preventDefault(); highlight((active - 1 + n) % n); }
      else if (ev.key === "Enter" && !list.hidden && n) {
        ev.preventDefault();
        pick(active >= 0 ? active : 0);
      } else if (ev.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    return { close: close };
  }

  window.aspsAutocomplete = autocomplete;
  var box = document.getElementById("term-search");
  if (box) autocomplete(box, document.getElementById("term-search-list"));
})();
