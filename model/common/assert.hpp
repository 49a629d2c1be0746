#pragma once
// TC_ASSERT: always-on assertions for taskcheck's own bugs (STYLE.md §5c, §7).
// A failed assertion prints the condition, both values where there are two, and the source
// location, then aborts. They are never compiled out: a model that breaks its own invariant must
// stop, not produce a plausible answer. Errors the real API returns are values (Result), and bad
// user input is an InputError; neither goes through here.

#include <sstream>
#include <string>

namespace taskcheck::detail {

[[noreturn]] void assertion_failed(const char* file, int line, const char* condition,
                                   const std::string& values);

template <typename A, typename B>
std::string describe_pair(const A& a, const B& b) {
    std::ostringstream out;
    out << "left=" << a << " right=" << b;
    return out.str();
}

}  // namespace taskcheck::detail

#define TC_ASSERT(cond)                                                           \
    do {                                                                          \
        if (!(cond)) ::taskcheck::detail::assertion_failed(__FILE__, __LINE__, #cond, ""); \
    } while (0)

#define TC_ASSERT_OP_(a, b, op)                                                          \
    do {                                                                                 \
        const auto& tc_a_ = (a);                                                         \
        const auto& tc_b_ = (b);                                                         \
        if (!(tc_a_ op tc_b_))                                                           \
            ::taskcheck::detail::assertion_failed(__FILE__, __LINE__, #a " " #op " " #b, \
                                                  ::taskcheck::detail::describe_pair(tc_a_, tc_b_)); \
    } while (0)

#define TC_ASSERT_EQ(a, b) TC_ASSERT_OP_(a, b, ==)
#define TC_ASSERT_NE(a, b) TC_ASSERT_OP_(a, b, !=)
#define TC_ASSERT_LT(a, b) TC_ASSERT_OP_(a, b, <)
#define TC_ASSERT_LE(a, b) TC_ASSERT_OP_(a, b, <=)
#define TC_ASSERT_GT(a, b) TC_ASSERT_OP_(a, b, >)
#define TC_ASSERT_GE(a, b) TC_ASSERT_OP_(a, b, >=)
