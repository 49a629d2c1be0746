#pragma once
// The fixed parts of the HTML report's page: the inline style sheet and script. They hold no
// run data; html_report.cpp places them in <style> and <script> elements.
//
// Script contract: every <button data-filter="F"> gets the count of `.fixture` elements whose
// data-outcome is F ("all" counts every one) in its child `.count`; clicking it hides the
// fixtures that do not match and marks the button aria-pressed. When done, it sets
// data-ready="1" on <body> (the Chromium test waits for it).

#include <string_view>

namespace taskcheck::reports {

extern const std::string_view kHtmlStyle;
extern const std::string_view kHtmlScript;

}  // namespace taskcheck::reports
