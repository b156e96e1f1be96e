// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report.h"

#include <storage/result.h>

#include <QByteArray>
#include <QDate>
#include <QJsonObject>

class QIODevice;

namespace hb::storage {
class BoardStore;
}

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

/**
 * Every card of @p store's board, archived ones too, one line each (`helpboard-cli export --csv`, File > Export > CSV):
 * every field, labels joined, and the service-level figures and durations @p data (read from the same board) worked
 * out. UTF-8 with a BOM and CRLF line ends, so LibreOffice and Excel open it as it is; read a page of cards at a time.
 */
storage::Status writeCardsCsv(storage::BoardStore &store, const Dataset &data, QIODevice *out);

} // namespace hb::board::metrics
