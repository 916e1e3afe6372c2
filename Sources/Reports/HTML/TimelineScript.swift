/// The page's inline script: draws each trace's timeline from the `kreplay-data` block on two
/// canvases (the whole trace, and a view that zooms with the wheel or the buttons and pans by
/// dragging), down to single IPIs inside the windows where the data has every event. No
/// network, no libraries: it works from `file://`.
enum TimelineScript {
    static let source = #"""
        (function () {
          'use strict';
          var node = document.getElementById('kreplay-data');
          if (!node) return;
          var data = JSON.parse(node.textContent);
          var COLORS = { needed: '#15803d', 'unused-pte': '#a16207', idle: '#ea580c', duplicate: '#9333ea',
            'not-cached': '#dc2626', lazy: '#0891b2', 'not-loaded': '#db2777', unknown: '#6b7280' };
          var ORDER = ['needed', 'unused-pte', 'idle', 'duplicate', 'not-cached', 'lazy', 'not-loaded', 'unknown'];
          var LEFT = 58, AXIS = 30, DETAIL_MAX = 2500;

          function fmtDur(ns) {
            var a = Math.abs(ns);
            if (a >= 1e9) return (ns / 1e9).toPrecision(4).replace(/\.?0+$/, '') + ' s';
            if (a >= 1e6) return (ns / 1e6).toPrecision(4).replace(/\.?0+$/, '') + ' ms';
            if (a >= 1e3) return (ns / 1e3).toPrecision(4).replace(/\.?0+$/, '') + ' µs';
            return Math.round(ns) + ' ns';
          }
          /// An axis label: the unit of the value, as many decimals as the step needs.
          function fmtTick(ns, step) {
            var unit = ns >= 1e9 ? 1e9 : ns >= 1e6 ? 1e6 : ns >= 1e3 ? 1e3 : 1;
            var name = unit === 1e9 ? ' s' : unit === 1e6 ? ' ms' : unit === 1e3 ? ' µs' : ' ns';
            var decimals = Math.max(0, Math.min(9, Math.ceil(-Math.log10(step / unit) - 1e-9)));
            return (ns / unit).toFixed(decimals) + name;
          }
          function secs(ns) { return (ns / 1e9).toFixed(6); }
          function niceStep(raw) {
            var m = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
            var f = [1, 2, 5, 10];
            for (var i = 0; i < f.length; i++) if (m * f[i] >= raw) return m * f[i];
            return m * 10;
          }
          function row(rows, cpu) { return rows && rows[cpu] && rows[cpu].length ? rows[cpu] : null; }

          function View(el, t) {
            this.el = el; this.t = t;
            this.main = el.querySelector('canvas.tl-main');
            this.mini = el.querySelector('canvas.tl-mini');
            this.status = el.querySelector('.tl-status');
            this.hover = el.querySelector('.tl-hover');
            this.t0 = t.start_ns; this.t1 = Math.max(t.end_ns, t.start_ns + 1);
            this.v0 = this.t0; this.v1 = this.t1;
            this.cpus = Math.max(1, t.cpus);
            this.lane = Math.max(12, Math.min(34, Math.floor(620 / this.cpus)));
            var tl = t.timeline || {};
            this.ipis = (tl.ipis || []).slice().sort(function (a, b) { return a.time_ns - b.time_ns; });
            this.idle = tl.idle || []; this.unmaps = tl.unmaps || [];
            this.stops = tl.stops || []; this.waits = tl.waits || [];
            this.windows = tl.windows || [];
            this.bind();
            this.draw();
          }

          View.prototype.width = function () { return Math.max(300, this.el.clientWidth); };
          View.prototype.x = function (ns) {
            return LEFT + (ns - this.v0) / (this.v1 - this.v0) * (this.plotW);
          };
          View.prototype.time = function (x) { return this.v0 + (x - LEFT) / this.plotW * (this.v1 - this.v0); };
          View.prototype.laneY = function (cpu) { return AXIS + cpu * this.lane; };

          View.prototype.setView = function (a, b) {
            var span = Math.max(200, Math.min(b - a, this.t1 - this.t0));
            if (a < this.t0) a = this.t0;
            if (a + span > this.t1) a = this.t1 - span;
            this.v0 = a; this.v1 = a + span;
            this.draw();
          };
          View.prototype.zoom = function (factor, at) {
            if (at === undefined) at = (this.v0 + this.v1) / 2;
            var f = (at - this.v0) / (this.v1 - this.v0);
            var span = (this.v1 - this.v0) * factor;
            this.setView(at - f * span, at - f * span + span);
          };

          View.prototype.bind = function () {
            var self = this, drag = null;
            this.main.addEventListener('wheel', function (e) {
              e.preventDefault();
              var r = self.main.getBoundingClientRect();
              self.zoom(e.deltaY < 0 ? 0.8 : 1.25, self.time(e.clientX - r.left));
            }, { passive: false });
            this.main.addEventListener('mousedown', function (e) { drag = { x: e.clientX, v0: self.v0, v1: self.v1 }; });
            window.addEventListener('mouseup', function () { drag = null; });
            this.main.addEventListener('mousemove', function (e) {
              var r = self.main.getBoundingClientRect();
              if (drag) {
                var dt = (e.clientX - drag.x) / self.plotW * (drag.v1 - drag.v0);
                self.setView(drag.v0 - dt, drag.v1 - dt);
              } else {
                self.describe(e.clientX - r.left, e.clientY - r.top);
              }
            });
            this.main.addEventListener('dblclick', function () { self.setView(self.t0, self.t1); });
            this.mini.addEventListener('click', function (e) {
              var r = self.mini.getBoundingClientRect();
              var at = self.t0 + (e.clientX - r.left - LEFT) / self.plotW * (self.t1 - self.t0);
              var span = self.v1 - self.v0;
              self.setView(at - span / 2, at + span / 2);
            });
            this.el.querySelectorAll('button[data-act]').forEach(function (b) {
              b.addEventListener('click', function () {
                var act = b.getAttribute('data-act');
                if (act === 'in') self.zoom(0.5);
                else if (act === 'out') self.zoom(2);
                else if (act === 'left') self.setView(self.v0 - (self.v1 - self.v0) / 2, self.v1 - (self.v1 - self.v0) / 2);
                else if (act === 'right') self.setView(self.v0 + (self.v1 - self.v0) / 2, self.v1 + (self.v1 - self.v0) / 2);
                else if (act === 'detail') self.toDetail();
                else self.setView(self.t0, self.t1);
              });
            });
            window.addEventListener('resize', function () { self.draw(); });
          };

          /// Zooms to the first detail window around the view's centre, about 40 IPIs wide.
          View.prototype.toDetail = function () {
            if (!this.ipis.length) return;
            var mid = (this.v0 + this.v1) / 2, best = 0;
            for (var i = 0; i < this.ipis.length; i++) {
              if (Math.abs(this.ipis[i].time_ns - mid) < Math.abs(this.ipis[best].time_ns - mid)) best = i;
            }
            var a = this.ipis[Math.max(0, best - 20)].time_ns, b = this.ipis[Math.min(this.ipis.length - 1, best + 20)].time_ns;
            var at = this.ipis[best].time_ns;
            // Stay inside the window that holds it: its neighbours in the list may lie far away.
            for (var i = 0; i < this.windows.length; i++) {
              var w = this.windows[i];
              if (w[0] <= at && at <= w[1]) { a = Math.max(a, w[0]); b = Math.min(b, w[1]); }
            }
            var pad = Math.max((b - a) * 0.05, 500);
            this.setView(a - pad, b + pad);
          };

          View.prototype.prepare = function (canvas, height) {
            var w = this.width(), dpr = window.devicePixelRatio || 1;
            canvas.style.width = w + 'px'; canvas.style.height = height + 'px';
            canvas.width = Math.round(w * dpr); canvas.height = Math.round(height * dpr);
            var g = canvas.getContext('2d');
            g.setTransform(dpr, 0, 0, dpr, 0, 0);
            g.clearRect(0, 0, w, height);
            g.font = '11px ui-monospace, Menlo, monospace';
            return g;
          };

          View.prototype.draw = function () {
            var w = this.width();
            this.plotW = w - LEFT - 10;
            var h = AXIS + this.cpus * this.lane + 4;
            var g = this.prepare(this.main, h);
            for (var c = 0; c < this.cpus; c++) {
              g.fillStyle = c % 2 ? '#ffffff' : '#f8fafc';
              g.fillRect(LEFT, this.laneY(c), this.plotW, this.lane);
              g.fillStyle = '#1f2937';
              g.fillText('cpu' + c, 6, this.laneY(c) + this.lane / 2 + 4);
            }
            this.axis(g, h);
            var shown = this.visibleDetail();
            this.drawOverview(g, shown.detail);
            var drawn = 0;
            for (var i = 0; i < shown.detail.length; i++) drawn += this.drawDetail(g, shown.detail[i]);
            this.drawMini();
            var mode = shown.detail.length ? 'detail' : 'overview';
            this.el.setAttribute('data-mode', mode);
            this.el.setAttribute('data-ipis-drawn', String(drawn));
            var text = 'View +' + fmtDur(this.v0 - this.t0) + ' … +' + fmtDur(this.v1 - this.t0) +
              ' (' + fmtDur(this.v1 - this.v0) + ' of ' + fmtDur(this.t1 - this.t0) + '). ';
            if (shown.detail.length) text += drawn + ' IPIs drawn one by one inside the framed detail windows; bars elsewhere.';
            else if (shown.windows.length) text += 'Bars (counts per time bucket): zoom in to see single IPIs in the blue-marked windows.';
            else text += 'No single events kept in this range: bars count every event. “Zoom to detail” jumps to the nearest run.';
            this.status.textContent = text;
          };

          View.prototype.axis = function (g, h) {
            var span = this.v1 - this.v0, step = niceStep(span / 8);
            var first = Math.ceil((this.v0 - this.t0) / step) * step + this.t0;
            g.strokeStyle = '#e5e7eb'; g.fillStyle = '#6b7280';
            for (var t = first; t <= this.v1; t += step) {
              var x = this.x(t);
              g.beginPath(); g.moveTo(x, AXIS - 12); g.lineTo(x, h); g.stroke();
              g.fillText('+' + fmtTick(t - this.t0, step), x + 2, 11);
            }
            // Where single events are kept: a blue band under the axis.
            g.fillStyle = '#93c5fd';
            for (var i = 0; i < this.windows.length; i++) {
              var a = Math.max(this.x(this.windows[i][0]), LEFT), b = Math.min(this.x(this.windows[i][1]), LEFT + this.plotW);
              if (b >= a) g.fillRect(a, AXIS - 8, Math.max(1, b - a), 5);
            }
          };

          /// The detail windows in view, and those wide enough to draw one IPI at a time.
          View.prototype.visibleDetail = function () {
            var windows = [], detail = [], total = 0;
            for (var i = 0; i < this.windows.length; i++) {
              var w = this.windows[i];
              if (w[1] < this.v0 || w[0] > this.v1) continue;
              var clipped = [Math.max(w[0], this.v0), Math.min(w[1], this.v1)];
              windows.push(clipped);
              var n = this.countIn(clipped), px = this.x(clipped[1]) - this.x(clipped[0]);
              if ((n === 0 ? px > 4 : px / n >= 6) && total + n <= DETAIL_MAX) { detail.push(clipped); total += n; }
            }
            return { windows: windows, detail: detail };
          };

          /// Per-bucket counts for every CPU; columns at least 2 px wide. `skip` are the ranges
          /// drawn in detail instead.
          View.prototype.drawOverview = function (g, skip) {
            var ov = this.t.overview;
            if (!ov || !ov.buckets) return;
            var bw = ov.bucket_ns, px = bw / (this.v1 - this.v0) * this.plotW;
            var group = Math.max(1, Math.ceil(2 / px));
            var b0 = Math.max(0, Math.floor((this.v0 - ov.start_ns) / bw / group) * group);
            var b1 = Math.min(ov.buckets, Math.ceil((this.v1 - ov.start_ns) / bw) + 1);
            var cols = [], maxRec = 1, maxSent = 1;
            for (var c = 0; c < this.cpus; c++) {
              var sent = row(ov.sent, c), idle = row(ov.idle_permille, c), stops = row(ov.stops, c), waits = row(ov.waits, c);
              var received = ORDER.map(function (name) { return row(ov.received[name], c); });
              for (var b = b0; b < b1; b += group) {
                var col = { cpu: c, b: b, rec: {}, total: 0, sent: 0, idle: 0, stops: 0, waits: 0 };
                for (var k = b; k < Math.min(b + group, ov.buckets); k++) {
                  if (sent) col.sent += sent[k];
                  if (idle) col.idle += idle[k] / group;
                  if (stops) col.stops += stops[k];
                  if (waits) col.waits += waits[k];
                  for (var n = 0; n < ORDER.length; n++) {
                    var r = received[n];
                    if (r && r[k]) { col.rec[ORDER[n]] = (col.rec[ORDER[n]] || 0) + r[k]; col.total += r[k]; }
                  }
                }
                maxRec = Math.max(maxRec, col.total); maxSent = Math.max(maxSent, col.sent);
                cols.push(col);
              }
            }
            for (var i = 0; i < cols.length; i++) {
              var col = cols[i];
              var t0 = ov.start_ns + col.b * bw, t1 = t0 + group * bw;
              var x0 = Math.max(LEFT, this.x(t0)), x1 = Math.min(LEFT + this.plotW, this.x(t1));
              if (x1 <= x0) continue;
              var covered = false;
              for (var s = 0; s < skip.length; s++) if (t0 >= skip[s][0] && t1 <= skip[s][1]) covered = true;
              if (covered) continue;
              var y = this.laneY(col.cpu), h = this.lane - 3, wpx = Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0));
              if (col.idle > 0) {
                g.fillStyle = 'rgba(148,163,184,' + (0.45 * Math.min(1, col.idle / 1000)).toFixed(3) + ')';
                g.fillRect(x0, y + 1, wpx, this.lane - 2);
              }
              var top = y + this.lane - 1;
              for (var n = 0; n < ORDER.length; n++) {
                var v = col.rec[ORDER[n]];
                if (!v) continue;
                var bh = Math.max(1, v / maxRec * (h - 4));
                top -= bh;
                g.fillStyle = COLORS[ORDER[n]];
                g.fillRect(x0, top, wpx, bh);
              }
              if (col.sent) {
                g.fillStyle = '#111827';
                g.fillRect(x0, y + 1, wpx, Math.max(1, col.sent / maxSent * this.lane * 0.28));
              }
              // Stops and wait returns: shapes where a column is wide, else a thin mark mid-lane.
              var wide = x1 - x0 >= 10, mid = y + this.lane * 0.45;
              if (col.stops) {
                if (wide) this.triangle(g, (x0 + x1) / 2, mid, '#b91c1c');
                else { g.fillStyle = '#b91c1c'; g.fillRect(x0, mid - 3, wpx, 2); }
              }
              if (col.waits) {
                if (wide) this.diamond(g, (x0 + x1) / 2, mid, '#7c3aed');
                else { g.fillStyle = '#7c3aed'; g.fillRect(x0, mid, wpx, 2); }
              }
            }
          };

