// gongwen serve: small enhancements; every page works without them.
// On a document: n / p jump to the next / previous hit; a sort choice applies at once.
(function () {
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[id^=h]"));
  var at = -1;
  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "INPUT" || e.target.tagName === "SELECT" || !marks.length) return;
    if (e.key === "n") at = Math.min(at + 1, marks.length - 1);
    else if (e.key === "p") at = Math.max(at - 1, 0);
    else return;
    marks[at].scrollIntoView({ block: "center" });
    location.hash = marks[at].id;
  });
  var sort = document.querySelector("select[name=sort]");
  if (sort) sort.addEventListener("change", function () { sort.form.submit(); });
})();
