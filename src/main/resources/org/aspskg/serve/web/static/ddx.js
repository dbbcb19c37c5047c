// The differential diagnosis form: findings picked from the search API's suggestions, the case sent
// as JSON to POST /asps/ddx, the ranking drawn as bars of post-test probability with the evidence for
// and against each hypothesis. The page's address carries the case (age, sex, f=present, a=absent),
// so it is the permalink; opening it ranks the case again. Where the server allows writes, the page
// has a "store" box: the case is then posted with ?store=true (the browser asks for the login) and the
// stored case's page is linked; a permalink never stores.
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var FACETS = ["finding", "anatomical site", "demographic group"];
  var form = document.getElementById("ddx-form");
  if (!form) return;
  var state = { f: [], a: [] };
  var lists = { f: document.getElementById("present-list"), a: document.getElementById("absent-list") };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function drawChips(kind) {
    var ul = lists[kind];
    ul.textContent = "";
    state[kind].forEach(function (name, i) {
      var li = el("li");
      li.appendChild(el("span", null, name));
      var x = el("button", null, "×");
      x.type = "button";
      x.setAttribute("aria-label", "remove " + name);
      x.addEventListener("click", function () { state[kind].splice(i, 1); drawChips(kind); });
      li.appendChild(x);
      ul.appendChild(li);
    });
  }

  function add(kind, name) {
    name = name.trim();
    if (name && state[kind].indexOf(name) < 0) state[kind].push(name);
    drawChips(kind);
  }

  [["f", "present"], ["a", "absent"]].forEach(function (pair) {
    var input = document.getElementById(pair[1]);
    window.aspsAutocomplete(input, document.getElementById(pair[1] + "-suggestions"), {
      facets: FACETS,
      grouped: true,
      rows: 12,
      onPick: function (doc) { add(pair[0], doc.label); input.value = ""; input.focus(); }
    });
  });

  function params() {
    var p = new URLSearchParams();
    var age = document.getElementById("age").value.trim();
    var sex = document.getElementById("sex").value;
    if (age) p.set("age", age);
    if (sex) p.set("sex", sex);
    state.f.forEach(function (n) { p.append("f", n); });
    state.a.forEach(function (n) { p.append("a", n); });
    var text = document.getElementById("text").value.trim();
    if (text) p.set("t", text);
    return p;
  }

  function percent(p) {
    if (p >= 0.9999) return (100 * p).toFixed(4) + "%";
    if (p < 0.0001) return "<0.01%";
    return (100 * p).toFixed(p < 0.01 ? 2 : 1) + "%";
  }

  function evidenceList(title, items) {
    var box = el("div");
    box.appendChild(el("h4", null, title + " (" + items.length + ")"));
    if (!items.length) { box.appendChild(el("p", "note", "none")); return box; }
    var ul = el("ul");
    items.forEach(function (e) {
      var li = el("li");
      li.appendChild(el("span", null, e.feature + (e.status === "absent" ? " (absent)" : "")));
      li.appendChild(document.createTextNode(" — LR " + Number(e.likelihoodRatio).toPrecision(3)));
      var note = [];
      if (e.basis) note.push(e.basis);
      if (e.references && e.references.length) note.push("ref. " + e.references.join(", "));
      if (note.length) li.appendChild(el("span", "refs", " (" + note.join("; ") + ")"));
      if (e.association) {
        li.appendChild(document.createTextNode(" "));
        var a = el("a", null, "statement");
        a.href = e.association.replace("https://w3id.org/asps-kg/", "/asps-kg/");
        li.appendChild(a);
      }
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  function renderReading(reading) {
    var box = document.getElementById("reading");
    box.textContent = "";
    if (!reading || !reading.length) return;
    box.appendChild(el("h3", null, "How the text was read"));
    var ul = el("ul", "reading");
    reading.forEach(function (r) {
      var li = el("li");
      li.appendChild(el("q", null, r.written));
      if (r.outcome === "term") {
        li.appendChild(document.createTextNode(" → " + r.label + (r.status === "absent" ? " (absent)" : "")));
        li.appendChild(el("span", "note", " " + r.match));
      } else {
        li.appendChild(el("span", "note", " not recognised"));
      }
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function render(j) {
    renderReading(j["case"] && j["case"].reading);
    var out = document.getElementById("ranking");
    out.textContent = "";
    (j.hypotheses || []).forEach(function (h) {
      var card = el("article", "hypothesis");
      card.setAttribute("aria-label", "rank " + h.rank + ": " + h.diagnosis);
      var title = el("h3");
      title.appendChild(document.createTextNode(h.rank + ". "));
      var link = el("a", null, h.diagnosis);
      link.href = h.iri.replace("https://w3id.org/asps-kg/", "/asps-kg/");
      title.appendChild(link);
      card.appendChild(title);
      var line = el("div", "barline");
      var bar = el("div", "bar");
      bar.setAttribute("role", "img");
      bar.setAttribute("aria-label", "post-test probability " + percent(h.postTestProbability));
      var fill = el("span");
      fill.style.width = Math.max(0.5, 100 * h.postTestProbability) + "%";
      bar.appendChild(fill);
      line.appendChild(bar);
      line.appendChild(el("span", "prob", percent(h.postTestProbability)));
      card.appendChild(line);
      card.appendChild(el("p", "note", "likelihood ratio " + Number(h.likelihoodRatio).toPrecision(3) + " against the other hypotheses"));
      if (h.excluded) {
        card.classList.add("excluded");
        var why = el("div", "exclusion");
        why.appendChild(el("h4", null, "Excluded"));
        var reasons = el("ul");
        (h.exclusion || []).forEach(function (x) {
          var li = el("li", null, "every case of " + h.diagnosis + " " + x.everyCase + ": " + x.feature);
          (x.justification || []).forEach(function (a) { li.appendChild(el("span", "refs", " · " + a.axiom)); });
          reasons.appendChild(li);
        });
        why.appendChild(reasons);
        card.appendChild(why);
      }
      var ev = el("div", "evidence");
      ev.appendChild(evidenceList("Supporting", h.supporting || []));
      ev.appendChild(evidenceList("Opposing", h.opposing || []));
      card.appendChild(ev);
      out.appendChild(card);
    });
    // from the ranking's JSON where it carries them: excluded hypotheses and the next findings worth checking
    var next = j.nextFindings || [];
    if (next.length) {
      var box = el("section", "next");
      box.appendChild(el("h3", null, "Next findings worth checking"));
      var list = el("ol");
      next.slice(0, 3).forEach(function (n) { list.appendChild(el("li", null, n.text || n.feature)); });
      box.appendChild(list);
      out.insertBefore(box, out.firstChild);
    }
    if (j.unexplainedFindings && j.unexplainedFindings.length) {
      out.appendChild(el("p", "note", "Findings no hypothesis explains: " + j.unexplainedFindings.map(function (u) { return u.label || u.written || u; }).join(", ")));
    }
  }

  function rank() {
    var p = params();
    var body = { findings: state.f.slice(), absent: state.a.slice() };
    if (p.get("age")) body.age = Number(p.get("age"));
    if (p.get("sex")) body.sex = p.get("sex");
    if (p.get("t")) body.text = p.get("t");
    var link = document.getElementById("permalink");
    link.href = location.pathname + "?" + p.toString();
    link.hidden = false;
    history.replaceState(null, "", link.href);
    var section = document.getElementById("result");
    section.hidden = false;
    var out = document.getElementById("ranking");
    out.textContent = "Ranking…";
    var storeBox = document.getElementById("store");
    var storing = !!(storeBox && storeBox.checked);
    var stored = document.getElementById("stored");
    if (stored) stored.remove();
    // a stored case gets an id of its own (a case without one is "request", which the next would replace)
    if (storing) body.id = "form-" + new Date().toISOString().replace(/[^0-9]/g, "").slice(0, 14) + "-" + Math.random().toString(36).slice(2, 8);
    fetch("/asps/ddx?pretty=false" + (storing ? "&store=true" : ""), { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) })
      .then(function (r) {
        if (r.status === 401) return { ok: false, j: { error: "not stored: this server stores cases only for a user of its password file, and no login was given" } };
        return r.json().then(function (j) { return { ok: r.ok, j: j }; });
      })
      .then(function (res) {
        if (res.ok) {
          render(res.j);
          if (storing && res.j["case"] && res.j["case"].iri) {
            var p = el("p", "stored");
            p.id = "stored";
            p.appendChild(document.createTextNode("Stored in the cases graph: "));
            var a = el("a", null, res.j["case"].id || res.j["case"].iri);
            a.href = res.j["case"].iri.replace("https://w3id.org/asps-kg/", "/asps-kg/");
            p.appendChild(a);
            out.insertBefore(p, out.firstChild);
          }
          return;
        }
        document.getElementById("reading").textContent = "";
        out.textContent = "";
        out.appendChild(el("p", "error", res.j.error || res.j.message || "the case was refused"));
      })
      .catch(function (e) { out.textContent = ""; out.appendChild(el("p", "error", "no answer from the server: " + e)); });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    ["present", "absent"].forEach(function (id, k) {
      var v = document.getElementById(id).value.trim();
      if (v) { add(k === 0 ? "f" : "a", v); document.getElementById(id).value = ""; }
    });
    rank();
  });

  var start = new URLSearchParams(location.search);
  if (start.get("age")) document.getElementById("age").value = start.get("age");
  if (start.get("sex")) document.getElementById("sex").value = start.get("sex");
  start.getAll("f").forEach(function (n) { add("f", n); });
  start.getAll("a").forEach(function (n) { add("a", n); });
  if (start.get("t")) document.getElementById("text").value = start.get("t");
  if (state.f.length || state.a.length || start.get("age") || start.get("t")) rank();
});
