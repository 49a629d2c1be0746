#pragma once
// Result<T, E>: a value or an error value, for outcomes the real API reports (STYLE.md §5a).
// GCC 12 has no std::expected. A Result is either ok() and holds a T, or holds an E; reading the
// wrong side trips TC_ASSERT. E is each model's own error type (meili::ApiError, es::EsError).

#include <utility>
#include <variant>

#include "model/common/assert.hpp"

namespace taskcheck {

// Wraps an error so that Result<T, E> can be built from it even when T and E convert to each
// other: `return Err(ApiError{...});`.
template <typename E>
struct Err {
    E error;
};
template <typename E>
Err(E) -> Err<E>;

template <typename T, typename E>
class Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    template <typename F>
    Result(Err<F> err) : state_(std::in_place_index<1>, E(std::move(err.error))) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Requires: ok().
    const T& value() const& {
        TC_ASSERT(ok());
        return std::get<0>(state_);
    }
    T& value() & {
        TC_ASSERT(ok());
        return std::get<0>(state_);
    }
    T&& value() && {
        TC_ASSERT(ok());
        return std::get<0>(std::move(state_));
    }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }

    // Requires: !ok().
    const E& error() const& {
        TC_ASSERT(!ok());
        return std::get<1>(state_);
    }

private:
    std::variant<T, E> state_;
};

}  // namespace taskcheck
