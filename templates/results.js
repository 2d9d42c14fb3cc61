// The results page's script: filters (year, region, my hospital, three years), a Vega-Lite chart and a
// sortable table per indicator, and CSV download of what is shown. Reads the JSON in #data only.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('data').textContent);
  var T = data.text;
  // Numbers as the report prints them (src/print/i18n.ts NumberFormat): Intl's digits with the report's
  // thousands separator (a thin space in nb and sv) and a true minus, taken from the chart locale.
  function typeset(options) {
    var fmt = new Intl.NumberFormat(data.locale, options);
    return {
      format: function (v) {
        return fmt.formatToParts(v).map(function (p) {
          return p.type === 'group' ? data.d3Locale.thousands : p.type === 'minusSign' ? data.d3Locale.minus : p.value;
        }).join('');
      },
    };
  }
  var pct = typeset({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var int = typeset({ maximumFractionDigits: 0 });
  var dec = typeset({ maximumFractionDigits: 1 });
  // A target as the report writes it: 80 %, not 80,0 %.
  var target = { format: function (v) { return pct.format(v).replace(/[.,]0(?=\D*$)/, ''); } };
  var years = [];
  data.indicators.forEach(function (ind) { ind.rows.forEach(function (r) { if (years.indexOf(r.year) < 0) years.push(r.year); }); });
  years.sort(function (a, b) { return b - a; });
  var state = { year: data.year, region: '', unit: '', three: false };
  var sorts = {};
  var views = {};
  var LEVEL = { national: 0, region: 1, unit: 2 };
  var regionIndex = {};
  data.regions.forEach(function (r, i) { regionIndex[r.code] = i; });

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }

  function select(id, label, options, value) {
    var s = el('select', { id: id });
    options.forEach(function (o) {
      var opt = el('option', { value: String(o[0]), text: o[1] });
      if (String(o[0]) === String(value)) opt.selected = true;
      s.appendChild(opt);
    });
    return el('label', { for: id }, [document.createTextNode(label), s]);
  }

  function buildFilters() {
    var f = document.getElementById('filters');
    f.appendChild(select('f-year', T.year, years.map(function (y) { return [y, String(y)]; }), state.year));
    f.appendChild(select('f-region', T.region, [['', T.allRegions]].concat(data.regions.map(function (r) { return [r.code, r.name]; })), ''));
    f.appendChild(select('f-unit', T.unit, [['', T.noUnit]].concat(data.units.map(function (u) { return [u.code, u.name]; })), ''));
    var cb = el('input', { type: 'checkbox', id: 'f-three' });
    f.appendChild(el('label', { for: 'f-three' }, [cb, document.createTextNode(T.threeYears)]));
    f.addEventListener('change', function () {
      state.year = Number(document.getElementById('f-year').value);
      state.region = document.getElementById('f-region').value;
      state.unit = document.getElementById('f-unit').value;
      state.three = document.getElementById('f-three').checked;
      render();
    });
  }

  function unitRegion(code) {
    for (var i = 0; i < data.units.length; i++) if (data.units[i].code === code) return data.units[i].region;
    return '';
  }

  /** The rows of an indicator that the filters show. */
  function visible(ind) {
    var ys = state.three ? [state.year - 2, state.year - 1, state.year] : [state.year];
    var myRegion = state.unit ? unitRegion(state.unit) : '';
    return ind.rows.filter(function (r) {
      if (ys.indexOf(r.year) < 0) return false;
      if (r.level === 'national') return true;
      if (state.unit && (r.group === state.unit || (r.level === 'region' && r.group === myRegion))) return true;
      return state.region === '' || r.region === state.region;
    });
  }

  var COLUMNS = [
    { key: 'level', head: 'level', get: function (r) { return LEVEL[r.level]; }, show: function (r) { return r.level === 'national' ? T.national : r.level === 'region' ? T.regionLevel : T.unitLevel; } },
    { key: 'region', head: 'regionCol', get: function (r) { return regionName(r.region); }, show: function (r) { return regionName(r.region); } },
    { key: 'name', head: 'unitCol', get: function (r) { return r.name; } },
    { key: 'year', head: 'yearCol', num: true, get: function (r) { return r.year; }, show: function (r) { return String(r.year); } },
    { key: 'numerator', head: 'numerator', num: true, fmt: int },
    { key: 'denominator', head: 'denominator', num: true, fmt: int },
    { key: 'value', head: 'share', num: true, fmt: pct },
    // Beside the rate, so that a row without numbers says why where the number would be.
    { key: 'note', head: 'note' },
    { key: 'ci_low', head: 'ci', num: true, show: function (r) { return r.ci_low === null ? '' : pct.format(r.ci_low) + ' – ' + pct.format(r.ci_high); } },
    { key: 'target', head: 'target', num: true, fmt: target },
    { key: 'moderate', head: 'moderate', num: true, fmt: target, moderate: true },
    { key: 'achievement', head: 'goalLevel' },
    { key: 'median_days', head: 'median', num: true, fmt: dec, median: true },
  ];

  function regionName(code) {
    for (var i = 0; i < data.regions.length; i++) if (data.regions[i].code === code) return data.regions[i].name;
    return '';
  }

  /** An indicator's columns: median days for pathway times only, the moderate level only where set. */
  function columnsOf(ind) {
    var moderate = ind.rows.some(function (r) { return r.moderate !== null; });
    return COLUMNS.filter(function (c) { return (!c.median || ind.median) && (!c.moderate || moderate); });
  }

  function valueOf(c, r) {
    return c.get ? c.get(r) : r[c.key];
  }

  function defaultOrder(a, b) {
    return LEVEL[a.level] - LEVEL[b.level] || (regionIndex[a.region] || 0) - (regionIndex[b.region] || 0) || a.name.localeCompare(b.name, data.locale) || a.year - b.year;
  }

  function sorted(ind, rows) {
    var s = sorts[ind.id];
    var out = rows.slice().sort(defaultOrder);
    if (!s) return out;
    var c = columnsOf(ind).filter(function (x) { return x.key === s.key; })[0];
    return out.sort(function (a, b) {
      var x = valueOf(c, a), y = valueOf(c, b);
      // Blank (withheld) values last, whichever the direction.
      if (x === null || x === '') return y === null || y === '' ? 0 : 1;
      if (y === null || y === '') return -1;
      var d = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), data.locale);
      return s.dir === 'ascending' ? d : -d;
    });
  }

  function table(ind, rows) {
    var cols = columnsOf(ind);
    var s = sorts[ind.id];
    var head = el('tr', {}, cols.map(function (c) {
      var th = el('th', { scope: 'col', 'data-key': c.key, class: c.num ? 'num' : '', text: T[c.head], tabindex: '0' });
      if (s && s.key === c.key) th.setAttribute('aria-sort', s.dir);
      var sort = function () {
        var cur = sorts[ind.id];
        sorts[ind.id] = { key: c.key, dir: cur && cur.key === c.key && cur.dir === 'ascending' ? 'descending' : 'ascending' };
        render().then(function () {
          var again = document.querySelector('#ind-' + CSS.escape(ind.id) + ' th[data-key="' + c.key + '"]');
          if (again) again.focus();
        });
      };
      th.addEventListener('click', sort);
      // Sortable from the keyboard too.
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          sort();
        }
      });
      return th;
    }));
    var body = el('tbody', {}, sorted(ind, rows).map(function (r) {
      var cls = [r.level];
      if (state.unit && r.group === state.unit) cls.push('mine');
      return el('tr', { 'data-key': r.key, class: cls.join(' ') }, cols.map(function (c) {
        var v = r[c.key];
        var text = c.show ? c.show(r) : c.fmt ? (v === null ? '' : c.fmt.format(v)) : String(v === null ? '' : v);
        var attrs = { class: (c.num ? 'num' : '') + (c.key === 'note' && r.withheld ? ' withheld' : ''), text: text };
        if (c.fmt && v !== null) attrs['data-value'] = String(v);
        return el('td', attrs);
      }));
    }));
    return el('table', {}, [el('thead', {}, [head]), body]);
  }

  function chartSpec(ind, rows) {
    var ordered = rows.slice().sort(defaultOrder);
    var names = [];
    ordered.forEach(function (r) { if (names.indexOf(r.name) < 0) names.push(r.name); });
    var roleLabel = { national: T.national, region: T.regionLevel, unit: T.unitLevel, mine: T.unit };
    var values = ordered.filter(function (r) { return r.value !== null; }).map(function (r) {
      var role = state.unit && r.group === state.unit ? 'mine' : r.level;
      return { name: r.name, year: String(r.year), value: r.value, role: role, roleLabel: roleLabel[role], n: r.denominator };
    });
    var goals = [];
    ordered.forEach(function (r) {
      [['target', r.target], ['moderate', r.moderate]].forEach(function (g) {
        if (g[1] !== null && !goals.some(function (x) { return x.kind === g[0] && x.v === g[1]; })) goals.push({ kind: g[0], v: g[1], label: (g[0] === 'target' ? T.target : T.moderate) + ' ' + target.format(g[1]) });
      });
    });
    var roles = ['national', 'region', 'unit', 'mine'];
    var enc = {
      y: { field: 'name', type: 'nominal', sort: names, title: null, axis: { labelLimit: 260 } },
      x: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%' }, title: null },
      tooltip: [{ field: 'name', type: 'nominal' }, { field: 'year', type: 'nominal' }, { field: 'value', type: 'quantitative', format: '.1%' }, { field: 'n', type: 'quantitative' }],
    };
    if (state.three) {
      enc.yOffset = { field: 'year', type: 'nominal' };
      enc.color = { field: 'year', type: 'nominal', title: T.yearCol, scale: { range: data.colours.years } };
      enc.opacity = { condition: { test: "datum.role !== 'unit'", value: 1 }, value: state.unit ? 0.4 : 1 };
    } else {
      // The legend lists the kinds of rows shown: nation, region, unit and, when chosen, my hospital.
      var colours = data.colours;
      var present = roles.filter(function (k) { return values.some(function (v) { return v.role === k; }); });
      enc.color = {
        field: 'roleLabel', type: 'nominal', title: null,
        legend: { orient: 'bottom', direction: 'horizontal' },
        scale: { domain: present.map(function (k) { return roleLabel[k]; }), range: present.map(function (k) { return colours[k]; }) },
      };
    }
    return {
      width: 560,
      height: { step: state.three ? 8 : 16 },
      background: 'white',
      config: { font: 'DejaVu Sans, Arial, sans-serif', view: { stroke: null }, axis: { labelFontSize: 11 } },
      layer: [
        { data: { values: values }, mark: { type: 'bar' }, encoding: enc },
        {
          data: { values: goals },
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: {
            x: { field: 'v', type: 'quantitative' },
            strokeDash: { field: 'kind', type: 'nominal', legend: null, scale: { domain: ['target', 'moderate'], range: [[6, 3], [2, 2]] } },
            color: { value: data.colours.goal },
            tooltip: { field: 'label', type: 'nominal' },
          },
        },
      ],
      resolve: { scale: { color: 'independent' } },
    };
  }

  function drawChart(ind, rows, container) {
    if (views[ind.id]) views[ind.id].finalize();
    container.textContent = '';
    var spec = vegaLite.compile(chartSpec(ind, rows)).spec;
    var view = new vega.View(vega.parse(spec), { renderer: 'svg', container: container, hover: true, locale: { number: data.d3Locale } });
    views[ind.id] = view;
    return view.runAsync();
  }

  /** The shown rows of an indicator as CSV: ',' and '.', UTF-8 with a byte-order mark. */
  function csv(id) {
    var ind = data.indicators.filter(function (i) { return i.id === id; })[0];
    var head = ['indicator', 'year', 'level', 'group', 'name', 'region', 'numerator', 'denominator', 'value', 'ci_low', 'ci_high', 'target', 'achievement', 'median_days', 'withheld'];
    var cell = function (v) {
      var s = v === null || v === undefined ? '' : String(v);
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    var lines = [head.join(',')].concat(sorted(ind, visible(ind)).map(function (r) {
      return [ind.id, r.year, r.level, r.group, r.name, r.region, r.numerator, r.denominator, r.value, r.ci_low, r.ci_high, r.target, r.achievement, r.median_days, r.withheld].map(cell).join(',');
    }));
    return '\ufeff' + lines.join('\r\n') + '\r\n';
  }

  function download(ind) {
    var blob = new Blob([csv(ind.id)], { type: 'text/csv;charset=utf-8' });
    var a = el('a', { href: URL.createObjectURL(blob), download: ind.id.replace(/[^A-Za-z0-9_-]/g, '-') + '-' + state.year + '.csv' });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  var rendering = Promise.resolve();
  function render() {
    var main = document.getElementById('indicators');
    var jobs = [];
    data.indicators.forEach(function (ind) {
      var sec = document.getElementById('ind-' + ind.id);
      if (!sec) {
        var btn = el('button', { type: 'button', text: T.download });
        btn.addEventListener('click', function () { download(ind); });
        sec = el('section', { id: 'ind-' + ind.id, class: 'indicator', 'data-indicator': ind.id }, [
          el('div', { class: 'bar' }, [el('h2', { text: ind.label }), btn]),
          el('div', { class: 'chart', role: 'img', 'aria-label': ind.label }),
          el('p', { class: 'hint', text: (ind.rows.some(function (r) { return r.moderate !== null; }) ? T.goalHint : ind.rows.some(function (r) { return r.target !== null; }) ? T.targetHint : '') + ' ' + T.sortHint }),
          el('div', { class: 'table' }),
        ]);
        main.appendChild(sec);
      }
      var rows = visible(ind);
      var holder = sec.querySelector('div.table');
      holder.textContent = '';
      holder.appendChild(table(ind, rows));
      jobs.push(drawChart(ind, rows, sec.querySelector('div.chart')));
    });
    rendering = Promise.all(jobs);
    return rendering;
  }

  window.regreportResults = {
    csv: csv,
    ready: function () { return rendering; },
  };
  buildFilters();
  render();
})();
