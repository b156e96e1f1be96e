// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore: attachments stored in the board file as content-addressed chunks.
#include "boardstore_p.h"
#include "connection.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QSaveFile>
#include <QSqlRecord>

namespace hb::storage {

using namespace detail;

namespace {

// Big enough that a 50 MB manual is ~100 short transactions, small enough that each one is quick on a share.
constexpr qint64 s_chunkSize = 512 * 1024;

QString humanSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

constexpr const char16_t *s_attachmentColumns =
        u"SELECT id, card_id, kind, name, link_path, sha256, size, mime_type, state, created_at, created_by, "
        u"article_id FROM attachments ";

Attachment readAttachmentRow(const QSqlQuery &query)
{
    Attachment attachment;
    attachment.id = query.value(0).toLongLong();
    attachment.cardId = query.value(1).toLongLong();
    attachment.kind = query.value(2).toString() == u"link" ? AttachmentKind::Link : AttachmentKind::File;
    attachment.name = query.value(3).toString();
    attachment.linkPath = query.value(4).toString();
    attachment.sha256 = query.value(5).toString().toLatin1();
    attachment.size = query.value(6).toLongLong();
    attachment.mimeType = query.value(7).toString();
    const QString state = query.value(8).toString();
    attachment.state = state == u"ready"     ? AttachmentState::Ready
                       : state == u"deleted" ? AttachmentState::Deleted
                                             : AttachmentState::Uploading;
    attachment.createdAt = query.value(9).toLongLong();
    attachment.createdBy = query.value(10).toString();
    attachment.articleId = query.value(11).toLongLong();
    return attachment;
}

Result<QByteArray> hashFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorKind::NotFound, tr("cannot read %1: %2").arg(path, file.errorString())};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return Error{ErrorKind::Io, tr("reading %1 failed: %2").arg(path, file.errorString())};
    return hash.result().toHex();
}

} // namespace

Result<QList<Attachment>> BoardStore::attachments(qint64 cardId)
{
    return m_db->list<Attachment>(QString::fromUtf16(s_attachmentColumns)
                                          + QStringLiteral("WHERE card_id = :card AND state = 'ready' "
                                                           "ORDER BY created_at, id"),
                                  {{QStringLiteral(":card"), cardId}}, readAttachmentRow);
}

Result<QList<Attachment>> BoardStore::articleAttachments(qint64 articleId)
{
    return m_db->list<Attachment>(QString::fromUtf16(s_attachmentColumns)
                                          + QStringLiteral("WHERE article_id = :article AND state = 'ready' "
                                                           "ORDER BY created_at, id"),
                                  {{QStringLiteral(":article"), articleId}}, readAttachmentRow);
}

Status BoardStore::checkOwner(const AttachmentOwner &owner)
{
    if (owner.articleId) {
        auto article = loadArticle(owner.articleId, false);
        return article ? Status() : Status(article.error());
    }
    auto card = loadCard(owner.cardId, false);
    return card ? Status() : Status(card.error());
}

Status BoardStore::attachmentsChanged(const AttachmentOwner &owner, QStringView cardKind, QStringView articleKind,
                                      QJsonObject payload)
{
    if (!owner.articleId)
        return cardChanged(CardIndex::Keep, cardKind, owner.cardId, payload);
    payload.insert(QStringLiteral("article_id"), owner.articleId);
    return appendEvent(articleKind, 0, payload);
}

Result<qint64> BoardStore::addAttachment(qint64 cardId, const QString &filePath, const QString &name,
                                         const ProgressCallback &progress)
{
    return addAttachmentTo({cardId, 0}, filePath, name, progress);
}

Result<qint64> BoardStore::addArticleAttachment(qint64 articleId, const QString &filePath, const QString &name,
                                                const ProgressCallback &progress)
{
    return addAttachmentTo({0, articleId}, filePath, name, progress);
}

Result<qint64> BoardStore::addLink(qint64 cardId, const QString &path)
{
    return addLinkTo({cardId, 0}, path);
}

