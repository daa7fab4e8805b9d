// gongwen serve: small enhancements; every page works without them.
// On a document: n / p jump to the next / previous hit; a sort choice applies at once;
// a citation is selected when focused.
(function () {
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[id^=h]"));
  var at = -1;
  document.addEventListener("keydown", function (e) {
    var tag = e.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || !marks.length) return;
    if (e.key === "n") at = Math.min(at + 1, marks.length - 1);
    else if (e.key === "p") at = Math.max(at - 1, 0);
    else return;
    marks[at].scrollIntoView({ block: "center" });
    location.hash = marks[at].id;
  });
  var sort = document.querySelector("select[name=sort]");
  if (sort) sort.addEventListener("change", function () { sort.form.submit(); });
  // A citation is selected whole when clicked or focused, ready to copy.
  Array.prototype.forEach.call(document.querySelectorAll("textarea.citation"), function (t) {
    t.addEventListener("focus", function () { t.select(); });
  });
})();
