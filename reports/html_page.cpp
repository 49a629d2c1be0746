#include "reports/html_page.hpp"

namespace taskcheck::reports {

const std::string_view kHtmlStyle = R"css(
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
.meta, .breakdown { color: #555; margin: 0.2em 0; }
.filters { margin: 1em 0; }
.filters button { margin: 0 0.3em 0.3em 0; padding: 0.3em 0.8em; border: 1px solid #aaa;
  border-radius: 1em; background: #f6f6f6; cursor: pointer; }
.filters button[aria-pressed="true"] { background: #333; color: #fff; }
details.fixture { border: 1px solid #ddd; border-left-width: 6px; border-radius: 4px;
  margin: 0.4em 0; padding: 0.3em 0.8em; }
details.fixture > summary { cursor: pointer; }
.outcome { display: inline-block; min-width: 8em; font-weight: 600; }
details.fixture[data-outcome="passed"] { border-left-color: #2a7d2a; }
details.fixture[data-outcome="failed"], details.fixture[data-outcome="error"],
details.fixture[data-outcome="unexpected_pass"] { border-left-color: #c62828; }
details.fixture[data-outcome="skipped"] { border-left-color: #b8860b; }
details.fixture[data-outcome="known_failure"] { border-left-color: #1e88a8; }
[data-outcome="passed"] > summary .outcome { color: #2a7d2a; }
[data-outcome="failed"] > summary .outcome, [data-outcome="error"] > summary .outcome,
[data-outcome="unexpected_pass"] > summary .outcome { color: #c62828; }
.step[data-outcome="failed"] > strong, .step[data-outcome="error"] > strong { color: #c62828; }
.file, .time { color: #666; margin-left: 0.6em; }
blockquote { margin: 0.4em 0; padding: 0.2em 0.8em; border-left: 3px solid #ccc; color: #444; }
table.diff { border-collapse: collapse; margin: 0.3em 0; }
table.diff td, table.diff th { border: 1px solid #ddd; padding: 0.2em 0.5em; text-align: left;
  vertical-align: top; font-family: ui-monospace, monospace; white-space: pre-wrap; }
pre { background: #f7f7f7; padding: 0.5em; overflow-x: auto; white-space: pre-wrap;
  word-break: break-all; }
.step { margin: 0.5em 0 0.5em 1em; }
.hidden { display: none; }
)css";

const std::string_view kHtmlScript = R"js(
(function () {
  var fixtures = Array.prototype.slice.call(document.querySelectorAll('.fixture'));
  var buttons = Array.prototype.slice.call(document.querySelectorAll('button[data-filter]'));
  function matches(fixture, filter) {
    return filter === 'all' || fixture.getAttribute('data-outcome') === filter;
  }
  buttons.forEach(function (button) {
    var filter = button.getAttribute('data-filter');
    var count = fixtures.filter(function (f) { return matches(f, filter); }).length;
    button.querySelector('.count').textContent = String(count);
    button.addEventListener('click', function () {
      fixtures.forEach(function (f) { f.classList.toggle('hidden', !matches(f, filter)); });
      buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b === button)); });
    });
  });
  document.body.setAttribute('data-ready', '1');
})();
)js";

}  // namespace taskcheck::reports
