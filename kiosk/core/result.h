#pragma once
// kiosk::Result<T>: a small std::expected<T, kiosk::Error>. Its interface is std::expected's
// (has_value, value, error, value_or, and_then, transform, or_else, unexpected), so it can be
// swapped for the standard type once every toolchain we build with has it: g++ 12 in C++23 mode
// does, but clang with Debian's libstdc++ 12 and C++20 does not.

#include <cassert>
#include <concepts>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "kiosk/core/error.h"

namespace kiosk {

template <class E>
class unexpected {
 public:
  constexpr explicit unexpected(E e) : error_(std::move(e)) {}
  constexpr const E& error() const& { return error_; }
  constexpr E& error() & { return error_; }
  constexpr E&& error() && { return std::move(error_); }

 private:
  E error_;
};
template <class E>
unexpected(E) -> unexpected<E>;

// Thrown only by value() on an error, like std::bad_expected_access; the station's code checks
// has_value() first and never lets this cross a layer.
template <class E>
class bad_expected_access : public std::exception {
 public:
  explicit bad_expected_access(E e) : error_(std::move(e)) {}
  const char* what() const noexcept override { return "bad expected access"; }
  const E& error() const { return error_; }

 private:
  E error_;
};

template <class T, class E>
class expected {
 public:
  using value_type = T;
  using error_type = E;

  constexpr expected()
    requires std::default_initializable<T>
      : storage_(std::in_place_index<0>) {}
  template <class U = T>
    requires(std::constructible_from<T, U &&> &&
             !std::same_as<std::remove_cvref_t<U>, expected> &&
             !std::same_as<std::remove_cvref_t<U>, unexpected<E>>)
  constexpr expected(U&& value) : storage_(std::in_place_index<0>, std::forward<U>(value)) {}
  template <class G>
  constexpr expected(const unexpected<G>& u) : storage_(std::in_place_index<1>, u.error()) {}
  template <class G>
  constexpr expected(unexpected<G>&& u)
      : storage_(std::in_place_index<1>, std::move(u).error()) {}

  constexpr bool has_value() const { return storage_.index() == 0; }
  constexpr explicit operator bool() const { return has_value(); }

  constexpr T& value() & {
    if (!has_value()) throw bad_expected_access<E>(error());
    return std::get<0>(storage_);
  }
  constexpr const T& value() const& {
    if (!has_value()) throw bad_expected_access<E>(error());
    return std::get<0>(storage_);
  }
  constexpr T&& value() && {
    if (!has_value()) throw bad_expected_access<E>(error());
    return std::get<0>(std::move(storage_));
  }
  constexpr const E& error() const& {
    assert(!has_value());
    return std::get<1>(storage_);
  }
  constexpr E& error() & {
    assert(!has_value());
    return std::get<1>(storage_);
  }
  constexpr E&& error() && {
    assert(!has_value());
    return std::get<1>(std::move(storage_));
  }

  constexpr T& operator*() & { return std::get<0>(storage_); }
  constexpr const T& operator*() const& { return std::get<0>(storage_); }
  constexpr T&& operator*() && { return std::get<0>(std::move(storage_)); }
  constexpr T* operator->() { return &std::get<0>(storage_); }
  constexpr const T* operator->() const { return &std::get<0>(storage_); }

  template <class U>
  constexpr T value_or(U&& fallback) const& {
    return has_value() ? **this : static_cast<T>(std::forward<U>(fallback));
  }
  template <class U>
  constexpr T value_or(U&& fallback) && {
    return has_value() ? std::move(**this) : static_cast<T>(std::forward<U>(fallback));
  }

  // f: T -> expected<U, E>
  template <class F>
  constexpr auto and_then(F&& f) const& {
    using R = std::remove_cvref_t<std::invoke_result_t<F, const T&>>;
    return has_value() ? std::forward<F>(f)(**this) : R(unexpected(error()));
  }
  template <class F>
  constexpr auto and_then(F&& f) && {
    using R = std::remove_cvref_t<std::invoke_result_t<F, T&&>>;
    return has_value() ? std::forward<F>(f)(std::move(**this))
                       : R(unexpected(std::move(*this).error()));
  }
  // f: T -> U
  template <class F>
  constexpr auto transform(F&& f) const& {
    using U = std::remove_cvref_t<std::invoke_result_t<F, const T&>>;
    if constexpr (std::is_void_v<U>) {
      if (!has_value()) return expected<void, E>(unexpected(error()));
      std::forward<F>(f)(**this);
      return expected<void, E>();
    } else {
      return has_value() ? expected<U, E>(std::forward<F>(f)(**this))
                         : expected<U, E>(unexpected(error()));
    }
  }
  // f: E -> expected<T, E>
  template <class F>
  constexpr expected or_else(F&& f) const& {
    return has_value() ? *this : std::forward<F>(f)(error());
  }

 private:
  std::variant<T, E> storage_;
};

template <class E>
class expected<void, E> {
 public:
  using value_type = void;
  using error_type = E;

  constexpr expected() = default;
  template <class G>
  constexpr expected(const unexpected<G>& u) : error_(u.error()) {}
  template <class G>
  constexpr expected(unexpected<G>&& u) : error_(std::move(u).error()) {}

  constexpr bool has_value() const { return !error_.has_value(); }
  constexpr explicit operator bool() const { return has_value(); }
  constexpr void value() const {
    if (error_) throw bad_expected_access<E>(*error_);
  }
  constexpr const E& error() const& {
    assert(error_);
    return *error_;
  }
  constexpr E&& error() && {
    assert(error_);
    return std::move(*error_);
  }
  template <class F>
  constexpr auto and_then(F&& f) const& {
    using R = std::remove_cvref_t<std::invoke_result_t<F>>;
    return has_value() ? std::forward<F>(f)() : R(unexpected(*error_));
  }
  template <class F>
  constexpr expected or_else(F&& f) const& {
    return has_value() ? *this : std::forward<F>(f)(*error_);
  }

 private:
  std::optional<E> error_;
};

template <class T>
using Result = expected<T, Error>;

// Shorthand for `return kiosk::Fail(Error::…)`.
inline unexpected<Error> Fail(Error error) { return unexpected<Error>(std::move(error)); }

}  // namespace kiosk