          View.prototype.triangle = function (g, x, y, color) {
            g.fillStyle = color; g.beginPath(); g.moveTo(x - 5, y - 5); g.lineTo(x + 5, y - 5); g.lineTo(x, y + 4); g.fill();
          };
          View.prototype.diamond = function (g, x, y, color) {
            g.fillStyle = color; g.beginPath(); g.moveTo(x, y - 5); g.lineTo(x + 4, y); g.lineTo(x, y + 5); g.lineTo(x - 4, y); g.fill();
          };

          /// Every kept event of one window clipped to the view; returns the IPIs drawn.
          View.prototype.drawDetail = function (g, w) {
            var xa = this.x(w[0]), xb = this.x(w[1]), drawn = 0, self = this;
            g.save();
            g.beginPath(); g.rect(xa, AXIS, Math.max(1, xb - xa), this.cpus * this.lane); g.clip();
            for (var c = 0; c < this.cpus; c++) {
              g.fillStyle = c % 2 ? '#ffffff' : '#f8fafc';
              g.fillRect(xa, this.laneY(c), xb - xa, this.lane);
            }
            function inView(t) { return t >= w[0] && t <= w[1]; }
            g.fillStyle = 'rgba(148,163,184,0.38)';
            this.idle.forEach(function (p) {
              var end = p.end_ns === undefined ? self.t1 : p.end_ns;
              if (end < w[0] || p.start_ns > w[1] || p.cpu >= self.cpus) return;
              var a = self.x(Math.max(p.start_ns, w[0])), b = self.x(Math.min(end, w[1]));
              g.fillRect(a, self.laneY(p.cpu) + 1, Math.max(1, b - a), self.lane - 2);
            });
            g.fillStyle = '#2563eb';
            this.unmaps.forEach(function (u) {
              if (inView(u.time_ns) && u.cpu < self.cpus) g.fillRect(self.x(u.time_ns) - 1, self.laneY(u.cpu) + 3, 2, self.lane - 6);
            });
            var dense = this.ipis.length && (xb - xa) / Math.max(1, this.countIn(w)) < 6;
            g.lineWidth = dense ? 1 : 1.6;
            this.ipis.forEach(function (ipi) {
              if (!inView(ipi.time_ns) || ipi.cpu >= self.cpus) return;
              drawn++;
              var x = self.x(ipi.time_ns), y0 = self.laneY(ipi.cpu) + self.lane / 2;
              g.setLineDash(ipi.pages === 0 ? [4, 3] : []);
              // Farthest target first: each lane's stretch of line shows the class of the target it
              // leads to, and every target ends in a square of its class.
              var order = ipi.targets.map(function (tg, k) { return { tg: tg, k: k }; });
              order.sort(function (a, b) { return Math.abs(b.tg.cpu - ipi.cpu) - Math.abs(a.tg.cpu - ipi.cpu); });
              order.forEach(function (o) {
                var tg = o.tg;
                if (tg.cpu >= self.cpus) return;
                var y1 = self.laneY(tg.cpu) + self.lane / 2, tx = x + (dense ? 0 : 3 + o.k * 2);
                g.strokeStyle = COLORS[tg['class']] || COLORS.unknown;
                g.beginPath(); g.moveTo(x, y0); g.lineTo(tx, y1); g.stroke();
                if (!dense) { g.fillStyle = g.strokeStyle; g.fillRect(tx - 3, y1 - 3, 6, 6); }
              });
              g.setLineDash([]);
              g.fillStyle = '#111827';
              g.beginPath(); g.arc(x, y0, dense ? 2 : 3.5, 0, 7); g.fill();
            });
            this.stops.forEach(function (s) {
              if (!inView(s.time_ns) || s.cpu >= self.cpus) return;
              var x = self.x(s.time_ns), y = self.laneY(s.cpu) + self.lane * 0.45;
              self.triangle(g, x, y, '#b91c1c');
              if (!dense) { g.fillStyle = '#b91c1c'; g.fillText(s.signal, x + 6, y + 4); }
            });
            this.waits.forEach(function (v) {
              if (!inView(v.time_ns) || v.cpu >= self.cpus) return;
              self.diamond(g, self.x(v.time_ns), self.laneY(v.cpu) + self.lane * 0.45, '#7c3aed');
            });
            g.restore();
            g.strokeStyle = '#93c5fd'; g.lineWidth = 1;
            g.strokeRect(xa, AXIS, Math.max(1, xb - xa), this.cpus * this.lane);
            return drawn;
          };

