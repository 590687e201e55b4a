// The customer's web chat page (/chat/{token}). Talks to the service over a WebSocket (/chat/{token}/ws) and
// falls back to plain HTTP (GET/POST /chat/{token}/messages) while the socket is down. Every message the
// customer types gets a client id, kept when it is sent again, so a resend is stored once. Text is always
// inserted as text (textContent), never as HTML. No build step.
(function () {
  'use strict';

  var RECONNECT_MAX_MS = 30000;
  var POLL_MS = 10000;
  var REFRESH_MS = 60000;
  var ACK_TIMEOUT_MS = 8000;

  // what the service's error codes mean to the customer (its details are for developers, in English)
  var REASONS = {
    RATE_LIMITED: '发得太快了，请稍等',
    TEXT_TOO_LONG: '内容太长，最多 4000 字',
    EMPTY_TEXT: '内容为空',
    UNAVAILABLE: '暂时没发出去',
    NETWORK: '网络错误'
  };

  var token = decodeURIComponent(location.pathname.split('/')[2] || '');
  var base = '/chat/' + encodeURIComponent(token);
  var thread = document.getElementById('thread');
  var reply = document.getElementById('reply');
  var text = document.getElementById('text');
  var sendButton = reply.querySelector('button');
  var status = document.getElementById('status');

  var lines = {};        // stored messages by id
  var pending = [];      // {clientId, text, failed, detail, messageId, sentAt}
  var socket = null;
  var retryMs = 1000;
  var pollTimer = null;
  var gone = false;

  function say(message, isError) {
    status.textContent = message || '';
    status.className = isError ? 'status error' : 'status';
  }

  function newClientId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function timeOf(at) {
    var date = new Date(at);
    return isNaN(date.getTime()) ? '' : date.toLocaleString('zh-CN', {month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit'});
  }

  function bubble(direction, body, at, note, extraClass) {
    var item = document.createElement('li');
    item.className = direction + (extraClass ? ' ' + extraClass : '');
    item.textContent = body;
    if (at) {
      var time = document.createElement('time');
      time.dateTime = at;
      time.textContent = timeOf(at);
      item.appendChild(time);
    }
    if (note) {
      var state = document.createElement('span');
      state.className = 'state';
      state.textContent = note;
      item.appendChild(state);
    }
    return item;
  }

  function render() {
    var stored = Object.keys(lines).map(function (id) { return lines[id]; });
    stored.sort(function (a, b) { return (Date.parse(a.at) || 0) - (Date.parse(b.at) || 0); });
    var atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
    thread.textContent = '';
    if (stored.length === 0 && pending.length === 0) {
      thread.appendChild(bubble('empty', '您好！有什么可以帮您？直接在下面输入就行。'));
    }
    stored.forEach(function (line) {
      thread.appendChild(bubble(line.direction, line.text, line.at));
    });
    pending.forEach(function (waiting) {
      if (waiting.messageId && lines[waiting.messageId]) {
        return;
      }
      var note = waiting.failed ? '未发送：' + waiting.detail + '（点此重发）' : waiting.messageId ? '已发送' : '发送中…';
      var item = bubble('INBOUND', waiting.text, null, note, waiting.failed ? 'failed' : waiting.messageId ? '' : 'pending');
      if (waiting.failed) {
        item.addEventListener('click', function () { resend(waiting); });
      }
      thread.appendChild(item);
    });
    if (atBottom || stored.length + pending.length < 20) {
      thread.scrollTop = thread.scrollHeight;
    }
  }

  function takeThread(messages) {
    lines = {};
    messages.forEach(function (line) { lines[line.id] = line; });
    pending = pending.filter(function (waiting) { return !(waiting.messageId && lines[waiting.messageId]); });
    render();
  }

  function takeLine(line) {
    lines[line.id] = line;
    render();
  }

  function linkGone() {
    gone = true;
    text.disabled = true;
    sendButton.disabled = true;
    say('这个对话链接已失效，请联系网点获取新的链接。', true);
    if (socket) {
      socket.close();
    }
    clearInterval(pollTimer);
  }

  function onFrame(event) {
    var frame;
    try {
      frame = JSON.parse(event.data);
    } catch (notJson) {
      return;
    }
    if (frame.type === 'thread') {
      takeThread(frame.messages || []);
    } else if (frame.type === 'message' && frame.message) {
      takeLine(frame.message);
    } else if (frame.type === 'ack') {
      acknowledged(frame.clientId, frame.messageId);
    } else if (frame.type === 'error') {
      if (frame.code === 'LINK_GONE') {
        linkGone();
      } else {
        refused(frame.clientId, frame.code);
      }
    }
  }

  function acknowledged(clientId, messageId) {
    pending.forEach(function (waiting) {
      if (waiting.clientId === clientId) {
        waiting.messageId = messageId;
        waiting.failed = false;
        if (!lines[messageId]) {
          lines[messageId] = {id: messageId, direction: 'INBOUND', text: waiting.text, at: new Date().toISOString()};
        }
      }
    });
    render();
  }

  function refused(clientId, code) {
    var reason = REASONS[code] || '发送失败';
    pending.forEach(function (waiting) {
      if (waiting.clientId === clientId) {
        waiting.failed = true;
        waiting.detail = reason;
      }
    });
    render();
  }

  function fetchThread() {
    return fetch(base + '/messages', {headers: {'Accept': 'application/json'}, cache: 'no-store', credentials: 'omit'})
      .then(function (response) {
        if (response.status === 404 || response.status === 410) {
          linkGone();
          return null;
        }
        if (!response.ok) {
          throw new Error('读取失败（' + response.status + '）');
        }
        return response.json();
      })
      .then(function (body) {
        if (body) {
          takeThread(body.messages || []);
        }
      })
      .catch(function (failure) {
        say('网络不太好，正在重试…', true);
      });
  }

  function postMessage(waiting) {
    return fetch(base + '/messages', {
      method: 'POST',
      credentials: 'omit',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      body: JSON.stringify({clientId: waiting.clientId, text: waiting.text})
    }).then(function (response) {
      if (response.status === 410 || response.status === 404) {
        linkGone();
        return;
      }
      return response.json().then(function (body) {
        if (response.ok) {
          acknowledged(waiting.clientId, body.id);
        } else {
          refused(waiting.clientId, body.code || (response.status === 429 ? 'RATE_LIMITED' : ''));
        }
      });
    }).catch(function () {
      refused(waiting.clientId, 'NETWORK');
    });
  }

  function deliver(waiting) {
    waiting.failed = false;
    waiting.sentAt = Date.now();
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({type: 'send', clientId: waiting.clientId, text: waiting.text}));
      setTimeout(function () {
        if (!waiting.messageId && !waiting.failed && !gone) {
          postMessage(waiting); // no answer on the socket: the same client id over HTTP is stored once
        }
      }, ACK_TIMEOUT_MS);
    } else {
      postMessage(waiting);
    }
    render();
  }

  function resend(waiting) {
    if (!gone) {
      deliver(waiting);
    }
  }

  function startPolling() {
    if (!pollTimer) {
      pollTimer = setInterval(fetchThread, POLL_MS);
    }
  }

  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
  }

  function connect() {
    if (gone || !('WebSocket' in window)) {
      startPolling();
      return;
    }
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + base + '/ws');
    socket.onopen = function () {
      retryMs = 1000;
      stopPolling();
      text.disabled = false;
      sendButton.disabled = false;
      say('已连接，工作人员会尽快回复');
      pending.forEach(function (waiting) {
        if (!waiting.messageId && !waiting.failed) {
          deliver(waiting);
        }
      });
    };
    socket.onmessage = onFrame;
    socket.onclose = function (event) {
      socket = null;
      if (gone) {
        return;
      }
      if (event.code === 4410) {
        linkGone();
        return;
      }
      say('连接断开，正在重连…', true);
      startPolling();
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
    };
  }

  reply.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = text.value.trim();
    if (!body || gone) {
      return;
    }
    if (body.length > 4000) {
      say('内容太长，最多 4000 字', true);
      return;
    }
    var waiting = {clientId: newClientId(), text: body};
    pending.push(waiting);
    text.value = '';
    deliver(waiting);
  });

  text.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      reply.requestSubmit();
    }
  });

  // a socket lives on one instance: what another instance sent shows up with this refresh
  setInterval(function () {
    if (!gone && document.visibilityState === 'visible') {
      fetchThread();
    }
  }, REFRESH_MS);

  text.disabled = false;
  sendButton.disabled = false;
  render();
  connect();
})();
