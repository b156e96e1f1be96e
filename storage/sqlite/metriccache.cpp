// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardstore_p.h"
#include "connection.h"
#include "schema.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>

#include <QScopeGuard>
#include <QSet>
#include <QSqlQuery>

// Schema v8: each resolved ticket's metrics as board/metrics worked them out from its history, kept so that the
// dashboard and `helpboard-cli report` read a board of 100,000 tickets without reading every history again.
//
// A cache, never the truth: a row is the program's own encoding (board/metrics/cache.cpp), which storage does not
// read, and a program that cannot decode one works the ticket out again. A row stays only while its ticket has not
// changed since it was worked out: the trigger below deletes it in the transaction of any change to the ticket, made
// by whichever program or script appends to the change feed, and deletes every row on the board-wide changes that
// may change a row without naming a ticket. storeMetricCache() writes back only rows that no change has made stale
// since they were read.

namespace hb::storage {

using namespace detail;

namespace {

/// The board's own changes that may change a ticket's cached row without an event of the ticket: a column or a label
/// gone or back (which labels a card shows, a column's kind read from it), a label renamed (a card's labels are read
/// in the order of their names), an escalation target changed (the name an open escalation is read with), the
/// service levels (calendar, targets, waiting statuses). As SQL, for the trigger and
/// for storeMetricCache(), which must agree; the file holds the trigger as written at v8 (a change is a new version).
constexpr char16_t s_wideKinds[] = u"'column.deleted', 'column.restored', 'label.renamed', 'label.deleted', "
                                   u"'label.restored', "
                                   u"'escalation_target.updated', 'escalation_target.deleted', "
                                   u"'escalation_target.restored', 'sla.changed'";

/// Rows written back in each transaction: the lock is held a few tens of milliseconds at a time.
constexpr qsizetype s_rowsPerWrite = 2000;
constexpr int s_busyTimeoutMs = 2000;

} // namespace

namespace schema {

QStringList v8Statements()
{
    return {QStringLiteral("CREATE TABLE metric_cache (\n"
                           "    card_id INTEGER PRIMARY KEY REFERENCES cards(id) ON DELETE CASCADE,\n"
                           "    data BLOB NOT NULL\n"
                           ")"),
            QStringLiteral("CREATE TRIGGER metric_cache_stale AFTER INSERT ON events\n"
                           "BEGIN\n"
                           "    DELETE FROM metric_cache WHERE card_id = NEW.card_id;\n"
                           "    DELETE FROM metric_cache WHERE NEW.card_id IS NULL AND NEW.kind IN (%1);\n"
                           "END")
                    .arg(QString::fromUtf16(s_wideKinds))};
}

} // namespace schema

Result<QList<CachedMetrics>> BoardStore::metricCache()
{
    QList<CachedMetrics> rows;
    if (const Status read = forEachMetricCache([&rows](qint64 cardId, const QByteArray &data) {
            rows << CachedMetrics{cardId, data};
        });
        !read)
        return read.error();
    return rows;
}

Status BoardStore::forEachMetricCache(const std::function<void(qint64 cardId, const QByteArray &data)> &each)
{
    // (a row bigger than any ticket's is damage or mischief: read as none, and worked out again)
    return m_db->forEach(
            QStringLiteral("SELECT c.id, CASE WHEN length(m.data) <= 65536 THEN m.data END FROM cards c "
                           "LEFT JOIN metric_cache m ON m.card_id = c.id WHERE c.deleted_at IS NULL ORDER BY c.id"),
            {}, [&each](const QSqlQuery &query) { each(query.value(0).toLongLong(), query.value(1).toByteArray()); });
}

Result<qsizetype> BoardStore::storeMetricCache(qint64 readSeq, const QList<CachedMetrics> &rows)
{
    if (const Status writable = requireWritable(); !writable)
        return writable.error();
    // (a viewer is refused without taking the write lock; in it, the role as the file says it now)
    if (const Status allowed = requireRole(Role::Editor); !allowed)
        return allowed.error();
    // A cache is not worth a long wait for colleagues' saves: a busy board is left as it is, and written next time.
    const int busyTimeout = m_db->busyTimeout();
    m_db->setBusyTimeout(std::min(busyTimeout, s_busyTimeoutMs));
    const auto restore = qScopeGuard([&] { m_db->setBusyTimeout(busyTimeout); });
    qsizetype stored = 0;
    bool stale = false;
    for (qsizetype first = 0; first < rows.size() && !stale; first += s_rowsPerWrite) {
        qsizetype storedHere = 0;
        const Status written = writeAgainIfUnsure([&]() -> Status {
            storedHere = 0;
            if (const Status role = resolveRole(); !role)
                return role;
            if (const Status allowed = requireRole(Role::Editor); !allowed)
                return allowed;
            // What changed since the rows were read: those tickets' rows are stale, and all of them after a
            // board-wide change.
            QSet<qint64> changed;
            auto since = m_db->forEach(
                    QStringLiteral("SELECT card_id, card_id IS NULL AND kind IN (%1) FROM events WHERE seq > :seq")
                            .arg(QString::fromUtf16(s_wideKinds)),
                    {{QStringLiteral(":seq"), readSeq}}, [&](const QSqlQuery &query) {
                        if (query.value(1).toBool())
                            stale = true;
                        else if (!query.isNull(0))
                            changed.insert(query.value(0).toLongLong());
                    });
            if (!since)
                return since;
            if (stale)
                return {};
            // (and a ticket deleted since has no row: its deletion is a change, but a row read after it is not kept)
            const qsizetype end = std::min(rows.size(), first + s_rowsPerWrite);
            QList<qint64> ids;
            for (qsizetype i = first; i < end; ++i)
                ids << rows.at(i).cardId;
            QSet<qint64> live;
            auto found = m_db->forEach(QStringLiteral("SELECT id FROM cards WHERE deleted_at IS NULL "
                                                      "AND id IN (SELECT value FROM json_each(:ids))"),
                                       {{QStringLiteral(":ids"), idsJson(ids)}},
                                       [&live](const QSqlQuery &query) { live.insert(query.value(0).toLongLong()); });
            if (!found)
                return found;
            auto insert =
                    m_db->prepare(QStringLiteral("INSERT OR REPLACE INTO metric_cache (card_id, data) VALUES (?, ?)"));
            if (!insert)
                return insert.error();
            for (qsizetype i = first; i < end; ++i) {
                const CachedMetrics &row = rows.at(i);
                if (changed.contains(row.cardId) || !live.contains(row.cardId) || row.data.isEmpty())
                    continue;
                if (auto ran = insert->run({row.cardId, row.data}); !ran)
                    return ran.error();
                ++storedHere;
            }
            return {};
        });
        if (!written)
            return written.error();
        stored += storedHere;
    }
    return stored;
}

} // namespace hb::storage