          /// IPIs of the detail in `[w0, w1]` (the list is sorted by time).
          View.prototype.countIn = function (w) {
            var ipis = this.ipis;
            function first(t, after) {
              var lo = 0, hi = ipis.length;
              while (lo < hi) {
                var m = (lo + hi) >> 1;
                if (ipis[m].time_ns < t || (after && ipis[m].time_ns === t)) lo = m + 1; else hi = m;
              }
              return lo;
            }
            return first(w[1], true) - first(w[0], false);
          };

          /// The whole trace: targets received per bucket (all CPUs), the view as a frame.
          View.prototype.drawMini = function () {
            var g = this.prepare(this.mini, 46), ov = this.t.overview, h = 40;
            g.fillStyle = '#6b7280'; g.fillText('whole', 6, 18); g.fillText('trace', 6, 31);
            if (ov && ov.buckets) {
              var totals = [], max = 1;
              for (var b = 0; b < ov.buckets; b++) {
                var s = {}, all = 0;
                for (var n = 0; n < ORDER.length; n++) {
                  var rows = ov.received[ORDER[n]], v = 0;
                  if (rows) for (var c = 0; c < rows.length; c++) if (rows[c].length) v += rows[c][b];
                  s[ORDER[n]] = v; all += v;
                }
                totals.push(s); max = Math.max(max, all);
              }
              var bx = this.plotW / ov.buckets * (ov.bucket_ns * ov.buckets / (this.t1 - this.t0));
              for (var i = 0; i < totals.length; i++) {
                var top = h;
                for (var k = 0; k < ORDER.length; k++) {
                  var v2 = totals[i][ORDER[k]];
                  if (!v2) continue;
                  var bh = v2 / max * (h - 4);
                  top -= bh;
                  g.fillStyle = COLORS[ORDER[k]];
                  g.fillRect(LEFT + i * bx, top, Math.max(1, bx), bh);
                }
              }
            }
            var a = LEFT + (this.v0 - this.t0) / (this.t1 - this.t0) * this.plotW;
            var z = LEFT + (this.v1 - this.t0) / (this.t1 - this.t0) * this.plotW;
            g.fillStyle = 'rgba(37,99,235,0.12)'; g.fillRect(a, 0, Math.max(2, z - a), 44);
            g.strokeStyle = '#2563eb'; g.lineWidth = 1.5; g.strokeRect(a, 1, Math.max(2, z - a), 42);
          };

