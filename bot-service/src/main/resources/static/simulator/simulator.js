// The simulated phone: shows what the service sent to a number and what was replied from it, and sends replies
// through POST /api/simulator/phones/{e164}/reply (the same inbound path as a Twilio webhook). Uses the signed-in
// session; no build step.
(function () {
  'use strict';

  var POLL_MS = 2000;
  var pick = document.getElementById('pick');
  var number = document.getElementById('number');
  var thread = document.getElementById('thread');
  var reply = document.getElementById('reply');
  var text = document.getElementById('text');
  var send = reply.querySelector('button');
  var status = document.getElementById('status');
  var phone = null;
  var shown = '';
  var timer = null;

  function api(path) {
    return '/api/simulator/phones/' + encodeURIComponent(phone) + path;
  }

  function say(message, isError) {
    status.textContent = message || '';
    status.className = isError ? 'status error' : 'status';
  }

  function render(lines) {
    var key = JSON.stringify(lines);
    if (key === shown) {
      return;
    }
    shown = key;
    thread.textContent = '';
    if (lines.length === 0) {
      var empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = '这个号码还没有短信';
      thread.appendChild(empty);
    }
    lines.forEach(function (line) {
      var item = document.createElement('li');
      item.className = line.direction;
      item.textContent = line.text;
      var at = document.createElement('time');
      at.dateTime = line.at;
      at.textContent = new Date(line.at).toLocaleString('zh-CN');
      item.appendChild(at);
      thread.appendChild(item);
    });
    thread.scrollTop = thread.scrollHeight;
  }

  function refresh() {
    if (!phone) {
      return Promise.resolve();
    }
    return fetch(api('/messages'), {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status === 401 ? '请先登录' : '读取失败（' + response.status + '）');
        }
        return response.json();
      })
      .then(function (lines) {
        render(lines);
        say(phone);
      })
      .catch(function (failure) {
        say(failure.message, true);
      });
  }

  function open(e164) {
    phone = e164.replace(/\s+/g, '');
    if (phone && phone.charAt(0) !== '+') {
      phone = '+' + phone;
    }
    shown = '';
    text.disabled = false;
    send.disabled = false;
    history.replaceState(null, '', '?phone=' + encodeURIComponent(phone));
    clearInterval(timer);
    timer = setInterval(refresh, POLL_MS);
    refresh();
  }

  pick.addEventListener('submit', function (event) {
    event.preventDefault();
    open(number.value);
  });

  reply.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = text.value.trim();
    if (!phone || !body) {
      return;
    }
    send.disabled = true;
    fetch(api('/reply'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      body: JSON.stringify({text: body})
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('发送失败（' + response.status + '）');
      }
      text.value = '';
      return refresh();
    }).catch(function (failure) {
      say(failure.message, true);
    }).then(function () {
      send.disabled = false;
    });
  });

  text.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      reply.requestSubmit();
    }
  });

  var asked = new URLSearchParams(location.search).get('phone');
  if (asked) {
    number.value = asked;
    open(asked);
  }
})();
