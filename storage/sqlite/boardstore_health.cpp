// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore: knowing a damaged board, and never writing to one (the damage mark, the schema check, verify).
#include "boardstore_p.h"
#include "connection.h"
#include "damagemark.h"
#include "schema.h"

#include <storage/boardstore.h>

#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace hb::storage {

using namespace detail;

namespace {

/// A colleague's window whose heartbeat stopped this long ago without leaving ended uncleanly (a crash, power cut).
constexpr qint64 s_uncleanAfterMs = 2 * 60 * 1000;

/// The tables and indexes HelpBoard makes only when needed (see schema.cpp): not missing when absent.
bool isOptional(const QString &part)
{
    return part == u"table presence" || part.startsWith(u"column presence.");
}

/// "table cards", "index cards_by_column", "trigger ...", "column cards.title": every named part of a schema.
Result<QSet<QString>> schemaParts(Connection &db)
{
    QSet<QString> parts;
    auto objects = db.forEach(QStringLiteral("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite%'"), {},
                              [&](const QSqlQuery &query) {
                                  parts << query.value(0).toString() + QLatin1Char(' ') + query.value(1).toString();
                              });
    if (!objects)
        return objects.error();
    auto columns = db.forEach(QStringLiteral("SELECT m.name, p.name FROM sqlite_master m "
                                             "JOIN pragma_table_info(m.name) p "
                                             "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%'"),
                              {}, [&](const QSqlQuery &query) {
                                  parts << QStringLiteral("column ") + query.value(0).toString() + QLatin1Char('.')
                                                   + query.value(1).toString();
                              });
    if (!columns)
        return columns.error();
    return parts;
}

/// The parts a board of this program has: made once per process by creating a board in memory.
Result<QSet<QString>> referenceParts()
{
    static QMutex s_mutex;
    static std::optional<QSet<QString>> s_reference;
    const QMutexLocker locker(&s_mutex);
    if (s_reference)
        return *s_reference;
    Connection memory;
    if (auto opened = memory.openInMemory(); !opened)
        return opened.error();
    if (auto created = schema::create(memory, QStringLiteral("reference"), QStringLiteral("helpboard"), 0); !created)
        return created.error();
    auto parts = schemaParts(memory);
    if (!parts)
        return parts.error();
    s_reference = *parts;
    return *s_reference;
}

} // namespace

bool BoardStore::isDamaged() const
{
    return !m_damageReason.isEmpty() || m_db->isDamaged();
}

void BoardStore::noteDamage(const QString &reason)
{
    if (m_damageReason.isEmpty())
        m_damageReason = reason;
    (void)DamageMark::write(path(), DamageMark::make(path(), reason, m_login));
}

Result<QStringList> BoardStore::missingSchemaParts()
{
    auto reference = referenceParts();
    if (!reference)
        return reference.error();
    auto actual = schemaParts(*m_db);
    if (!actual)
        return actual.error();
    QStringList missing;
    for (const QString &part : *reference) {
        if (!actual->contains(part) && !isOptional(part))
            missing << part;
    }
    std::sort(missing.begin(), missing.end());
    return missing;
}

Status BoardStore::checkSchema(const StoreOptions &options)
{
    auto missing = missingSchemaParts();
    if (!missing)
        return missing.error();
    if (missing->isEmpty())
        return {};
    const Error damaged{ErrorKind::Corrupt, tr("%1 is damaged: its structure has lost %2; restore it from a backup")
                                                    .arg(path(), missing->join(QStringLiteral(", ")))};
    if (auto kept = markDamaged(damaged, options); !kept)
        return kept.error();
    return {};
}

bool BoardStore::endedUncleanly()
{
    // A colleague's window that stopped beating without leaving, since the last check: the file may hold what a
    // crash left. Nothing here is an error worth refusing the board for; a board without presence has no such rows.
    auto table = m_db->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'presence'"));
    if (!table || table->toInt() == 0)
        return false;
    auto lastCheck = setting(QStringLiteral("last_check_at"));
    auto stale = m_db->scalar(QStringLiteral("SELECT count(*) FROM presence WHERE seen_at < :stale AND seen_at > "
                                             ":checked"),
                              {{QStringLiteral(":stale"), now() - s_uncleanAfterMs},
                               {QStringLiteral(":checked"), lastCheck ? lastCheck->toLongLong() : 0}});
    return stale && stale->toInt() > 0;
}

Result<QStringList> BoardStore::verify()
{
    auto problems = checkFile();
    if (!problems)
        return problems;
    bool damaged = std::any_of(problems->cbegin(), problems->cend(),
                               [](const QString &problem) { return problem.startsWith(tr("integrity: ")); });
    auto missing = missingSchemaParts();
    if (!missing)
        return missing.error();
    for (const QString &part : *missing)
        problems.value() << tr("schema: %1 is missing").arg(part);
    damaged = damaged || !missing->isEmpty();
    if (damaged) {
        noteDamage(tr("%1 is damaged (%2)").arg(path(), problems->mid(0, 3).join(QStringLiteral("; "))));
    } else if (problems->isEmpty() && !m_db->isDamaged()) {
        // Fully sound again (restored, or the mark came from a read that only looked like damage): writable again.
        if (auto cleared = DamageMark::clear(path()); !cleared)
            return cleared.error();
        m_damageReason.clear();
    }
    return problems;
}

} // namespace hb::storage