Result<qint64> BoardStore::addArticleLink(qint64 articleId, const QString &path)
{
    return addLinkTo({0, articleId}, path);
}

Result<Attachment> BoardStore::loadAttachment(qint64 id)
{
    auto found = m_db->row<Attachment>(QString::fromUtf16(s_attachmentColumns) + QStringLiteral("WHERE id = :id"),
                                       {{QStringLiteral(":id"), id}}, readAttachmentRow);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ErrorKind::NotFound, tr("there is no attachment #%1").arg(id)};
    return **found;
}

Result<Attachment> BoardStore::attachment(qint64 id)
{
    auto found = loadAttachment(id);
    if (!found)
        return found.error();
    const Attachment &result = *found;
    if (result.state != AttachmentState::Ready)
        return Error{ErrorKind::NotFound, tr("attachment #%1 is not available (%2)").arg(id).arg(toText(result.state))};
    return result;
}

Result<qint64> BoardStore::addAttachmentTo(const AttachmentOwner &owner, const QString &filePath, const QString &name,
                                           const ProgressCallback &progress)
{
    const OperationScope operation(*this);
    if (auto writable = requireWritable(); !writable)
        return writable.error();
    if (auto allowed = requireRole(Role::Editor); !allowed)
        return allowed.error();
    const QFileInfo info(filePath);
    if (!info.exists() || !info.isFile())
        return Error{ErrorKind::NotFound, tr("there is no file at %1").arg(filePath)};
    const QString displayName = name.trimmed().isEmpty() ? info.fileName() : name.trimmed();
    if (auto valid = checkText(tr("file name"), displayName, s_maxTitleLength, true); !valid)
        return valid.error();
    auto limit = attachmentLimit();
    if (!limit)
        return limit.error();
    const qint64 size = info.size();
    if (size > *limit) {
        return Error{ErrorKind::Invalid, tr("%1 is %2; the board's limit for one attachment is %3. Link to it on "
                                            "the share instead.")
                                                 .arg(displayName, humanSize(size), humanSize(*limit))};
    }
    if (auto there = checkOwner(owner); !there)
        return there.error();
    auto sha256 = hashFile(filePath);
    if (!sha256)
        return sha256.error();
    const QString hash = QString::fromLatin1(*sha256);
    const QUuid opId = m_nextOpId.isNull() ? QUuid::createUuid() : m_nextOpId;
    m_nextOpId = QUuid();
    // A retried call whose attachment was already added reports it instead of storing it again.
    auto earlier = m_db->one(QStringLiteral("SELECT result FROM operations WHERE op_id = :op"),
                             {{QStringLiteral(":op"), opId.toString(QUuid::WithoutBraces)}});
    if (!earlier)
        return earlier.error();
    if (earlier->has_value())
        return earlier->value().value(0).toLongLong();

    // 1. The row, in state "uploading": readers never show it.
    qint64 id = 0;
    const qint64 began = now();
    const QString mimeType = QMimeDatabase().mimeTypeForFile(info).name();
    // Written again after a commit whose outcome is unknown: a first row that did land stays "uploading", unseen,
    // and is cleared with the other abandoned uploads.
    auto begun = writeAgainIfUnsure([&]() -> Status {
        auto inserted = m_db->insert(QStringLiteral("INSERT INTO attachments (card_id, article_id, kind, name, sha256, "
                                                    "size, mime_type, state, created_at, created_by) VALUES (:card, "
                                                    ":article, 'file', :name, :sha, :size, :mime, 'uploading', :now, "
                                                    ":login)"),
                                     {{QStringLiteral(":card"), nullable(owner.cardId)},
                                      {QStringLiteral(":article"), nullable(owner.articleId)},
                                      {QStringLiteral(":name"), displayName},
                                      {QStringLiteral(":sha"), hash},
                                      {QStringLiteral(":size"), size},
                                      {QStringLiteral(":mime"), mimeType},
                                      {QStringLiteral(":now"), began},
                                      {QStringLiteral(":login"), m_login}});
        if (!inserted)
            return inserted.error();
        id = *inserted;
        return {};
    });
    if (!begun)
        return begun.error();

    // 2. The content, one chunk per transaction, unless the same bytes are already stored.
    auto stored = m_db->one(QStringLiteral("SELECT count(*), coalesce(sum(length(data)), 0) FROM attachment_chunks "
                                           "WHERE sha256 = :sha"),
                            {{QStringLiteral(":sha"), hash}});
    if (!stored)
        return stored.error();
    const bool deduplicated = stored->has_value() && stored->value().value(1).toLongLong() == size
                              && (size > 0 || stored->value().value(0).toLongLong() == 0);
    if (!deduplicated) {
        if (auto uploaded = uploadChunks(id, filePath, hash, size, progress); !uploaded) {
            // The chunks stored so far go too, unless another attachment (or upload) of the same content uses them.
            discardUpload(id, hash);
            return uploaded.error();
        }
    } else if (progress) {
        progress(size, size);
    }

    // 3. Check what is stored against the hash, then mark it ready: the only moment it becomes visible.
    auto check = streamChunks(hash, size, nullptr, displayName);
    if (!check)
        return check.error();
    if (*check != *sha256) {
        // Purged as abandoned while it stood still (a desktop asleep for an hour): say so, not "it changed".
        if (auto kept = m_db->scalar(QStringLiteral("SELECT count(*) FROM attachments WHERE id = :id"),
                                     {{QStringLiteral(":id"), id}}, 0);
            kept && kept->toLongLong() == 0) {
            return markUploadProgress(id, filePath).error();
        }
        // The stored bytes do not match their hash (the file changed while it was read). Drop the row and, unless
        // another attachment names that hash, the chunks: left behind, they would pass the size-only dedup check
        // and make every later upload of the real content fail.
        discardUpload(id, hash);
        return Error{ErrorKind::Io, tr("%1 changed or could not be stored completely while it was being attached; "
                                       "try again")
                                            .arg(displayName)};
    }
    m_nextOpId = opId;
    auto status = change(
            Role::Editor, QStringLiteral("attachment.add"),
            [&]() -> Status {
                // While uploading, created_at said when the upload last moved (see markUploadProgress()).
                auto ready = m_db->run(QStringLiteral("UPDATE attachments SET state = 'ready', created_at = :began "
                                                      "WHERE id = :id AND state = 'uploading'"),
                                       {{QStringLiteral(":id"), id}, {QStringLiteral(":began"), began}});
                if (!ready)
                    return ready.error();
                if (*ready != 1)
                    return Error{ErrorKind::NotFound, tr("the upload of %1 was cancelled").arg(displayName)};
                // (the owner may have gone while the chunks went in: then nothing is kept)
                if (auto there = checkOwner(owner); !there)
                    return there;
                return attachmentsChanged(owner, eventkind::AttachmentAdded, eventkind::ArticleAttachmentAdded,
                                          {{QStringLiteral("attachment_id"), id},
                                           {QStringLiteral("name"), displayName},
                                           {QStringLiteral("size"), size},
                                           {QStringLiteral("sha256"), hash}});
            },
            &id);
    if (!status)
        return status.error();
    return id;
}

