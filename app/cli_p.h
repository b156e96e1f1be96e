// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the files that implement helpboard-cli.

#include <storage/records.h>
#include <storage/result.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace hb::app::detail {

inline QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("hb::app::Cli", text, nullptr, n);
}

/// A time for people reading a terminal: local time to the minute, "-" when not set.
inline QString localTime(qint64 msecs)
{
    if (!msecs)
        return QStringLiteral("-");
    return QDateTime::fromMSecsSinceEpoch(msecs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

/// A table cell: elided to @p width, then padded with two spaces between columns.
inline QString pad(const QString &text, int width)
{
    const QString shown = text.size() > width ? text.left(width - 1) + QChar(0x2026) : text;
    return shown.leftJustified(width + 2);
}

// One parser per option value, so add, edit and list accept and explain the same spellings.
inline storage::Result<storage::Priority> parsePriority(const QString &text)
{
    if (const auto parsed = storage::priorityFromString(text))
        return *parsed;
    return storage::Error{storage::ErrorKind::Invalid,
                          tr("unknown priority “%1” (critical, high, normal, low)").arg(text)};
}

inline storage::Result<storage::StatusTag> parseStatus(const QString &text)
{
    if (const auto parsed = storage::statusFromString(text))
        return *parsed;
    return storage::Error{
            storage::ErrorKind::Invalid,
            tr("unknown status “%1” (in-progress, needs-review, blocked, waiting-requester, waiting-vendor, none)")
                    .arg(text)};
}

/// With @p allowNone, "none" means no channel (to clear it, or to find cards without one).
inline storage::Result<storage::Channel> parseChannel(const QString &text, bool allowNone)
{
    const auto parsed = storage::channelFromString(text == u"none" ? QString() : text);
    if (parsed && (allowNone || *parsed != storage::Channel::None))
        return *parsed;
    return storage::Error{storage::ErrorKind::Invalid,
                          tr("unknown channel “%1” (email, phone, chat, walk-in, portal, monitoring%2)")
                                  .arg(text, allowNone ? QStringLiteral(", none") : QString())};
}

} // namespace hb::app::detail
