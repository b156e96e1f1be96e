// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ticketrow.h"

#include <storage/records.h>

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace hb::board::metrics {

/**
 * A resolved ticket as the metrics' cache in the board file keeps it (BoardStore::metricCache(), schema v8): what the
 * metrics keep of its card (TicketCard), its row and its clock's state, worked out from its history once with the
 * desk's levels. Only a row nothing in which goes on with "now" is kept (isCacheable()), so a row stays right until the
 * ticket changes, and the file deletes it then.
 */
struct CachedTicket
{
    TicketCard card;
    TicketRow row;
    QString slaState; ///< sla::stateName() of its clock that matters now
};

/**
 * Whether a ticket's @p row and its clock's @p slaState stay as they are while the ticket does not change: resolved,
 * in a Done-kind column by its history too (no stay in Doing counts up to now), and both its clocks stopped (met or
 * missed). Rows worked out without the desk's levels are never kept (they have no clock state).
 */
bool isCacheable(const TicketRow &row, const QString &slaState);

/**
 * @p ticket in the cache's encoding: a format byte, then every field. Change the format number (s_cacheFormat in
 * cache.cpp) whenever the encoding, TicketRow or TicketCard, or the way they are worked out changes: rows of another
 * format are
 * worked out again (and, of an older format, replaced; a newer program's are left alone).
 */
QByteArray encodeCached(const CachedTicket &ticket);
/// Whether @p data is a newer program's row (its format above this program's).
bool isNewerFormat(const QByteArray &data);

/// Decodes rows one after the other, each name (a login, a target's) read once and shared by the rows that hold it.
class CacheDecoder
{
public:
    /// Decodes @p data, the row kept for ticket @p cardId, into @p card, @p row and @p slaState (default ones); false
    /// when decodeCached() gives nullopt, they then left half-filled.
    bool decode(const QByteArray &data, qint64 cardId, TicketCard &card, TicketRow &row, QString &slaState);

private:
    QHash<QByteArray, QString> m_names;
};

/// The ticket encoded in @p data, kept for ticket @p cardId; nullopt when @p data is of another format, cut short,
/// out of range, of another ticket or not isCacheable() (a row of another program, or a damaged one: worked out
/// again).
std::optional<CachedTicket> decodeCached(const QByteArray &data, qint64 cardId);

} // namespace hb::board::metrics