Result<QByteArray> BoardStore::streamChunks(const QString &sha256, qint64 size, QIODevice *out, const QString &name)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 done = 0;
    for (qint64 seq = 0; done < size; ++seq) {
        // One statement per chunk, each read to its end: no read lock outlives a chunk.
        auto chunk =
                m_db->scalar(QStringLiteral("SELECT data FROM attachment_chunks WHERE sha256 = :sha AND seq = :seq"),
                             {{QStringLiteral(":sha"), sha256}, {QStringLiteral(":seq"), seq}});
        if (!chunk)
            return chunk.error();
        const QByteArray data = chunk->toByteArray();
        if (data.isEmpty())
            break;
        if (out && out->write(data) != data.size())
            return Error{ErrorKind::Io, tr("writing %1 failed: %2").arg(name, out->errorString())};
        hash.addData(data);
        done += data.size();
    }
    // Short content cannot match any hash.
    return done == size ? hash.result().toHex() : QByteArray();
}

void BoardStore::discardUpload(qint64 id, const QString &sha256)
{
    (void)m_db->write([&]() -> Status {
        auto removed = m_db->run(QStringLiteral("DELETE FROM attachments WHERE id = :id AND state = 'uploading'"),
                                 {{QStringLiteral(":id"), id}});
        if (!removed || sha256.isEmpty())
            return removed ? Status() : Status(removed.error());
        auto chunks = m_db->run(QStringLiteral("DELETE FROM attachment_chunks WHERE sha256 = :sha AND sha256 NOT IN "
                                               "(SELECT sha256 FROM attachments WHERE sha256 IS NOT NULL)"),
                                {{QStringLiteral(":sha"), sha256}});
        return chunks ? Status() : Status(chunks.error());
    });
}

