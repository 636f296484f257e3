// The chat page. io() comes from lib/socket.io.min.js, the official client; the server is Program.cs.
"use strict";

const $ = (id) => document.getElementById(id);

// ?transport=polling keeps the connection on HTTP long-polling, ?transport=websocket skips it; by default the client
// starts with polling and upgrades to WebSocket.
const transports = { polling: ["polling"], websocket: ["websocket"] }[new URLSearchParams(location.search).get("transport")]
  ?? ["polling", "websocket"];

let socket = null;
let nick = "";
let room = "lobby";
let whisperTo = null; // { id, nick } while whispering
const typingTimers = new Map(); // nick -> timer that hides "is typing" if no update comes

$("login").addEventListener("submit", (event) => {
  event.preventDefault();
  nick = $("nick").value.trim();
  $("login-error").textContent = "";
  if (socket) {
    socket.connect(); // after a refusal or a kick: try again, with the nickname now in the box
    return;
  }

  // auth is a function so that every attempt, the automatic reconnections too, sends the current nickname and room.
  // closeOnBeforeunload closes the connection when the page goes away, so that a reload frees the nickname at once
  // even on long-polling, where the server would otherwise wait for the missed heartbeat.
  socket = io({ transports, closeOnBeforeunload: true, auth: (send) => send({ nick, room }) });
  listen(socket);
});

function listen(socket) {
  socket.on("connect", () => {
    $("login").hidden = true;
    $("chat").hidden = false;
    setStatus("online", `online as ${nick}`);
    showTransport();
    $("text").focus();
  });

  socket.on("connect_error", (error) => {
    if (socket.active) {
      // The connection failed (server down, network): the client retries by itself.
      setStatus("offline", "reconnecting…");
      return;
    }

    // The server's middleware refused us: error.message is the text it threw. No retry until the user acts.
    $("chat").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = error.message;
    setStatus("offline", "offline");
  });

  socket.on("disconnect", (reason) => {
    if (socket.active) {
      setStatus("offline", `disconnected (${reason}), reconnecting…`);
    } else {
      // "io server disconnect" (a moderator kicked us) or "io client disconnect": no automatic reconnection.
      setStatus("offline", `disconnected: ${reason}`);
      notice(`Disconnected: ${reason}`);
      $("login").hidden = false;
    }
  });

  socket.on("users", (users) => showUsers(users));
  socket.on("message", (message) => addMessage(message.from, message.text, "room"));
  socket.on("private", (message) => addMessage(message.from, message.text, "private", "whisper"));
  socket.on("notice", (text) => notice(text));
  socket.on("typing", (who, typing) => showTyping(who, typing));
}

// --- sending -----------------------------------------------------------------------------------------------------

let typingSentAt = 0;
let typingStop = null;

$("send-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("text").value.trim();
  if (!text || !socket) {
    return;
  }

  $("text").value = "";
  stopTyping();
  const item = whisperTo
    ? addMessage(nick, text, "private mine", `whisper to ${whisperTo.nick}`)
    : addMessage(nick, text, "mine");

  // The server's return value comes back as the acknowledgement; timeout() bounds the wait.
  const delivered = (error, ok) => {
    const mark = item.querySelector(".ack");
    mark.textContent = !error && ok ? "✓" : "not delivered";
    mark.classList.toggle("failed", !!error || !ok);
  };
  if (whisperTo) {
    socket.timeout(10000).emit("private", whisperTo.id, text, delivered);
  } else {
    socket.timeout(10000).emit("message", text, delivered);
  }
});

// A typing hint at most once a second while keys are pressed, and "stopped" after two quiet seconds.
$("text").addEventListener("input", () => {
  if (!socket?.connected || whisperTo) {
    return;
  }

  if (Date.now() - typingSentAt > 1000) {
    socket.emit("typing", true);
    typingSentAt = Date.now();
  }

  clearTimeout(typingStop);
  typingStop = setTimeout(stopTyping, 2000);
});

function stopTyping() {
  clearTimeout(typingStop);
  if (typingSentAt && socket?.connected) {
    socket.emit("typing", false);
  }

  typingSentAt = 0;
}

// --- rooms and whispers ------------------------------------------------------------------------------------------

$("join-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const name = $("room-name").value.trim();
  socket.emit("join", name, (joined) => {
    if (joined) {
      $("room-name").value = "";
      enterRoom(joined);
    } else {
      notice("A room name is 1 to 20 letters, digits or _.");
    }
  });
});

$("leave").addEventListener("click", () => socket.emit("leave", (lobby) => enterRoom(lobby)));

function enterRoom(name) {
  room = name;
  $("room").textContent = `#${name}`;
  notice(`You are in #${name}`);
}

$("whisper-cancel").addEventListener("click", () => whisper(null));

function whisper(user) {
  whisperTo = user;
  $("whisper").hidden = !user;
  $("whisper-nick").textContent = user?.nick ?? "";
  $("text").placeholder = user ? `Whisper to ${user.nick}` : "Message";
  $("text").focus();
}

// --- showing -----------------------------------------------------------------------------------------------------

function setStatus(state, text) {
  $("status").className = `status ${state}`;
  $("status").textContent = text;
}

// Shows the transport in use, and follows the upgrade from polling to WebSocket.
function showTransport() {
  const engine = socket.io.engine;
  $("transport").textContent = engine.transport.name;
  engine.once("upgrade", (transport) => {
    $("transport").textContent = transport.name;
  });
}

function showUsers(users) {
  const list = $("users");
  list.replaceChildren(...users.map((user) => {
    const item = document.createElement("li");
    item.dataset.id = user.id;
    item.dataset.nick = user.nick;
    item.textContent = user.nick;
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = `#${user.room}`;
    item.append(" ", where);
    if (user.id === socket.id) {
      item.classList.add("me");
    } else {
      item.addEventListener("click", () => whisper(user));
    }

    return item;
  }));
  if (whisperTo && !users.some((user) => user.id === whisperTo.id)) {
    whisper(null);
  }
}

function addMessage(from, text, kind, label) {
  const item = document.createElement("li");
  item.className = `message ${kind}`;
  item.dataset.from = from;
  const who = document.createElement("span");
  who.className = "from";
  who.textContent = label ? `${from} (${label})` : from;
  const body = document.createElement("span");
  body.className = "text";
  body.textContent = text;
  const ack = document.createElement("span");
  ack.className = "ack";
  item.append(who, body, ack);
  return append(item);
}

function notice(text) {
  const item = document.createElement("li");
  item.className = "notice";
  item.textContent = text;
  return append(item);
}

function append(item) {
  const list = $("messages");
  list.append(item);
  list.scrollTop = list.scrollHeight;
  return item;
}

function showTyping(who, typing) {
  clearTimeout(typingTimers.get(who));
  typingTimers.delete(who);
  if (typing) {
    typingTimers.set(who, setTimeout(() => showTyping(who, false), 3000));
  }

  const names = [...typingTimers.keys()];
  $("typing").textContent = names.length === 0 ? ""
    : `${names.join(", ")} ${names.length === 1 ? "is" : "are"} typing…`;
}
