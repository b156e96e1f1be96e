// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What helpboard-cli reads from outside, checked strictly before any of it reaches the board: due dates, the bytes of
// its arguments, and standard input. Each reader refuses what it cannot read whole, with a message naming the input.

#include <storage/result.h>

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

namespace hb::app::cliinput {

/**
 * A due time from `--due`: `YYYY-MM-DD` (the end of that day, 23:59 local time) or `YYYY-MM-DD[T| ]HH:MM[:SS[.mmm]]`
 * with an optional `Z` or `±HH[:MM]` offset (local time without one). Anything else, an impossible date or time,
 * and times on or before 1970-01-01T00:00Z (0 means "no due date" on the board) are refused, nothing guessed.
 */
storage::Result<qint64> parseDue(const QString &text);

/// A day from `report --from/--to` (@p option names it in messages): exactly `YYYY-MM-DD`, a day that exists, from
/// 1970 on. Anything else is refused, nothing guessed.
storage::Result<QDate> parseDay(const QString &option, const QString &text);
/// True when @p bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool isValidUtf8(const QByteArrayView bytes);

/**
 * One command-line argument as text. Well-formed UTF-8 is decoded as such; every byte of an ill-formed sequence is
 * kept as a lone surrogate U+DC80..U+DCFF (as Python's "surrogateescape" does), so that a file name that is not
 * UTF-8 can still be opened by its bytes (argumentBytes()) while hasInvalidBytes() lets text options refuse it.
 */
QString decodeArgument(const QByteArrayView bytes);
/// The bytes decodeArgument() was given, for opening a file by its real name.
QByteArray argumentBytes(const QString &argument);
/// The argument held bytes that are not UTF-8 (see decodeArgument()).
bool hasInvalidBytes(const QString &argument);
/// How to show an argument in a message: its bytes that are not UTF-8 as \xNN.
QString displayArgument(const QString &argument);

/// The program's arguments (without its name), decoded by decodeArgument().
QStringList decodeArguments(int argc, const char *const *argv);

/**
 * Text for the board read from standard input: UTF-8 (a UTF-8 byte order mark is dropped). UTF-16 (a FF FE or
 * FE FF byte order mark), ill-formed UTF-8 and NUL bytes are refused.
 */
storage::Result<QString> decodeStandardInput(const QByteArray &bytes);

/**
 * Reads @p in to its end, or until it has given more than @p maximum bytes (then maximum + 1 are returned, for the
 * caller to refuse). A pipe gives what it has at each read: one read of a standard input is not all of it.
 */
QByteArray readAtMost(QIODevice &in, qint64 maximum);

/// An error naming @p what when @p text cannot go on the board as text: bytes that are not UTF-8, or a NUL.
std::optional<storage::Error> textProblem(const QString &what, const QString &text);

} // namespace hb::app::cliinput