Status BoardStore::uploadChunks(qint64 id, const QString &filePath, const QString &sha256, qint64 size,
                                const ProgressCallback &progress)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorKind::NotFound, tr("cannot read %1: %2").arg(filePath, file.errorString())};
    qint64 done = 0;
    for (qint64 seq = 0; done < size; ++seq) {
        const QByteArray data = file.read(std::min(s_chunkSize, size - done));
        if (data.isEmpty())
            return Error{ErrorKind::Io, tr("%1 became shorter while it was being attached").arg(filePath)};
        // INSERT OR IGNORE: a chunk that did land is not stored twice when written again.
        auto written = writeAgainIfUnsure([&]() -> Status {
            auto inserted = m_db->run(
                    QStringLiteral("INSERT OR IGNORE INTO attachment_chunks (sha256, seq, data) "
                                   "VALUES (:sha, :seq, :data)"),
                    {{QStringLiteral(":sha"), sha256}, {QStringLiteral(":seq"), seq}, {QStringLiteral(":data"), data}});
            if (!inserted)
                return inserted.error();
            return markUploadProgress(id, filePath);
        });
        if (!written)
            return written;
        done += data.size();
        if (progress && !progress(done, size))
            return Error{ErrorKind::Invalid, tr("attaching %1 was cancelled").arg(QFileInfo(filePath).fileName())};
    }
    return {};
}

Result<qint64> BoardStore::addLinkTo(const AttachmentOwner &owner, const QString &path)
{
    const OperationScope operation(*this);
    const QString trimmed = path.trimmed();
    if (auto valid = checkText(tr("link"), trimmed, s_maxTextLength, true); !valid)
        return valid.error();
    const QString name = linkName(trimmed);
    qint64 id = 0;
    auto status = change(
            Role::Editor, QStringLiteral("attachment.link"),
            [&]() -> Status {
                if (auto there = checkOwner(owner); !there)
                    return there;
                auto inserted = m_db->insert(
                        QStringLiteral("INSERT INTO attachments (card_id, article_id, kind, name, link_path, state, "
                                       "created_at, created_by) VALUES (:card, :article, 'link', :name, :path, "
                                       "'ready', :now, :login)"),
                        {{QStringLiteral(":card"), nullable(owner.cardId)},
                         {QStringLiteral(":article"), nullable(owner.articleId)},
                         {QStringLiteral(":name"), name},
                         {QStringLiteral(":path"), trimmed},
                         {QStringLiteral(":now"), now()},
                         {QStringLiteral(":login"), m_login}});
                if (!inserted)
                    return inserted.error();
                id = *inserted;
                return attachmentsChanged(owner, eventkind::AttachmentLinked, eventkind::ArticleAttachmentLinked,
                                          {{QStringLiteral("attachment_id"), id},
                                           {QStringLiteral("name"), name},
                                           {QStringLiteral("path"), trimmed}});
            },
            &id);
    if (!status)
        return status.error();
    return id;
}

