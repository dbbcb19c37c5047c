// The SPARQL console: YASGUI on this server's endpoint only (no endpoint catalogue of other hosts, no
// prefix.cc or LOV look-ups: prefixes come from YASGUI's bundled list, classes and properties from this
// server's search API), the query library as the examples menu, and ?query=… links that run on opening.
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var host = document.getElementById("yasgui");
  if (!host || !window.Yasgui) return;
  var endpoint = location.origin + host.dataset.endpoint;
  var NS = "https://w3id.org/asps-kg/";

  // class and property completion from this server, never from LOV
  function localTerms(yasqe, token) {
    var typed = (token.autocompletionString || "").replace(/^</, "");
    if (typed.indexOf(NS) === 0) typed = "aspskg:" + typed.substring(NS.length);
    if (typed.length < 2) return Promise.resolve([]);
    return fetch("/api/search?rows=30&q=" + encodeURIComponent(typed))
      .then(function (r) { return r.json(); })
      .then(function (j) { return (j.docs || []).map(function (d) { return d.iri; }); });
  }
  Yasgui.Yasqe.forkAutocompleter("class", { name: "aspsClass", get: localTerms, persistenceId: null });
  Yasgui.Yasqe.forkAutocompleter("property", { name: "aspsProperty", get: localTerms, persistenceId: null });

  var params = new URLSearchParams(location.search);
  var yasgui = new Yasgui(host, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    populateFromUrl: false,
    persistenceId: null,
    autofocus: false,
    yasqe: {
      autocompleters: ["prefixes", "variables", "aspsClass", "aspsProperty"],
      prefixCcApi: null,
      createShortLink: undefined,
      resizeable: true,
      editorHeight: "300px"
    },
    // the table, then the chart view of yasr-chart.js (offered when a column holds numbers)
    yasr: {
      prefixes: { aspskg: NS, fact: NS + "fact/", src: NS + "source/" },
      pluginOrder: ["table", "chart", "response"]
    }
  });
  window.aspsYasgui = yasgui; // for the browser tests
  var tab = yasgui.getTab();
  tab.setEndpoint(endpoint);

  var library = {};
  fetch("/api/queries").then(function (r) { return r.json(); }).then(function (j) {
    j.groups.forEach(function (g) { g.queries.forEach(function (q) { library[q.id] = q; }); });
    var wanted = params.get("example");
    if (wanted && library[wanted]) choose(wanted);
  });

  var menu = document.getElementById("examples");
  var question = document.getElementById("example-question");
  var current = null;
  function choose(id) {
    var q = library[id];
    if (!q) return;
    current = id;
    menu.value = id;
    question.textContent = q.question + (q.returns ? " Returns: " + q.returns : "");
    tab.setQuery(q.query);
    tab.query();
  }
  menu.addEventListener("change", function () { if (menu.value) choose(menu.value); });

  if (params.get("query")) {
    tab.setQuery(params.get("query"));
    tab.query();
  }
  // a shareable link to the query in the editor, runnable by opening it
  yasgui.on("query", function (instance, t) {
    var example = current && library[current] && t.getQuery() === library[current].query;
    history.replaceState(null, "", location.pathname
      + (example ? "?example=" + encodeURIComponent(current) : "?query=" + encodeURIComponent(t.getQuery())));
  });
});