          /// What is under the pointer, in words.
          View.prototype.describe = function (px, py) {
            var cpu = Math.floor((py - AXIS) / this.lane);
            if (cpu < 0 || cpu >= this.cpus || px < LEFT) { this.hover.textContent = ''; return; }
            var t = this.time(px), best = null, bestD = 6;
            for (var i = 0; i < this.ipis.length; i++) {
              var ipi = this.ipis[i];
              var d = Math.abs(this.x(ipi.time_ns) - px);
              if (d >= bestD) continue;
              if (ipi.cpu === cpu || ipi.targets.some(function (tg) { return tg.cpu === cpu; })) { best = ipi; bestD = d; }
            }
            if (best && this.el.getAttribute('data-mode') === 'detail') {
              var by = {};
              best.targets.forEach(function (tg) { by[tg['class']] = (by[tg['class']] || 0) + 1; });
              this.hover.textContent = 'line ' + best.line + ', t=' + secs(best.time_ns) + ': cpu' + best.cpu + ' → ' +
                best.targets.map(function (tg) { return 'cpu' + tg.cpu + ' ' + tg['class']; }).join(', ') +
                (best.pages === 0 ? ' (full flush)' : best.pages > 0 ? ' (' + best.pages + ' pages)' : '');
              return;
            }
            var ov = this.t.overview;
            if (!ov) return;
            var b = Math.floor((t - ov.start_ns) / ov.bucket_ns);
            if (b < 0 || b >= ov.buckets) return;
            var parts = [], sent = row(ov.sent, cpu);
            ORDER.forEach(function (name) { var r = row(ov.received[name], cpu); if (r && r[b]) parts.push(r[b] + ' ' + name); });
            var idle = row(ov.idle_permille, cpu);
            this.hover.textContent = 'cpu' + cpu + ', +' + fmtDur(ov.start_ns + b * ov.bucket_ns - this.t0) + ' … +' +
              fmtDur(ov.start_ns + (b + 1) * ov.bucket_ns - this.t0) + ': ' + (sent ? sent[b] : 0) + ' IPIs sent; targets received: ' +
              (parts.join(', ') || 'none') + '; idle ' + (idle ? Math.round(idle[b] / 10) : 0) + '%';
          };

          var views = [];
          document.querySelectorAll('div.tl[data-trace]').forEach(function (el) {
            var t = data.traces[Number(el.getAttribute('data-trace'))];
            if (t && t.start_ns !== undefined) views.push(new View(el, t));
          });
          window.kreplayViews = views;
          // Links and screenshots: #view=FROM-TO (ms after the trace's start), #detail, #open, #findings.
          var hash = decodeURIComponent(location.hash || '');
          var m = /view=([0-9.]+)-([0-9.]+)/.exec(hash);
          views.forEach(function (v) {
            if (m) v.setView(v.t0 + parseFloat(m[1]) * 1e6, v.t0 + parseFloat(m[2]) * 1e6);
            else if (/detail/.test(hash)) v.toDetail();
          });
          if (/open/.test(hash)) document.querySelectorAll('details').forEach(function (d) { d.open = true; });
          // #findings: only the findings (a screenshot of them needs no scrolling).
          if (/findings/.test(hash)) document.body.classList.add('only-findings');
        })();
        """#
}
