// A "Chart" view for the SPARQL console's results (YASR has a table but no chart): Chart.js, served from
// this server (/static/vendor/chartjs/, copied into the jar from the npm package at build time), draws
// a SELECT result's numeric columns as bars, lines or a pie, one category per row, labelled by a text
// column (first the first text column, first the first column bound in every row; both can be changed).
// Offered only when some column holds numbers in every row that binds it.
(function () {
  "use strict";
  if (!window.Yasgui || !window.Chart) return;

  var NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|nonPositiveInteger|negativeInteger|unsignedLong|unsignedInt|unsignedShort|unsignedByte)$/;
  var MAX_ROWS = 500;
  var TYPES = [["bar", "Bars"], ["line", "Line"], ["pie", "Pie"]];

  function isNumber(term) {
    return !!term && term.type !== "uri" && term.type !== "bnode"
      && (NUMERIC.test(term.datatype || "") || (!term.datatype && !term["xml:lang"] && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(term.value)));
  }

  // the columns that hold a number in every row that binds them (and are bound at least once)
  function columns(results) {
    var vars = results.getVariables();
    var rows = results.getBindings();
    var numeric = vars.filter(function (v) {
      var bound = rows.filter(function (r) { return r[v]; });
      return bound.length > 0 && bound.every(function (r) { return isNumber(r[v]); });
    });
    // columns bound in every row first (a count rather than an optional number), each group in query order
    function full(v) { return rows.every(function (r) { return r[v]; }); }
    var ordered = numeric.filter(full).concat(numeric.filter(function (v) { return !full(v); }));
    return { numeric: ordered, labels: vars.filter(function (v) { return numeric.indexOf(v) < 0; }) };
  }

  function shortName(term, prefixes) {
    if (!term) return "";
    if (term.type !== "uri") return term.value;
    for (var p in prefixes) {
      if (prefixes[p] && term.value.indexOf(prefixes[p]) === 0) return p + ":" + term.value.substring(prefixes[p].length);
    }
    return term.value;
  }

  // the category axis' tick: the label cut to 60 characters (the tooltip shows it whole)
  function clipped(value) {
    var label = String(this.getLabelForValue(value));
    return label.length > 60 ? label.substring(0, 59) + "\u2026" : label;
  }

  function select(id, label, options, value, onChange) {
    var wrap = document.createElement("label");
    wrap.className = "chart-control";
    wrap.htmlFor = id;
    wrap.textContent = label + " ";
    var s = document.createElement("select");
    s.id = id;
    options.forEach(function (o) {
      var opt = document.createElement("option");
      opt.value = o[0];
      opt.textContent = o[1];
      s.appendChild(opt);
    });
    s.value = value;
    s.addEventListener("change", function () { onChange(s.value); });
    var span = document.createElement("span");
    span.appendChild(wrap);
    span.appendChild(s);
    return span;
  }

  function ChartPlugin(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = "Chart";
    this.chart = null;
    this.settings = { type: "bar", value: "", label: "" };
  }

  ChartPlugin.prototype.canHandleResults = function () {
    var r = this.yasr.results;
    if (!r || r.hasError() || !r.getVariables || r.getVariables().length === 0) return false;
    var rows = r.getBindings && r.getBindings();
    return !!rows && rows.length > 0 && columns(r).numeric.length > 0;
  };

  ChartPlugin.prototype.getIcon = function () {
    var icon = document.createElement("div");
    icon.setAttribute("aria-hidden", "true");
    icon.innerHTML = '<svg viewBox="0 0 16 16" width="16" height="16"><rect x="1" y="8" width="3" height="7"/>'
      + '<rect x="6" y="3" width="3" height="12"/><rect x="11" y="6" width="3" height="9"/></svg>';
    return icon;
  };

  ChartPlugin.prototype.destroy = function () {
    if (this.chart) this.chart.destroy();
    this.chart = null;
  };

  ChartPlugin.prototype.draw = function () {
    var self = this;
    var results = this.yasr.results;
    var cols = columns(results);
    var s = this.settings;
    if (cols.numeric.indexOf(s.value) < 0) s.value = cols.numeric[0];
    if (cols.labels.indexOf(s.label) < 0) s.label = cols.labels.length ? cols.labels[0] : "";
    var rows = results.getBindings();
    var shown = rows.slice(0, MAX_ROWS);
    var prefixes = (this.yasr.getPrefixes && this.yasr.getPrefixes()) || this.yasr.config.prefixes || {};

    this.destroy();
    var el = this.yasr.resultsEl;
    el.innerHTML = "";
    var box = document.createElement("div");
    box.className = "results-chart";
    var controls = document.createElement("div");
    controls.className = "chart-controls";
    controls.appendChild(select("chart-value", "Value", cols.numeric.map(function (v) { return [v, "?" + v]; }), s.value,
      function (v) { s.value = v; self.draw(); }));
    controls.appendChild(select("chart-label", "Label",
      [["", "row number"]].concat(cols.labels.map(function (v) { return [v, "?" + v]; })), s.label,
      function (v) { s.label = v; self.draw(); }));
    controls.appendChild(select("chart-type", "Chart", TYPES, s.type, function (v) { s.type = v; self.draw(); }));
    box.appendChild(controls);
    if (rows.length > shown.length) {
      var note = document.createElement("p");
      note.className = "chart-note";
      note.textContent = "The first " + shown.length + " of " + rows.length + " rows.";
      box.appendChild(note);
    }

    var labels = shown.map(function (r, i) {
      return s.label ? shortName(r[s.label], prefixes) : String(i + 1);
    });
    var values = shown.map(function (r) { return r[s.value] ? Number(r[s.value].value) : null; });
    var horizontal = s.type === "bar";
    var frame = document.createElement("div");
    frame.className = "chart-frame";
    // bars run across, one line of text each, so long labels stay readable
    frame.style.height = (horizontal ? Math.max(240, 22 * shown.length + 60) : 420) + "px";
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", "Chart of ?" + s.value + (s.label ? " by ?" + s.label : "") + ", "
      + shown.length + " rows; the table view shows the same values");
    frame.appendChild(canvas);
    box.appendChild(frame);
    el.appendChild(box);

    this.chart = new window.Chart(canvas, {
      type: s.type,
      data: { labels: labels, datasets: [{ label: "?" + s.value, data: values, borderWidth: 1 }] },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: s.type === "pie" } },
        scales: s.type === "pie" ? {} : {
          x: horizontal ? { beginAtZero: true } : { ticks: { callback: clipped } },
          y: horizontal ? { ticks: { callback: clipped } } : { beginAtZero: true }
        }
      }
    });
  };

  window.Yasgui.Yasr.registerPlugin("chart", ChartPlugin);
})();
