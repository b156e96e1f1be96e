// SPDX-License-Identifier: GPL-3.0-or-later
#include "attachmentmodel.h"

#include <board/rules/attachmentfiles.h>

#include <QDateTime>
#include <QTextDocument>
#include <QLocale>

namespace hb::board {

namespace {

constexpr qsizetype s_maxThumbnails = 200; // a few MB of small pictures at most

} // namespace

AttachmentModel::AttachmentModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

AttachmentModel::~AttachmentModel() = default;

void AttachmentModel::setAttachments(qint64 cardId, const QList<storage::Attachment> &attachments)
{
    if (cardId != m_cardId) {
        beginResetModel();
        m_cardId = cardId;
        m_attachments = attachments;
        endResetModel();
        return;
    }
    // Same card: remove what went, update what stayed, add what came (the list is oldest first: new ones last).
    for (int row = int(m_attachments.size()) - 1; row >= 0; --row) {
        const qint64 id = m_attachments.at(row).id;
        if (std::none_of(attachments.cbegin(), attachments.cend(), [id](const auto &each) { return each.id == id; })) {
            beginRemoveRows({}, row, row);
            m_attachments.removeAt(row);
            endRemoveRows();
        }
    }
    for (const storage::Attachment &attachment : attachments) {
        const int at = row(attachment.id);
        if (at >= 0) {
            m_attachments[at] = attachment;
            Q_EMIT dataChanged(index(at), index(at));
            continue;
        }
        // Where it belongs among those shown: before the first one that came after it.
        int insertAt = 0;
        while (insertAt < m_attachments.size()
               && (m_attachments.at(insertAt).createdAt < attachment.createdAt
                   || (m_attachments.at(insertAt).createdAt == attachment.createdAt
                       && m_attachments.at(insertAt).id < attachment.id))) {
            ++insertAt;
        }
        beginInsertRows({}, insertAt, insertAt);
        m_attachments.insert(insertAt, attachment);
        endInsertRows();
    }
}

void AttachmentModel::showRemoved(qint64 id)
{
    const int at = row(id);
    if (at < 0)
        return;
    beginRemoveRows({}, at, at);
    m_attachments.removeAt(at);
    endRemoveRows();
}

int AttachmentModel::row(qint64 id) const
{
    for (int row = 0; row < m_attachments.size(); ++row) {
        if (m_attachments.at(row).id == id)
            return row;
    }
    return -1;
}

void AttachmentModel::setThumbnail(const QByteArray &sha256, const QImage &image)
{
    if (m_thumbnails.size() >= s_maxThumbnails)
        m_thumbnails.clear();
    m_thumbnails.insert(sha256, image);
    for (int row = 0; row < m_attachments.size(); ++row) {
        if (m_attachments.at(row).sha256 == sha256)
            Q_EMIT dataChanged(index(row), index(row), {ThumbnailRole, Qt::DecorationRole});
    }
}

int AttachmentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_attachments.size());
}

QVariant AttachmentModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::Attachment &attachment = m_attachments.at(index.row());
    const bool link = attachment.kind == storage::AttachmentKind::Link;
    switch (role) {
    case Qt::DisplayRole:
        return attachment.name;
    case Qt::ToolTipRole:
        return link ? tr("%1\nLink to %2").arg(attachment.name, attachment.linkPath)
                    : tr("%1\n%2, %3")
                               .arg(attachment.name, attachmentfiles::humanSize(attachment.size), attachment.mimeType);
    case Qt::DecorationRole:
    case ThumbnailRole:
        return m_thumbnails.value(attachment.sha256);
    case IdRole:
        return attachment.id;
    case IsLinkRole:
        return link;
    case SizeRole:
        return attachment.size;
    case MimeTypeRole:
        return attachment.mimeType;
    case CreatedByRole:
        return attachment.createdBy;
    case CreatedAtRole:
        return QDateTime::fromMSecsSinceEpoch(attachment.createdAt);
    case LinkRole:
        return attachment.linkPath;
    case Sha256Role:
        return attachment.sha256;
    case DetailsRole: {
        const QString when =
                QLocale().toString(QDateTime::fromMSecsSinceEpoch(attachment.createdAt), QLocale::ShortFormat);
        return QStringLiteral("%1 · %2 · %3")
                .arg(link ? tr("Link") : attachmentfiles::humanSize(attachment.size),
                     m_nameOf ? m_nameOf(attachment.createdBy) : attachment.createdBy, when);
    }
    default:
        return {};
    }
}

} // namespace hb::board
