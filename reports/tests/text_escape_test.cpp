// Escaping is what keeps a hostile response body from breaking a report: each case feeds the
// bytes a misbehaving target can send and asserts the exact text that comes out.
#include "reports/text_escape.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck::reports;

BOOST_AUTO_TEST_SUITE(text_escape)

BOOST_AUTO_TEST_CASE(valid_utf8_keeps_well_formed_text_and_names_bad_bytes) {
    BOOST_TEST(valid_utf8("\xc3\xa9t\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80") ==
               "\xc3\xa9t\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80");
    BOOST_TEST(valid_utf8("a\xff"
                          "b") == "a\\xffb");
    // A truncated sequence, an overlong encoding and a UTF-16 surrogate are each invalid.
    BOOST_TEST(valid_utf8("\xe2\x9c") == "\\xe2\\x9c");
    BOOST_TEST(valid_utf8("\xc0\xaf") == "\\xc0\\xaf");
    BOOST_TEST(valid_utf8("\xed\xa0\x80") == "\\xed\\xa0\\x80");
    BOOST_TEST(valid_utf8("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");
}

BOOST_AUTO_TEST_CASE(visible_text_writes_control_characters_as_escapes) {
    std::string with_nul("a\0b", 3);
    BOOST_TEST(visible_text(with_nul) == "a\\u0000b");
    BOOST_TEST(visible_text("\x1b[31mred\x7f") == "\\u001b[31mred\\u007f");
    BOOST_TEST(visible_text("tab\there\nline\r") == "tab\there\nline\\u000d");
    BOOST_TEST(visible_text("x\xef\xbf\xbey\xef\xbf\xbf") == "x\\uFFFEy\\uFFFF");
    BOOST_TEST(visible_text("\xef\xbf\xbd") == "\xef\xbf\xbd");
}

BOOST_AUTO_TEST_CASE(xml_escapes_markup_and_keeps_attribute_whitespace) {
    BOOST_TEST(xml_text("<a href=\"x\">&</a> ]]>") == "&lt;a href=\"x\"&gt;&amp;&lt;/a&gt; ]]&gt;");
    BOOST_TEST(xml_attribute("a\"b'c\nd\te<") == "a&quot;b&apos;c&#10;d&#9;e&lt;");
    BOOST_TEST(xml_text("\x01") == "\\u0001");
}

BOOST_AUTO_TEST_CASE(html_escapes_both_quotes) {
    BOOST_TEST(html_text("<script>alert('x\")</script>") ==
               "&lt;script&gt;alert(&#39;x&quot;)&lt;/script&gt;");
}

BOOST_AUTO_TEST_CASE(markdown_cell_stays_one_cell_on_one_line) {
    BOOST_TEST(markdown_cell("a|b\nc *d* `e` <f> & [g](h)") ==
               "a\\|b<br>c \\*d\\* \\`e\\` &lt;f&gt; &amp; \\[g\\](h)");
}

BOOST_AUTO_TEST_CASE(markdown_fence_outgrows_backtick_runs) {
    BOOST_TEST(markdown_fence("plain") == "```");
    BOOST_TEST(markdown_fence("``` inside") == "````");
    BOOST_TEST(markdown_fence("a ````` b `` c") == "``````");
}

BOOST_AUTO_TEST_SUITE_END()
