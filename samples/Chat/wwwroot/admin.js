// The moderators' page: the /admin namespace, which accepts only the configured token (Chat:AdminToken).
"use strict";

const $ = (id) => document.getElementById(id);
const transports = { polling: ["polling"], websocket: ["websocket"] }[new URLSearchParams(location.search).get("transport")]
  ?? ["polling", "websocket"];

let socket = null;
let token = "";

$("login").addEventListener("submit", (event) => {
  event.preventDefault();
  token = $("token").value;
  $("login-error").textContent = "";
  if (socket) {
    socket.connect();
    return;
  }

  socket = io("/admin", { transports, auth: (send) => send({ token }) });
  socket.on("connect", () => {
    $("login").hidden = true;
    $("panel").hidden = false;
    setStatus("online", "online");
    refresh();
  });
  socket.on("connect_error", (error) => {
    if (!socket.active) {
      $("login-error").textContent = error.message; // the middleware's message, e.g. "Wrong admin token."
    }

    setStatus("offline", socket.active ? "reconnecting…" : "offline");
  });
  socket.on("disconnect", (reason) => setStatus("offline", `disconnected: ${reason}`));
  // The server says when someone joins, moves or leaves.
  socket.on("users changed", refresh);
});

$("refresh").addEventListener("click", refresh);

function refresh() {
  socket.emit("list", (users) => {
    $("users").replaceChildren(...users.map((user) => {
      const row = document.createElement("tr");
      row.dataset.id = user.id;
      row.dataset.nick = user.nick;
      for (const text of [user.nick, `#${user.room}`, user.address, user.id]) {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.append(cell);
      }

      const kick = document.createElement("button");
      kick.className = "kick";
      kick.textContent = "Kick";
      kick.addEventListener("click", () => socket.emit("kick", user.id, (kicked) => {
        $("admin-log").textContent = kicked ? `Kicked ${user.nick}.` : `${user.nick} was already gone.`;
        refresh();
      }));
      const cell = document.createElement("td");
      cell.append(kick);
      row.append(cell);
      return row;
    }));
  });
}

function setStatus(state, text) {
  $("status").className = `status ${state}`;
  $("status").textContent = text;
}
