// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report.h"

#include <QByteArray>
#include <QDate>
#include <QJsonObject>

namespace hb::board::metrics {

struct Dataset;

/// The report of @p period (from @p first to @p last, the desk's days) as `helpboard-cli report --json` prints it:
/// @p summary of @p tickets tickets, those @p filter (for people; empty: none) let through.
QJsonObject reportJson(const Dataset &data, const Period &period, const Summary &summary, QDate first, QDate last,
                       int tickets, const QString &filter = {});
/// The same figures as CSV, one per line: metric, detail (the path inside it, "email", "normal.resolution.share"),
/// value. UTF-8, CRLF line ends (RFC 4180).
QByteArray figuresCsv(const QJsonObject &report);
/**
 * One line per ticket of @p period (made, answered or resolved in it, or open at its end) among the rows at
 * @p indexes of @p data: what every metric read of it. Text a spreadsheet would take for a formula starts with an
 * apostrophe.
 */
QByteArray ticketsCsv(const Dataset &data, const QList<qsizetype> &indexes, const Period &period);

} // namespace hb::board::metrics
