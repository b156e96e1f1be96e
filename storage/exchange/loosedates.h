// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace hb::storage {

/**
 * Dates as help-desk exports write them, several ways in one column: ISO 8601 ("2024-03-05", "2024-03-05T14:30Z",
 * "2024-03-05 14:30:00+01:00"), slashes (M/D/YYYY as in the US, or D/M/YYYY: "3/5/2024", "03/05/2024 2:30 PM"),
 * day first with dashes or dots ("05-03-2024 14:30", "05.03.2024"), YYYY/MM/DD. Two-digit years are 20xx. A time
 * without a zone is in @p zone (an invalid one: this desktop's).
 */
namespace loosedates {

enum class Order { MonthFirst, DayFirst };

/// The order the slash dates among @p values use: day first when one of them could only be read so (its first
/// number is above 12), month first otherwise (and when one could only be read month first).
Order slashOrder(const QStringList &values);

/// @p text as UTC milliseconds since the epoch, or nothing when it is no date this reads. With @p format (Qt's date
/// format, "dd.MM.yyyy HH:mm") only that format is read.
std::optional<qint64> parse(QStringView text, Order order = Order::MonthFirst, const QString &format = {},
                            const QTimeZone &zone = {});

} // namespace loosedates
} // namespace hb::storage
