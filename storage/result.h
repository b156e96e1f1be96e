// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace hb::storage {

/// What went wrong, in terms a caller can act on. The CLI maps each kind to an exit code.
enum class ErrorKind {
    Busy,      ///< another user held the file for longer than we were willing to wait
    Conflict,  ///< someone else changed the same thing first (stale expected version)
    ReadOnly,  ///< the file, folder or share cannot be written
    Forbidden, ///< the user's role does not allow this change
    NotFound,  ///< the row does not exist (or was deleted)
    Invalid,   ///< bad input; nothing was written
    Corrupt,   ///< SQLite reports corruption; the board is never written again in this session
    NotABoard, ///< the file is not a HelpBoard board
    TooNew,    ///< the board was written by a newer HelpBoard
    Io,        ///< the file system failed (share gone, disk full, ...)
};

QString errorKindName(ErrorKind kind);

/**
 * What failed underneath a change or a read, in terms that do not depend on the storage engine: the rules for
 * trying again (the board's save worker) are written on it, never on an engine's own codes.
 */
enum class FailureCause {
    None,     ///< nothing failed underneath: bad input, a conflict, a refusal (or no failure at all)
    Busy,     ///< others held the board's lock for longer than the store waited
    ReadOnly, ///< the file, folder or share refused to be written
    Gone,     ///< the file could not be opened: moved away, deleted, or its share is not there
    Io,       ///< reading or writing failed part-way (a share that dropped, a failing disk)
    Full,     ///< the disk or share holding the board is full
    Damaged,  ///< the file is damaged, or is not a board
    Other,    ///< the engine failed in another way
};

struct Error
{
    ErrorKind kind;
    QString message;                         ///< one line a person can read, translated where possible
    FailureCause cause = FailureCause::None; ///< what failed underneath, when the file itself failed
};

/**
 * A value or an Error, in the spirit of std::expected (C++23). Errors cross layers as values;
 * nothing in storage/ throws.
 */
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    // By value, so `for (auto &x : f().value())` does not dangle.
    T value() && { return std::get<0>(std::move(m_data)); }
    /// The value, or @p fallback when this is an error.
    T value_or(T fallback) const & { return ok() ? value() : std::move(fallback); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace hb::storage
