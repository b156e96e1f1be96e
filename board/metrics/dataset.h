// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report.h"

#include <storage/records.h>
#include <storage/result.h>

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <memory>

namespace hb::storage {
class BoardStore;
struct StoreOptions;
} // namespace hb::storage

namespace hb::board::sla {
class Desk;
} // namespace hb::board::sla

namespace hb::board::metrics {

/**
 * Everything the metrics of a board are worked out from, read in one snapshot: every ticket (archived ones too,
 * deleted ones left out) as a TicketRow beside its card, with the service-level clocks' business times and results
 * when the desk's levels can be used, and the names the figures are shown with. The dashboard and
 * `helpboard-cli report` read it the same way, so they give the same numbers.
 */
struct Dataset
{
    qint64 now = 0; ///< when it was read; 0: never
    qint64 seq = 0; ///< the change feed's last event when it was read (what updateDataset() reads on from)
    /// How many tickets the read that made it worked out from their histories: all of them the first time, the open
    /// and changed ones after (the others from the board's metrics cache, or, updateDataset(), from the earlier read).
    qsizetype ticketsRead = 0;
    qsizetype cacheRead = 0;   ///< how many resolved tickets came from the board's metrics cache (readDataset())
    qsizetype cacheStored = 0; ///< how many of the tickets worked out the read kept in that cache
    QString boardName;
    /// Archived ones too, in order of id (updateDataset(): new ones at the end), as the metrics keep them (TicketCard:
    /// no description).
    QList<TicketCard> cards;
    QList<TicketRow> rows; ///< rows[i] is cards[i]'s
    QHash<qint64, QString> labelNames;
    QHash<qint64, QString> targetNames;
    /// The knowledge base's articles, deleted ones too (tickets may still be linked to them), by id.
    QHash<qint64, QString> articleTitles;
    /// The desk's time zone (Board > Service Levels), whose days the periods are; UTC when the levels do not say, or
    /// name one this machine does not know (no tzdata).
    QByteArray timeZone;
    /// The state of each open ticket's clock that matters now (sla::stateName()), by card id, for the board
    /// filter's SLA rules (CardFilter::Context::slaState); empty without usable levels.
    QHash<qint64, QString> slaStates;
    /// Why the business times and SLA results are missing (the levels cannot be used); empty when they are there.
    QString clocksProblem;
    /// The levels the clocks were worked out with (none when they cannot be used), kept for updateDataset(): it works
    /// out more clocks with them, and their calendar's working time already worked out (a year of it at a fresh read
    /// takes a quarter of a second). Shared by copies; used by one thread at a time.
    std::shared_ptr<sla::Desk> desk;

    /// The period from @p first to @p last (whole days in the desk's time zone), with a bucket per day, or per week
    /// (from @p first on) when it is longer than @p maxDays days.
    Period period(QDate first, QDate last, int maxDays = 62) const;
    /// Today in the desk's time zone.
    QDate today() const;
    QTimeZone zone() const;
};

/**
 * Every ticket of @p store's board at @p now. The resolved ones come from the board's metrics cache (schema v8) where
 * it holds them; the others are worked out from their histories, and the resolved ones among them kept in the cache
 * (by an editor's or admin's program: storeMetricCache()), so the next read of a big board reads few histories.
 * Either way each ticket's card and row are those its history gives (tst_metricviews checks it).
 */
storage::Result<Dataset> readDataset(storage::BoardStore &store, qint64 now);
/// The same through a connection of its own to the board at @p path, now: for a thread other than the window's.
storage::Result<Dataset> readDataset(const QString &path, const storage::StoreOptions &options);
/**
 * @p data (read before from @p store's board; one never read is read whole) as a read at @p now would give it: the
 * tickets the change feed names since, and the open ones (their time in Doing and their clocks go on with now), are
 * read again in one snapshot; the others are kept. A change to the board that may touch every ticket (a column, a
 * label, an escalation target, the service levels, the board's name) or over 5,000 changed tickets read it whole.
 * Every ticket's row and card are those of a fresh read (tst_metricviews checks it), in the earlier read's order with
 * new tickets at the end; the read is of the tickets that changed and the open ones, not of the board.
 */
storage::Result<Dataset> updateDataset(storage::BoardStore &store, Dataset data, qint64 now);
/// The same through a connection of its own to the board at @p path, now.
storage::Result<Dataset> updateDataset(const QString &path, const storage::StoreOptions &options, Dataset data);

} // namespace hb::board::metrics