Status BoardStore::readAttachment(qint64 id, QIODevice *out)
{
    auto found = attachment(id);
    if (!found)
        return found.error();
    if (found->kind == AttachmentKind::Link)
        return Error{ErrorKind::Invalid, tr("%1 is a link to %2, not a stored file").arg(found->name, found->linkPath)};
    auto stored = streamChunks(QString::fromLatin1(found->sha256), found->size, out, found->name);
    if (!stored)
        return stored.error();
    if (*stored != found->sha256)
        return Error{ErrorKind::Corrupt,
                     tr("the stored copy of %1 is damaged (its checksum does not match)").arg(found->name)};
    return {};
}

Status BoardStore::saveAttachment(qint64 id, const QString &filePath)
{
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return Error{ErrorKind::Io, tr("cannot write %1: %2").arg(filePath, file.errorString())};
    if (auto read = readAttachment(id, &file); !read) {
        file.cancelWriting();
        return read;
    }
    if (!file.commit())
        return Error{ErrorKind::Io, tr("cannot write %1: %2").arg(filePath, file.errorString())};
    return {};
}

Status BoardStore::removeAttachment(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("attachment.remove"), [&]() -> Status {
        auto found = attachment(id);
        if (!found)
            return found.error();
        // A tombstone: the chunks stay until purged, so undo can bring the attachment back.
        auto removed = m_db->run(
                QStringLiteral("UPDATE attachments SET state = 'deleted', deleted_at = :now, "
                               "deleted_by = :login, version = version + 1 WHERE id = :id"),
                {{QStringLiteral(":now"), now()}, {QStringLiteral(":login"), m_login}, {QStringLiteral(":id"), id}});
        if (!removed)
            return removed.error();
        return attachmentsChanged({found->cardId, found->articleId}, eventkind::AttachmentRemoved,
                                  eventkind::ArticleAttachmentRemoved,
                                  {{QStringLiteral("attachment_id"), id}, {QStringLiteral("name"), found->name}});
    });
}

Status BoardStore::restoreAttachment(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("attachment.restore"), [&]() -> Status {
        auto found = loadAttachment(id);
        if (!found)
            return found.error();
        const Attachment &attachment = *found;
        if (attachment.state == AttachmentState::Ready)
            return {};
        if (attachment.state != AttachmentState::Deleted)
            return Error{ErrorKind::NotFound, tr("the upload of %1 never finished").arg(attachment.name)};
        if (auto there = checkOwner({attachment.cardId, attachment.articleId}); !there)
            return there;
        if (attachment.kind == AttachmentKind::File) {
            // Its chunks stay while any attachment row names them; a purge may still have run on a damaged file.
            auto stored = m_db->scalar(QStringLiteral("SELECT coalesce(sum(length(data)), 0) FROM attachment_chunks "
                                                      "WHERE sha256 = :sha"),
                                       {{QStringLiteral(":sha"), QString::fromLatin1(attachment.sha256)}});
            if (!stored)
                return stored.error();
            if (stored->toLongLong() != attachment.size) {
                return Error{
                        ErrorKind::NotFound,
                        tr("the content of %1 is no longer in the board; attach the file again").arg(attachment.name)};
            }
        }
        auto restored = m_db->run(QStringLiteral("UPDATE attachments SET state = 'ready', deleted_at = NULL, "
                                                 "deleted_by = NULL, version = version + 1 WHERE id = :id"),
                                  {{QStringLiteral(":id"), id}});
        if (!restored)
            return restored.error();
        return attachmentsChanged({attachment.cardId, attachment.articleId}, eventkind::AttachmentRestored,
                                  eventkind::ArticleAttachmentRestored,
                                  {{QStringLiteral("attachment_id"), id}, {QStringLiteral("name"), attachment.name}});
    });
}

} // namespace hb::storage
