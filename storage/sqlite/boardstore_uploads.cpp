// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore: finding and removing uploads that never finished (a process killed mid-way, a desktop gone).
#include "boardstore_p.h"
#include "connection.h"

#include <storage/boardstore.h>

#include <QFileInfo>
#include <QSqlRecord>

namespace hb::storage {

using namespace detail;

namespace {

// A few chunks (at most 512 KiB each) per transaction: colleagues' saves wait for one short batch at most.
constexpr int s_chunksPerBatch = 8;

} // namespace

qint64 BoardStore::abandonedUploadAge()
{
    bool ok = false;
    const qint64 fromEnvironment = qEnvironmentVariable("HELPBOARD_ABANDONED_UPLOAD_AGE_MS").toLongLong(&ok);
    return ok && fromEnvironment >= 0 ? fromEnvironment : s_abandonedUploadAgeMs;
}

Status BoardStore::markUploadProgress(qint64 id, const QString &filePath)
{
    // While the row is "uploading", created_at is the time of its last chunk: a purge tells a slow upload from a
    // dead one by it. The upload's start time comes back when it becomes ready.
    auto touched =
            m_db->run(QStringLiteral("UPDATE attachments SET created_at = :now WHERE id = :id AND state = 'uploading'"),
                      {{QStringLiteral(":now"), now()}, {QStringLiteral(":id"), id}});
    if (!touched)
        return touched.error();
    if (*touched != 1) {
        return Error{ErrorKind::NotFound, tr("the upload of %1 was removed as abandoned; attach the file again")
                                                  .arg(QFileInfo(filePath).fileName())};
    }
    return {};
}

Result<AbandonedUploads> BoardStore::abandonedUploads(qint64 olderThanMs)
{
    AbandonedUploads found;
    const qint64 cutoff = now() - olderThanMs;
    const Status read = readSnapshot([&]() -> Status {
        auto rows = m_db->scalar(QStringLiteral("SELECT count(*) FROM attachments WHERE state = 'uploading' "
                                                "AND created_at < :cutoff"),
                                 {{QStringLiteral(":cutoff"), cutoff}}, 0);
        if (!rows)
            return rows.error();
        found.count = rows->toInt();
        // length() of a blob reads its size only, not its pages.
        auto bytes = m_db->scalar(QStringLiteral("SELECT coalesce(sum(length(data)), 0) FROM attachment_chunks c "
                                                 "WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = "
                                                 "c.sha256 AND NOT (a.state = 'uploading' AND a.created_at < "
                                                 ":cutoff))"),
                                  {{QStringLiteral(":cutoff"), cutoff}}, 0);
        if (!bytes)
            return bytes.error();
        found.bytes = bytes->toLongLong();
        return {};
    });
    if (!read)
        return read.error();
    return found;
}

Result<int> BoardStore::purgeAbandonedUploads(qint64 olderThanMs)
{
    if (auto writable = requireWritable(); !writable)
        return writable.error();
    if (!requireRole(Role::Editor)) {
        if (auto role = resolveRole(); !role)
            return role.error();
        if (auto allowed = requireRole(Role::Editor); !allowed)
            return allowed.error();
    }

    // 1. The rows of uploads that stopped moving. Rows are small: one transaction. An upload that moves again
    // later finds its row gone and stops (see markUploadProgress()).
    int purged = 0;
    auto rows = m_db->write([&]() -> Status {
        auto removed =
                m_db->run(QStringLiteral("DELETE FROM attachments WHERE state = 'uploading' AND created_at < :cutoff"),
                          {{QStringLiteral(":cutoff"), now() - olderThanMs}});
        if (!removed)
            return removed.error();
        purged = *removed;
        return {};
    });
    if (!rows)
        return rows.error();

    // 2. Chunks no attachment names, content by content and a few at a time. Each batch checks again, in its own
    // transaction, that no attachment names that content: an upload of the same bytes that began meanwhile keeps
    // what is left (and stores again what went before).
    auto unused = m_db->list<QString>(QStringLiteral("SELECT DISTINCT sha256 FROM attachment_chunks c WHERE NOT "
                                                     "EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = c.sha256)"),
                                      {}, [](const QSqlQuery &query) { return query.value(0).toString(); });
    if (!unused)
        return unused.error();
    for (const QString &sha256 : *unused) {
        for (int deleted = 1; deleted > 0;) {
            auto batch = m_db->write([&]() -> Status {
                auto removed = m_db->run(
                        QStringLiteral("DELETE FROM attachment_chunks WHERE sha256 = :sha AND seq IN (SELECT seq FROM "
                                       "attachment_chunks WHERE sha256 = :same ORDER BY seq DESC LIMIT :batch) AND "
                                       "NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = :named)"),
                        {{QStringLiteral(":sha"), sha256},
                         {QStringLiteral(":same"), sha256},
                         {QStringLiteral(":named"), sha256},
                         {QStringLiteral(":batch"), s_chunksPerBatch}});
                if (!removed)
                    return removed.error();
                deleted = *removed;
                return {};
            });
            if (!batch)
                return batch.error();
        }
    }
    return purged;
}

} // namespace hb::storage
