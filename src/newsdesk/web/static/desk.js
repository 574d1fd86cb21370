// newsdesk: optional keyboard shortcuts. Every page works without this file.
// j / k: next / previous item; "/": focus the search box; "?": show or hide the help.
(function () {
  "use strict";
  var current = -1;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-nav]"));
  }

  function move(step) {
    var list = items();
    if (!list.length) return;
    if (current >= 0 && list[current]) list[current].classList.remove("current");
    current = Math.max(0, Math.min(list.length - 1, current + step));
    var item = list[current];
    item.classList.add("current");
    var link = item.querySelector("a");
    (link || item).focus();
    item.scrollIntoView({ block: "nearest" });
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var help = document.getElementById("keys");
    if (event.key === "j") { move(1); event.preventDefault(); }
    else if (event.key === "k") { move(-1); event.preventDefault(); }
    else if (event.key === "/") {
      var box = document.getElementById("q");
      if (box) { box.focus(); box.select(); event.preventDefault(); }
    } else if (event.key === "?") {
      if (help) help.hidden = !help.hidden;
      event.preventDefault();
    } else if (event.key === "Escape" && help) {
      help.hidden = true;
    }
  });
})();
