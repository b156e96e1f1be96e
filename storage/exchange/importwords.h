// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QString>

#include <optional>

namespace hb::storage {

/**
 * What other tools' words mean in HelpBoard, in English, Spanish and Portuguese: a list named "Doing", a status
 * "Resuelto", a priority "2 - High", a channel "Self service". Shared by the Trello and CSV imports.
 */
namespace importwords {

/// @p text lower case, accents off, anything but letters and digits as single spaces: "Asignado a" -> "asignado a".
QString folded(const QString &text);
/// The kind of column a list or status called @p name is, when its name says (done, doing or to do).
std::optional<ColumnKind> columnKind(const QString &name);
/// The waiting or blocked status a status called @p name says ("Pending customer", "Esperando proveedor").
std::optional<StatusTag> statusTag(const QString &name);
std::optional<Priority> priority(const QString &text);
std::optional<Channel> channel(const QString &text);
/// The login a person called @p name gets: an address's name part, or the name lower case with dots for spaces
/// ("Ana María López" -> "ana.maria.lopez").
QString loginFor(const QString &name);
/// "1 card", "3 cards": @p one or @p many, with @p n in it as %1 (English until the translations bring plural forms).
QString counted(qint64 n, const QString &one, const QString &many);

} // namespace importwords
} // namespace hb::storage
