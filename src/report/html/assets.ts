/**
 * The report's inline stylesheet and script. Static text: nothing from the scan is interpolated
 * here (the data lives in escaped `data-*` attributes of the markup), so no input can reach script
 * context. Plain ES5-level DOM code, no library, works offline from a file:// URL.
 */

export const CSS = `
:root { --critical:#8e0b3b; --high:#d32f2f; --elevated:#ef6c00; --medium:#c49000; --low:#1e88e5; --muted:#666; --line:#ddd; --accent:#1565c0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1b1b1b; background: #fafafa; }
header { background: #1f2933; color: #fff; padding: 16px 24px; }
header h1 { margin: 0 0 4px; font-size: 20px; font-weight: 600; }
header .sub { color: #cbd2d9; font-size: 13px; }
nav { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); padding: 6px 24px; }
nav a { margin-right: 16px; color: var(--accent); text-decoration: none; font-size: 13px; }
main { padding: 8px 24px 40px; }
section { margin-top: 22px; scroll-margin-top: 44px; }
h2 { font-size: 17px; margin: 0 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h2 .count { color: var(--muted); font-weight: normal; font-size: 14px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 110px; }
.card b { display: block; font-size: 20px; }
.card span { color: var(--muted); font-size: 12px; }
.gate { margin-top: 10px; font-weight: 600; }
.diagram { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto; max-height: 80vh; }
svg.dfd { display: block; max-width: 100%; height: auto; }
svg.dfd .comp { cursor: pointer; }
svg.dfd .comp:focus { outline: none; }
svg.dfd .comp.risky > path, svg.dfd .comp.risky > polygon, svg.dfd .comp.risky > ellipse { stroke-width: 2; }
svg.dfd .comp.risk-critical > path, svg.dfd .comp.risk-critical > polygon { fill: #f8d7e3; stroke: var(--critical); }
svg.dfd .comp.risk-high > path, svg.dfd .comp.risk-high > polygon { fill: #fde2e2; stroke: var(--high); }
svg.dfd .comp.risk-elevated > path, svg.dfd .comp.risk-elevated > polygon { fill: #ffe9d6; stroke: var(--elevated); }
svg.dfd .comp.risk-medium > path, svg.dfd .comp.risk-medium > polygon { fill: #fff5cc; stroke: var(--medium); }
svg.dfd .comp.risk-low > path, svg.dfd .comp.risk-low > polygon { fill: #e3f0fd; stroke: var(--low); }
svg.dfd .comp.exposed > path, svg.dfd .comp.exposed > polygon { stroke: #cc0000; stroke-width: 3; }
svg.dfd .flow.risky > path { stroke-width: 2.5; }
svg.dfd .flow.risk-critical > path, svg.dfd .flow.risk-critical > polygon { stroke: var(--critical); }
svg.dfd .flow.risk-high > path, svg.dfd .flow.risk-high > polygon { stroke: var(--high); }
svg.dfd .flow.risk-elevated > path, svg.dfd .flow.risk-elevated > polygon { stroke: var(--elevated); }
svg.dfd .flow.risk-medium > path, svg.dfd .flow.risk-medium > polygon { stroke: var(--medium); }
svg.dfd .flow.risk-low > path, svg.dfd .flow.risk-low > polygon { stroke: var(--low); }
/* Exposure wins over risk colour on a flow: it is the first thing a reviewer looks for. */
svg.dfd .flow.exposed > path { stroke: #cc0000; stroke-width: 3; }
svg.dfd .flow.exposed > polygon { stroke: #cc0000; fill: #cc0000; }
svg.dfd.has-selection .comp:not(.selected):not(.neighbour), svg.dfd.has-selection .flow:not(.touching) { opacity: .25; }
svg.dfd .comp.selected > path, svg.dfd .comp.selected > polygon { stroke: var(--accent); stroke-width: 4; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 12px; color: var(--muted); margin: 6px 0; }
.legend i { display: inline-block; width: 22px; height: 12px; vertical-align: middle; margin-right: 4px; border: 1.5px solid #333; }
.legend .proc { border-radius: 5px; } .legend .store { border-radius: 11px / 4px; border-width: 1.5px 1.5px 1.5px; } .legend .ext { background: #eee; }
.legend .expo { border: 0; border-top: 3px solid #cc0000; height: 0; } .legend .riskline { border: 0; border-top: 3px solid var(--high); height: 0; }
.note { background: #fff8e1; border: 1px solid #f0d98c; border-radius: 6px; padding: 8px 12px; }
.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-start; margin-bottom: 8px; }
fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px 6px; margin: 0; background: #fff; }
legend { font-size: 12px; color: var(--muted); padding: 0 4px; }
fieldset label { margin-right: 10px; font-size: 13px; white-space: nowrap; cursor: pointer; }
input[type=search] { padding: 5px 8px; border: 1px solid #bbb; border-radius: 4px; min-width: 220px; }
.selection { background: #e3f2fd; border: 1px solid #90caf9; border-radius: 6px; padding: 6px 10px; margin-bottom: 8px; }
.selection button, .filters button { font: inherit; font-size: 12px; cursor: pointer; }
#risk-count { color: var(--muted); font-size: 13px; margin: 4px 0; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #eee; }
th { background: #f1f3f5; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: #444; }
tr.selected td { background: #e3f2fd; }
tr[hidden] { display: none; }
.sev { display: inline-block; color: #fff; border-radius: 3px; padding: 1px 6px; font-size: 12px; font-weight: 600; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-elevated { background: var(--elevated); }
.sev-medium { background: var(--medium); } .sev-low { background: var(--low); } .sev-info { background: #78909c; }
.tag { display: inline-block; border: 1px solid #ccc; border-radius: 3px; padding: 0 5px; font-size: 12px; color: #333; background: #f7f7f7; margin: 1px 2px 1px 0; }
.tag.internet { border-color: #cc0000; color: #cc0000; background: #fff0f0; }
code, .loc { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.loc { color: #37474f; background: #eef1f4; border-radius: 3px; padding: 0 3px; }
ul.ev { margin: 2px 0 0; padding-left: 16px; }
ul.ev li { margin: 1px 0; }
.muted { color: var(--muted); }
.sid { color: var(--muted); font-size: 12px; word-break: break-all; }
a.comp-link { color: var(--accent); text-decoration: none; cursor: pointer; }
a.comp-link:hover { text-decoration: underline; }
details summary { cursor: pointer; color: var(--accent); font-size: 12px; }
footer { color: var(--muted); font-size: 12px; padding: 16px 24px; border-top: 1px solid var(--line); }
`;

