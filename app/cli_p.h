// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the files that implement helpboard-cli.

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

} // namespace hb::app::detail
