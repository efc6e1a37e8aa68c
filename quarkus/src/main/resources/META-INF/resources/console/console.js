// The UsageBridge console: reads /api (the same API the CLI uses) and polls it every few seconds. Every value from
// the ledger (file names, target replies) goes into the page as text, never as HTML.
(function () {
  'use strict';

  var POLL_MS = 3000;
  var session = null;
  var openFile = null;
  var busy = false;

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') { node.textContent = attrs[key]; }
      else if (key === 'cls') { node.className = attrs[key]; }
      else { node.setAttribute(key, attrs[key]); }
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    }
    return node;
  }

  function api(path, options) {
    options = options || {};
    var headers = { 'Accept': 'application/json' };
    if (options.method === 'POST') {
      headers['X-CSRF-Token'] = session ? session.csrfToken : '';
      if (options.body) { headers['Content-Type'] = 'application/json'; }
    }
    return fetch(path, { method: options.method || 'GET', headers: headers, credentials: 'same-origin',
                         body: options.body ? JSON.stringify(options.body) : undefined })
      .then(function (response) {
        if (response.status === 401 || (response.redirected && response.url.indexOf('/console/login.html') >= 0)) {
          location.href = '/console/login.html';
          throw new Error('logged out');
        }
        return response.text().then(function (text) {
          var body = text ? JSON.parse(text) : null;
          if (!response.ok) {
            var why = body && body.message ? body.message : 'the app answered ' + response.status;
            if (response.status === 403 && !(body && body.message)) { why = 'your role may not do that'; }
            throw new Error(why);
          }
          return body;
        });
      });
  }

  function stateBadge(state) {
    return el('span', { cls: 'state state-' + state.toLowerCase(), text: state });
  }

  function time(value) {
    if (!value) { return ''; }
    var d = new Date(value);
    return d.toISOString().replace('T', ' ').substring(0, 19) + ' UTC';
  }

  function announce(text) {
    document.getElementById('announce').textContent = text;
  }

  // --- overview: counts per target and state, files per hour -------------------------------------------------
  function renderCounts(counts) {
    var cards = document.getElementById('cards');
    cards.textContent = '';
    var files = counts.files || {};
    var fileCard = el('div', { cls: 'card', 'data-card': 'files' }, el('h3', { text: 'Files' }));
    var fileList = el('ul');
    Object.keys(files).forEach(function (state) {
      fileList.appendChild(el('li', null, stateBadge(state), ' ' + files[state]));
    });
    if (!Object.keys(files).length) { fileList.appendChild(el('li', { text: 'none received' })); }
    fileCard.appendChild(fileList);
    cards.appendChild(fileCard);
    var targetSelect = document.getElementById('filter-target');
    Object.keys(counts.targets || {}).forEach(function (target) {
      var card = el('div', { cls: 'card', 'data-card': target }, el('h3', { text: target }));
      var list = el('ul');
      var states = counts.targets[target];
      Object.keys(states).forEach(function (state) {
        list.appendChild(el('li', null, stateBadge(state), ' ' + states[state]));
      });
      card.appendChild(list);
      cards.appendChild(card);
      if (!targetSelect.querySelector('option[value="' + CSS.escape(target) + '"]')) {
        targetSelect.appendChild(el('option', { value: target, text: target }));
      }
    });
  }

  function renderHourly(hours) {
    var svg = document.getElementById('hourly');
    svg.textContent = '';
    var max = 1;
    hours.forEach(function (h) { max = Math.max(max, h.done + h.failed + h.waiting + h.other); });
    var width = 720 / hours.length;
    var ns = 'http://www.w3.org/2000/svg';
    var total = { done: 0, failed: 0, waiting: 0 };
    hours.forEach(function (h, i) {
      var y = 80;
      [['done', h.done], ['waiting', h.waiting + h.other], ['failed', h.failed]].forEach(function (part) {
        if (!part[1]) { return; }
        var height = 76 * part[1] / max;
        y -= height;
        var rect = document.createElementNS(ns, 'rect');
        rect.setAttribute('x', i * width + 1);
        rect.setAttribute('y', y);
        rect.setAttribute('width', Math.max(1, width - 2));
        rect.setAttribute('height', height);
        rect.setAttribute('class', 'bar-' + part[0]);
        var title = document.createElementNS(ns, 'title');
        title.textContent = time(h.hour).substring(11, 16) + ': ' + part[1] + ' ' + part[0];
        rect.appendChild(title);
        svg.appendChild(rect);
      });
      total.done += h.done; total.failed += h.failed; total.waiting += h.waiting + h.other;
    });
    document.getElementById('hourly-caption').textContent = 'Files received per hour over the last '
      + hours.length + ' hours: ' + total.done + ' done, ' + total.failed + ' failed or uncertain, '
      + total.waiting + ' waiting or duplicate';
  }

  function renderUncertain(uncertain) {
    var banner = document.getElementById('uncertain-banner');
    banner.hidden = !uncertain.length;
    banner.textContent = !uncertain.length ? '' : uncertain.length === 1
      ? '1 delivery may have arrived without an answer and waits for a decision: open its file and resolve it.'
      : uncertain.length + ' deliveries may have arrived without an answer and wait for a decision: open their '
        + 'files and resolve them.';
  }

  // --- the files list ------------------------------------------------------------------------------------------
  function query() {
    var params = [];
    ['state', 'target', 'name', 'hash', 'from', 'to'].forEach(function (name) {
      var value = document.getElementById('filter-' + name).value;
      if (value) { params.push(name + '=' + encodeURIComponent(value)); }
    });
    params.push('limit=100');
    return '/api/files?' + params.join('&');
  }

  function renderFiles(files) {
    var body = document.querySelector('#files tbody');
    body.textContent = '';
    document.getElementById('files-empty').hidden = files.length > 0;
    files.forEach(function (f) {
      var link = el('a', { href: '#file-' + f.id, cls: 'file-link', text: f.name });
      link.addEventListener('click', function (event) { event.preventDefault(); showJourney(f.id, true); });
      var targets = el('ul', { cls: 'targets' });
      f.targets.forEach(function (t) {
        targets.appendChild(el('li', null, t.target + ' ', stateBadge(t.state),
          t.chunks > 1 ? ' ' + t.chunks + ' chunks' : ''));
      });
      var row = el('tr', { 'data-file-id': f.id, cls: openFile === f.id ? 'open' : '' },
        el('th', { scope: 'row' }, link), el('td', null, stateBadge(f.state),
          f.laterIntake ? el('span', { cls: 'later', text: ' taken in again as #' + f.laterIntake }) : null), el('td', { text: time(f.receivedAt) }),
        el('td', null, targets), el('td', { cls: 'number', text: String(f.lines) }));
      body.appendChild(row);
    });
  }

  // --- Insights batches (a target type of their own: a folder of record types, one batchDate) --------------------
  function renderBatches(batches) {
    document.getElementById('batches').hidden = !batches.length;
    var body = document.querySelector('#batch-table tbody');
    body.textContent = '';
    batches.forEach(function (b) {
      var tools = el('td');
      if (b.canRerun) {
        add(tools, actionButton('rerun', 'Re-run batch ' + b.dataSource + '/' + b.batchName, function () {
          return api('/api/insights-batches/' + b.id + '/rerun', { method: 'POST' });
        }));
      }
      body.appendChild(el('tr', { 'data-batch-id': b.id }, el('th', { scope: 'row', text: b.target + ': '
          + b.dataSource + '/' + b.batchName }), el('td', null, stateBadge(b.state)),
        el('td', { text: b.batchDate || '' }),
        el('td', { text: b.errorCode ? b.errorCode + ': ' + (b.errorMessage || '') : '' }), tools));
    });
  }

  // --- one file's journey ------------------------------------------------------------------------------------
  function field(term, value, wide) {
    if (value === null || value === undefined || value === '') { return null; }
    return el('div', wide ? { cls: 'wide' } : null, el('dt', { text: term }), el('dd', null, value));
  }

  function add(parent, child) {
    if (child) { parent.appendChild(child); }
  }

  function actionButton(action, label, handler) {
    if (!session || !session.operator) { return null; }
    var button = el('button', { type: 'button', 'data-action': action, text: label });
    button.addEventListener('click', function () {
      if (!window.confirm(label + '?')) { return; }
      button.disabled = true;
      handler().then(function (answer) {
        announce(answer && answer.message ? answer.message : label + ': done');
        refresh();
      }).catch(function (error) {
        button.disabled = false;
        announce(label + ' refused: ' + error.message);
        window.alert(label + ' refused: ' + error.message);
      });
    });
    return button;
  }

  function renderJourney(j) {
    var f = j.file;
    var body = document.getElementById('journey-body');
    body.textContent = '';
    document.getElementById('journey-title').textContent = 'Journey of ' + f.name;
    body.appendChild(el('dl', { cls: 'facts' },
      field('State', stateBadge(f.state)),
      field('Received', time(f.receivedAt)), field('Finished', time(f.finishedAt)),
      field('Size', f.bytes + ' bytes, ' + f.lines + ' lines'),
      field('SHA-256', el('code', { text: f.sha256 }), true), field('MD5', el('code', { text: f.md5 })),
      field('Original kept at', j.keptAt ? el('code', { text: j.keptAt }) : null, true),
      field('Duplicate of file', f.duplicateOf ? String(f.duplicateOf) : null),
      field('Rows not billed', f.rowsRejected ? String(f.rowsRejected) : null)));
    if (f.errorCode) {
      body.appendChild(el('p', { cls: 'problem file-error', role: 'alert' },
        el('strong', { text: f.errorCode }), ': ' + (f.errorMessage || '')));
    }
    if (f.laterIntake) {
      var later = el('a', { href: '#file-' + f.laterIntake, cls: 'later-intake', text: 'file #' + f.laterIntake });
      later.addEventListener('click', function (event) { event.preventDefault(); showJourney(f.laterIntake, true); });
      body.appendChild(el('p', { cls: 'note' }, 'Taken in again (a replay, or the same bytes dropped again) as ',
        later, ': the deliveries not accepted here went on there.'));
    }
    var tools = el('p', { cls: 'tools' });
    if (j.errorFile) { tools.appendChild(el('a', { href: j.errorFile, text: 'Download ' + f.name + '.error.json' })); }
    if (j.rejectedRowsFile) {
      tools.appendChild(el('a', { href: j.rejectedRowsFile, cls: 'rejected-rows',
        text: 'Download ' + f.name + '.rejected.csv (the rows to fix and drop into the inbox)' }));
    }
    if (j.canReplay) {
      add(tools, actionButton('replay', 'Replay ' + f.name, function () {
        return api('/api/files/' + f.id + '/replay', { method: 'POST' });
      }));
    }
    body.appendChild(tools);

    j.deliveries.forEach(function (d) {
      var box = el('article', { cls: 'delivery', 'data-delivery-id': d.id },
        el('h3', null, d.target + (d.chunkCount > 1 ? ', chunk ' + d.chunkNo + ' of ' + d.chunkCount : '') + ' ',
          el('span', { cls: 'delivery-state' }, stateBadge(d.state))),
        el('dl', { cls: 'facts' },
          field('Delivery', '#' + d.id + ' (' + d.targetType + ')'),
          field('Chunk', (d.chunkBytes === null ? '' : d.chunkBytes + ' bytes, ') + (d.chunkRows === null ? ''
            : d.chunkRows + ' rows') + (d.chunkMd5 ? ', MD5 ' + d.chunkMd5 : '')),
          field('Sent as', d.sentName), field('Remote id', d.remoteId), field('Remote status', d.remoteStatus),
          field('Remote counts', d.remoteTotal === null ? null : d.remoteImported + ' of ' + d.remoteTotal
            + ' imported, ' + d.remoteFailed + ' failed'),
          field('Next attempt', time(d.nextAttemptAt)), field('Uncertain since', time(d.uncertainSince)),
          field('Resolved', d.resolution ? d.resolution + ' by ' + d.resolvedBy + ', ' + time(d.resolvedAt) : null)));
      if (d.errorCode) {
        box.appendChild(el('p', { cls: 'problem delivery-error' }, el('strong', { text: d.errorCode }),
          ': ' + (d.errorMessage || '')));
      }
      if (d.remoteReply) {
        box.appendChild(el('details', null, el('summary', { text: 'The target\'s reply' }),
          el('pre', { text: d.remoteReply })));
      }
      if (d.attemptLog.length) {
        var attempts = el('table', { cls: 'attempts' }, el('caption', { text: 'Attempts' }),
          el('thead', null, el('tr', null, el('th', { scope: 'col', text: '#' }),
            el('th', { scope: 'col', text: 'Started' }), el('th', { scope: 'col', text: 'Outcome' }),
            el('th', { scope: 'col', text: 'HTTP' }), el('th', { scope: 'col', text: 'Code' }))));
        var rows = el('tbody');
        d.attemptLog.forEach(function (a) {
          rows.appendChild(el('tr', null, el('td', { text: String(a.attemptNo) }),
            el('td', { text: time(a.startedAt) }), el('td', { text: a.outcome || 'running' }),
            el('td', { text: a.httpStatus === null ? '' : String(a.httpStatus) }),
            el('td', { text: a.errorCode || '' })));
        });
        attempts.appendChild(rows);
        box.appendChild(attempts);
      }
      var buttons = el('p', { cls: 'tools' });
      if (d.result) { buttons.appendChild(el('a', { href: d.result, text: 'Download the target\'s result' })); }
      if (d.canResolve) {
        add(buttons, actionButton('resolve-delivered', 'Resolve #' + d.id + ' as delivered', function () {
          return api('/api/deliveries/' + d.id + '/resolve', { method: 'POST',
            body: { as: 'delivered', note: 'from the console' } });
        }));
        add(buttons, actionButton('resolve-resend', 'Resend #' + d.id, function () {
          return api('/api/deliveries/' + d.id + '/resolve', { method: 'POST',
            body: { as: 'resend', note: 'from the console' } });
        }));
      }
      if (d.canStop) {
        add(buttons, actionButton('stop', 'Stop mass action ' + d.remoteId, function () {
          return api('/api/deliveries/' + d.id + '/stop', { method: 'POST' });
        }));
      }
      box.appendChild(buttons);
      body.appendChild(box);
    });

    if (j.actions.length) {
      var list = el('ol', { cls: 'actions' });
      j.actions.forEach(function (a) {
        list.appendChild(el('li', { text: time(a.at) + ' ' + a.action + ' by ' + a.actor
          + (a.detail ? ': ' + a.detail : '') }));
      });
      body.appendChild(el('section', { 'aria-label': 'Actions on this file' }, el('h3', { text: 'Actions' }), list));
    }
  }

  function showJourney(id, focus) {
    openFile = id;
    return api('/api/files/' + id).then(function (journey) {
      document.getElementById('journey').hidden = false;
      renderJourney(journey);
      document.querySelectorAll('#files tbody tr').forEach(function (row) {
        row.classList.toggle('open', Number(row.getAttribute('data-file-id')) === id);
      });
      if (focus) { document.getElementById('journey-title').focus(); }
    });
  }

  function refresh() {
    if (busy) { return Promise.resolve(); }
    busy = true;
    return Promise.all([
      api('/api/counts').then(renderCounts),
      api('/api/counts/hourly?hours=24').then(renderHourly),
      api('/api/deliveries/uncertain').then(renderUncertain),
      api(query()).then(renderFiles),
      api('/api/insights-batches?limit=20').then(renderBatches),
      openFile === null ? null : showJourney(openFile, false)
    ]).catch(function (error) { announce('Could not refresh: ' + error.message); })
      .then(function () {
        busy = false;
        document.body.setAttribute('data-refreshed', String(Date.now()));
      });
  }

  document.getElementById('filters').addEventListener('input', function () { refresh(); });
  document.getElementById('filters').addEventListener('submit', function (event) { event.preventDefault(); });
  document.getElementById('logout').addEventListener('click', function () {
    api('/api/session/logout', { method: 'POST' }).catch(function () { return null; })
      .then(function () { location.href = '/console/login.html'; });
  });

  api('/api/session').then(function (s) {
    session = s;
    document.getElementById('who').textContent = s.user + ' (' + (s.operator ? 'operator' : 'read-only') + ')';
    document.body.classList.toggle('operator', s.operator);
    var hash = /^#file-(\d+)$/.exec(location.hash);
    if (hash) { openFile = Number(hash[1]); }
    return refresh();
  }).then(function () { setInterval(refresh, POLL_MS); });
})();
