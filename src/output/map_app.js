/* map_app.js - the route map page (map.html) on Leaflet, offline: the
 * roads come from the plan's OSM map (no tile server), drawn on a canvas;
 * the runs of the chosen day pattern, bus and session as lines coloured by
 * bus; their stops as dots, a click giving the stop's times and children;
 * the pickups of children not served on those days (and that session) as
 * red rings, a click giving who and why, listed under the runs.
 * Data: the JSON in <script id="sr-data"> written by src/output/map_html.c
 * (coordinates as integers of 1e-5 degrees, delta-coded along a line).
 * Built into the page at plan time; every text goes in via textContent.
 *
 * Buses whose runs share a road would hide one another: each bus shown
 * gets a slot, different from every bus it shares a road stretch with
 * (greedy colouring of the sharing graph), and its lines are drawn that
 * many pixels beside the road, on a white casing; the offset is in screen
 * pixels, recomputed at every zoom. Learned from Benjamin Becquet's
 * Leaflet.PolylineOffset (offset segments joined at their intersections),
 * written anew: Debian has no package of it. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('sr-data').textContent);
  var M = D.msg;
  var COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf',
    '#8c564b', '#e377c2', '#b8860b', '#bcbd22', '#393b79', '#637939'];
  var ROAD_STYLE = [
    { color: '#7a7a7a', weight: 3 },
    { color: '#a0a0a0', weight: 1.8 },
    { color: '#c8c8c8', weight: 1 }
  ];

  function decode(a) {
    var out = [], lat = 0, lon = 0;
    for (var i = 0; i + 1 < a.length; i += 2) {
      lat += a[i];
      lon += a[i + 1];
      out.push([lat / 1e5, lon / 1e5]);
    }
    return out;
  }
  function hm(s) {
    var m = Math.floor(s / 60);
    var h = Math.floor(m / 60);
    m -= h * 60;
    return (h < 10 ? '0' : '') + h + ':' + (m < 10 ? '0' : '') + m;
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function busName(i) {
    if (i < 0) return M.unassigned;
    var b = D.buses[i];
    return b.plate ? b.id + ' (' + b.plate + ')' : b.id;
  }
  function colour(bus) {
    return bus < 0 ? '#000' : COLOURS[bus % COLOURS.length];
  }

  /* Slot k's offset in pixels: magnitudes all different, so two buses
   * running a road in opposite directions (their left sides opposite) are
   * never drawn on one line either. */
  var SLOT_PX = [0, 4, -8, 12, -16, 20, -24, 28];

  /* Points pts (pixels) moved d pixels to the left of the direction of
   * travel: each segment moved along its normal, joined to the next at
   * their lines' intersection, or with both ends where the turn is too
   * sharp (a miter longer than 2 d). */
  function offsetPoints(pts, d) {
    var seg = [], out = [], i;
    for (i = 0; i + 1 < pts.length; i++) {
      var dx = pts[i + 1].x - pts[i].x, dy = pts[i + 1].y - pts[i].y,
        len = Math.sqrt(dx * dx + dy * dy);
      if (len < 1e-9) continue;
      var nx = dy / len * d, ny = -dx / len * d;
      seg.push([L.point(pts[i].x + nx, pts[i].y + ny), L.point(pts[i + 1].x + nx, pts[i + 1].y + ny)]);
    }
    if (!seg.length) return pts;
    out.push(seg[0][0]);
    for (i = 0; i + 1 < seg.length; i++) {
      var a = seg[i], b = seg[i + 1], p = intersect(a[0], a[1], b[0], b[1]);
      if (p && p.distanceTo(a[1]) <= 2 * Math.abs(d)) out.push(p);
      else out.push(a[1], b[0]);
    }
    out.push(seg[seg.length - 1][1]);
    return out;
  }
  /* The intersection of the lines through a1 a2 and b1 b2, or null when
   * they are parallel. */
  function intersect(a1, a2, b1, b2) {
    var rx = a2.x - a1.x, ry = a2.y - a1.y, sx = b2.x - b1.x, sy = b2.y - b1.y,
      den = rx * sy - ry * sx;
    if (Math.abs(den) < 1e-9) return null;
    var t = ((b1.x - a1.x) * sy - (b1.y - a1.y) * sx) / den;
    return L.point(a1.x + t * rx, a1.y + t * ry);
  }
  /* A polyline drawn options.offset pixels beside its points: Leaflet
   * projects the points to pixels at each zoom, and they are moved then. */
  var OffsetLine = L.Polyline.extend({
    _projectLatlngs: function (latlngs, result, bounds) {
      var first = result.length, d = this.options.offset || 0;
      L.Polyline.prototype._projectLatlngs.call(this, latlngs, result, bounds);
      for (var i = first; d && i < result.length; i++) {
        result[i] = offsetPoints(result[i], d);
        for (var k = 0; k < result[i].length; k++) bounds.extend(result[i][k]);
      }
    }
  });

  /* The slot of each bus of runs (pattern k): the lowest slot no bus it
   * shares a road stretch with (a pair of consecutive shape points, either
   * way) has taken, buses in fleet order. */
  function busSlots(k, runs) {
    var users = {}, near = {}, slot = {};
    runs.forEach(function (i) {
      var run = D.patterns[k].runs[i], sh = shapes[k][i];
      for (var q = 0; q + 1 < sh.length; q++) {
        var a = sh[q][0] + ',' + sh[q][1], b = sh[q + 1][0] + ',' + sh[q + 1][1];
        var key = a < b ? a + ' ' + b : b + ' ' + a;
        (users[key] = users[key] || {})[run.bus] = 1;
      }
    });
    Object.keys(users).forEach(function (key) {
      var bs = Object.keys(users[key]);
      bs.forEach(function (x) {
        near[x] = near[x] || {};
        bs.forEach(function (y) { if (x !== y) near[x][y] = 1; });
      });
    });
    Object.keys(near).map(Number).sort(function (x, y) { return x - y; }).forEach(function (b) {
      var taken = {};
      Object.keys(near[b]).forEach(function (o) { if (o in slot) taken[slot[o]] = 1; });
      var s = 0;
      while (taken[s] && s + 1 < SLOT_PX.length) s++;
      slot[b] = s;
    });
    return slot;
  }

  var map = L.map('map', { zoomSnap: 0.25, preferCanvas: false });
  /* the map for the browser test (tests/output/map_browser.mjs), which
   * zooms to a road two buses share */
  window.srMap = map;
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution(M.osm);
  var roadRenderer = L.canvas({ padding: 0.2 });
  var roadBounds = null;
  for (var r = 0; r < D.roads.length; r++) {
    var lines = D.roads[r].map(decode);
    if (!lines.length) continue;
    var pl = L.polyline(lines, {
      renderer: roadRenderer, color: ROAD_STYLE[r].color, weight: ROAD_STYLE[r].weight,
      interactive: false
    }).addTo(map);
    roadBounds = roadBounds ? roadBounds.extend(pl.getBounds()) : pl.getBounds();
  }
  /* a view first: Leaflet adds layers (and makes their elements) once the
   * map has one */
  if (roadBounds) map.fitBounds(roadBounds);
  else map.setView([0, 0], 2);
  var runLayer = L.layerGroup().addTo(map);
  var stopLayer = L.layerGroup().addTo(map);
  var shapes = D.patterns.map(function (pat) {
    return pat.runs.map(function (run) { return decode(run.shape); });
  });

  var selPattern = document.getElementById('sr-pattern');
  var selBus = document.getElementById('sr-bus');
  var selSession = document.getElementById('sr-session');
  var list = document.getElementById('sr-runs');
  var unList = document.getElementById('sr-unserved');
  var unHead = document.getElementById('sr-unserved-head');

  function option(sel, value, text) {
    var o = el('option', text);
    o.value = String(value);
    sel.appendChild(o);
  }
  D.patterns.forEach(function (pat, k) { option(selPattern, k, pat.days); });

  /* The bus and session choices of the pattern shown: those it has runs
   * of, and the sessions with children left on its days. */
  function fillChoices() {
    var pat = D.patterns[+selPattern.value] || { runs: [] }, keepBus = selBus.value,
      keepSes = selSession.value, buses = {}, sessions = {};
    pat.runs.forEach(function (run) {
      buses[run.bus] = 1;
      run.sessions.forEach(function (i) { sessions[i] = 1; });
    });
    (D.unserved || []).forEach(function (u) { if (u.days & pat.mask) sessions[u.session] = 1; });
    [selBus, selSession].forEach(function (s) { s.textContent = ''; option(s, 'all', M.all); });
    D.buses.forEach(function (b, i) { if (buses[i]) option(selBus, i, busName(i)); });
    if (buses[-1]) option(selBus, -1, M.unassigned);
    D.sessions.forEach(function (s, i) {
      if (sessions[i]) option(selSession, i, s.id + ', ' + D.points[s.dest].name);
    });
    selBus.value = keepBus in buses ? keepBus : 'all';
    selSession.value = keepSes in sessions ? keepSes : 'all';
  }

  function shown(run) {
    return (selBus.value === 'all' || +selBus.value === run.bus) &&
      (selSession.value === 'all' || run.sessions.indexOf(+selSession.value) >= 0);
  }

  /* The popup of a stop: every shown run calling there, with times and
   * children on and off. */
  function stopPopup(point, calls) {
    var box = el('div', null, 'sr-popup');
    box.appendChild(el('b', D.points[point].name));
    var t = el('table');
    var head = el('tr');
    [M.run, M.bus, M.session, M.arrival, M.departure, M.board, M.alight].forEach(function (h) {
      head.appendChild(el('th', h));
    });
    t.appendChild(head);
    var on = 0, off = 0;
    calls.forEach(function (c) {
      var tr = el('tr');
      [c.run.id, busName(c.run.bus), D.sessions[c.stop[5]].id + ' (' +
        (c.run.dir ? M.home : M.to) + ')', hm(c.stop[1]), hm(c.stop[2]),
        c.stop[3] || '', c.stop[4] || ''].forEach(function (v, i) {
        tr.appendChild(el('td', v, i >= 3 ? 'n' : null));
      });
      on += c.stop[3];
      off += c.stop[4];
      t.appendChild(tr);
    });
    box.appendChild(t);
    box.appendChild(el('div', M.children + ': ' + M.board + ' ' + on + ', ' + M.alight + ' ' + off));
    return box;
  }

  function runItem(run, k, i) {
    var li = el('li');
    var sw = el('span', null, 'sw');
    sw.style.background = colour(run.bus);
    li.appendChild(sw);
    var first = run.stops[0], last = run.stops[run.stops.length - 1];
    li.appendChild(el('span', run.id + ' \u00b7 ' + busName(run.bus) + ' \u00b7 ' +
      D.sessions[run.session].id + ' (' + (run.dir ? M.home : M.to) + ') ' +
      hm(first[2]) + '\u2013' + hm(last[1]) + ', ' + run.children + ' ' + M.children_short));
    li.addEventListener('click', function () {
      if (shapes[k][i].length) map.fitBounds(L.latLngBounds(shapes[k][i]), { padding: [30, 30] });
    });
    return li;
  }

  /* The children not served at pickup `point` (entries of D.unserved) as
   * a popup: session, days and leg, children, reason. */
  function unservedPopup(point, rows) {
    var box = el('div', null, 'sr-popup');
    box.appendChild(el('b', D.points[point].name + ': ' + M.unserved));
    var t = el('table'), head = el('tr');
    [M.session, M.days, M.children_short, M.reason].forEach(function (h) {
      head.appendChild(el('th', h));
    });
    t.appendChild(head);
    rows.forEach(function (u) {
      var tr = el('tr');
      [D.sessions[u.session].id, u.when, u.children, u.why].forEach(function (v, i) {
        tr.appendChild(el('td', v, i === 2 ? 'n' : null));
      });
      t.appendChild(tr);
    });
    box.appendChild(t);
    return box;
  }

  /* The unserved children of the days shown (pattern pat) and the session
   * chosen, when no one bus is: a red ring at each pickup and a line in
   * the list each; the ring of a pickup no run calls at carries its name
   * when the stops carry theirs (labels); extends and returns bounds. */
  function drawUnserved(pat, bounds, calls, labels) {
    var at = {};
    unList.textContent = '';
    (D.unserved || []).forEach(function (u) {
      if (!(u.days & pat.mask) || selBus.value !== 'all' ||
        (selSession.value !== 'all' && +selSession.value !== u.session)) return;
      (at[u.point] = at[u.point] || []).push(u);
      var li = el('li'), pt = D.points[u.point];
      li.appendChild(el('span', null, 'sw un'));
      li.appendChild(el('span', pt.name + ' \u00b7 ' + D.sessions[u.session].id + ' (' + u.when +
        '), ' + u.children + ' ' + M.children_short));
      li.title = u.why;
      li.addEventListener('click', function () { map.setView([pt.lat, pt.lon], 15); });
      unList.appendChild(li);
    });
    unHead.hidden = !unList.children.length;
    Object.keys(at).forEach(function (key) {
      var pt = D.points[+key], n = 0;
      at[key].forEach(function (u) { n += u.children; });
      var m = L.circleMarker([pt.lat, pt.lon], {
        radius: 11, color: '#d62728', weight: 3, fill: false, className: 'sr-unserved'
      }).bindTooltip(pt.name + ': ' + M.unserved.toLowerCase() + ' ' + n + ' ' + M.children_short,
        labels && !calls[key] ? {
          permanent: true, direction: 'right', offset: [12, 0], className: 'sr-label'
        } : {});
      m.bindPopup(function () { return unservedPopup(+key, at[key]); }, { maxWidth: 480 });
      stopLayer.addLayer(m);
      (m.getElement ? m.getElement() : m._path).setAttribute('data-unserved', pt.id);
      bounds = bounds ? bounds.extend(m.getLatLng()) : L.latLngBounds([m.getLatLng()]);
    });
    return bounds;
  }

  /* data-idle on <body> once the view has settled after a choice (tests
   * wait for it before clicking) */
  map.on('moveend', function () {
    /* after Leaflet has placed the names for the new view */
    setTimeout(function () { declutter(); document.body.setAttribute('data-idle', '1'); }, 0);
  });

  function draw(fit) {
    document.body.removeAttribute('data-idle');
    var k = +selPattern.value, pat = D.patterns[k] || { runs: [], mask: 127 }, calls = {},
      bounds = null;
    runLayer.clearLayers();
    stopLayer.clearLayers();
    list.textContent = '';
    var drawn = [];
    pat.runs.forEach(function (run, i) { if (shown(run)) drawn.push(i); });
    var slot = busSlots(k, drawn);
    /* the white casings first, under every line */
    drawn.forEach(function (i) {
      if (shapes[k][i].length < 2) return;
      runLayer.addLayer(new OffsetLine(shapes[k][i], {
        color: '#fff', weight: 7, opacity: 0.9, offset: SLOT_PX[slot[pat.runs[i].bus] || 0],
        interactive: false, className: 'sr-casing'
      }));
    });
    pat.runs.forEach(function (run, i) {
      if (!shown(run)) return;
      if (shapes[k][i].length >= 2) {
        var off = SLOT_PX[slot[run.bus] || 0];
        var line = new OffsetLine(shapes[k][i], {
          color: colour(run.bus), weight: 4, opacity: 1, offset: off, className: 'sr-run'
        }).bindTooltip(run.id + ' \u00b7 ' + busName(run.bus), { sticky: true });
        runLayer.addLayer(line);
        var el = line.getElement ? line.getElement() : line._path;
        el.setAttribute('data-run', run.id);
        el.setAttribute('data-offset', String(off));
        bounds = bounds ? bounds.extend(line.getBounds()) : line.getBounds();
      }
      run.stops.forEach(function (st) {
        (calls[st[0]] = calls[st[0]] || []).push({ run: run, stop: st });
      });
      list.appendChild(runItem(run, k, i));
    });
    var depots = {};
    pat.runs.forEach(function (run) {
      if (shown(run) && run.bus >= 0) depots[D.buses[run.bus].depot] = 1;
    });
    Object.keys(depots).forEach(function (key) {
      var pt = D.points[+key];
      stopLayer.addLayer(L.circleMarker([pt.lat, pt.lon], {
        radius: 5, color: '#555', weight: 2, fillColor: '#ddd', fillOpacity: 1,
        dashArray: '2,2', className: 'sr-depot'
      }).bindTooltip(M.depot + ': ' + pt.name));
    });
    /* names beside the dots when few are shown (a bus, a session) */
    var labels = Object.keys(calls).length <= 25;
    Object.keys(calls).forEach(function (key) {
      var pt = D.points[+key], dest = pt.kind === 'destination';
      var m = L.circleMarker([pt.lat, pt.lon], {
        radius: dest ? 8 : 6, color: '#000', weight: 1.5, fillOpacity: 1,
        fillColor: dest ? '#000' : '#fff', className: 'sr-stop'
      });
      m.bindTooltip(pt.name, labels ? {
        permanent: true, direction: 'right', offset: [6, 0], className: 'sr-label'
      } : {});
      m.bindPopup(function () { return stopPopup(+key, calls[key]); }, { maxWidth: 480 });
      stopLayer.addLayer(m);
      /* Path.getElement() is Leaflet 1.7's; Debian ships 1.6 */
      (m.getElement ? m.getElement() : m._path).setAttribute('data-point', pt.id);
      bounds = bounds ? bounds.extend(m.getLatLng()) : L.latLngBounds([m.getLatLng()]);
    });
    if (!list.children.length) list.appendChild(el('li', M.no_runs));
    bounds = drawUnserved(pat, bounds, calls, labels);
    declutter();
    if (fit) {
      var b = bounds || roadBounds;
      if (b) map.fitBounds(b, { padding: [30, 30], maxZoom: 15 });
      else document.body.setAttribute('data-idle', '1');
    } else {
      document.body.setAttribute('data-idle', '1');
    }
  }

  /* Names go right of their dot, or left where the right clashes with a
   * name already placed; one that clashes on both sides is hidden.
   * Destinations are placed first, then stops in their order; re-done at
   * each zoom (the greedy label placement of map renderers with two
   * candidate positions, after Imhof's rule that a name sits right of its
   * point when it can). */
  function declutter() {
    var kept = [], tips = [];
    stopLayer.eachLayer(function (m) {
      var t = m.getTooltip && m.getTooltip();
      if (t && t.options.permanent && t.getElement()) tips.push({ t: t, dest: m.options.radius > 6 });
    });
    tips.sort(function (a, b) { return b.dest - a.dest; });
    function place(t, side) {
      t.options.direction = side;
      t.options.offset = L.point(side === 'right' ? 6 : -6, 0);
      t.update();
      var r = t.getElement().getBoundingClientRect();
      return kept.some(function (k) {
        return r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom;
      }) ? null : r;
    }
    tips.forEach(function (x) {
      var e = x.t.getElement();
      e.style.visibility = '';
      var r = place(x.t, 'right') || place(x.t, 'left');
      if (r) kept.push(r);
      else e.style.visibility = 'hidden';
    });
  }

  selPattern.addEventListener('change', function () { fillChoices(); draw(true); });
  selBus.addEventListener('change', function () { draw(true); });
  selSession.addEventListener('change', function () { draw(true); });
  fillChoices();
  draw(true);
  document.body.setAttribute('data-ready', '1');
})();