export const SCRIPT = `
(function () {
  'use strict';
  var doc = document;
  function all(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
  function has(list, id) { return (' ' + (list || '') + ' ').indexOf(' ' + id + ' ') >= 0; }
  var rows = all('tr.risk');
  var boxes = all('input[data-filter]');
  var search = doc.getElementById('risk-search');
  var counter = doc.getElementById('risk-count');
  var banner = doc.getElementById('selection');
  var bannerName = doc.getElementById('selection-name');
  var svg = doc.querySelector('svg.dfd');
  var selected = '';

  function apply() {
    var off = {};
    boxes.forEach(function (b) { if (!b.checked) off[b.getAttribute('data-filter') + ':' + b.value] = true; });
    var q = search ? search.value.trim().toLowerCase() : '';
    var shown = 0;
    rows.forEach(function (r) {
      var ok = !off['severity:' + r.getAttribute('data-severity')] &&
        !off['stride:' + r.getAttribute('data-stride')] &&
        !off['status:' + r.getAttribute('data-status')];
      if (ok && selected) ok = has(r.getAttribute('data-components'), selected);
      if (ok && q) ok = r.textContent.toLowerCase().indexOf(q) >= 0;
      r.hidden = !ok;
      if (ok) shown++;
    });
    if (counter) counter.textContent = shown + ' of ' + rows.length + ' risks shown';
  }

  function select(id) {
    selected = id && id !== selected ? id : '';
    if (svg) {
      svg.classList.toggle('has-selection', !!selected);
      all('.comp', svg).forEach(function (n) { n.classList.toggle('selected', n.getAttribute('data-component') === selected); n.classList.remove('neighbour'); });
      all('.flow', svg).forEach(function (e) {
        var s = e.getAttribute('data-source'), t = e.getAttribute('data-target');
        var touching = !!selected && (s === selected || t === selected);
        e.classList.toggle('touching', touching);
        if (touching) all('.comp', svg).forEach(function (n) {
          var c = n.getAttribute('data-component');
          if (c === s || c === t) n.classList.add('neighbour');
        });
      });
    }
    all('tr[data-component]').forEach(function (r) { r.classList.toggle('selected', r.getAttribute('data-component') === selected); });
    if (banner) banner.hidden = !selected;
    if (bannerName) bannerName.textContent = selected;
    apply();
  }

  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  if (search) search.addEventListener('input', apply);
  all('button[data-filter-all]').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var group = btn.getAttribute('data-filter-all');
      var set = btn.getAttribute('data-value') === 'on';
      boxes.forEach(function (b) { if (b.getAttribute('data-filter') === group) b.checked = set; });
      apply();
    });
  });
  if (svg) all('.comp', svg).forEach(function (n) {
    n.addEventListener('click', function () { select(n.getAttribute('data-component')); });
    n.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(n.getAttribute('data-component')); } });
  });
  all('a[data-select]').forEach(function (a) {
    a.addEventListener('click', function (ev) { ev.preventDefault(); select(a.getAttribute('data-select')); var d = doc.getElementById('risks'); if (d && d.scrollIntoView) d.scrollIntoView(); });
  });
  var clear = doc.getElementById('selection-clear');
  if (clear) clear.addEventListener('click', function () { select(''); });
  apply();
})();
`;
